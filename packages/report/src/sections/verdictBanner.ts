import { escapeHtml } from '../html/escapeHtml.js';
import type { ReportVerdict } from '../model/ReportModel.js';

const word: Readonly<Record<ReportVerdict['status'], string>> = { alert: 'Alert', warning: 'Warning', ok: 'OK', info: 'Note' };

/** The headline banner: a word and a colour for the status (never colour alone), the sentence, the detail. */
export function verdictBanner(v: ReportVerdict): string {
  const status = v.status in word ? v.status : 'info';
  return (
    `<section class="verdict v-${status}" role="status" id="verdict"><span class="vw">${word[status]}</span>` +
    `<div><p class="vh">${escapeHtml(v.headline)}</p>${v.detail ? `<p class="vd">${escapeHtml(v.detail)}</p>` : ''}</div></section>`
  );
}
