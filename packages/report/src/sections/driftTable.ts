import { formatNumber } from '../format/formatNumber.js';
import { escapeHtml } from '../html/escapeHtml.js';
import type { DriftRow } from '../model/ReportModel.js';

const ruleText: Readonly<Record<NonNullable<DriftRow['rule']>, string>> = { 'p<=t': 'p ≤', 'p<t': 'p <', 'd>t': 'd >', 'd>=t': 'd ≥' };

/**
 * The drift table: one row per column with its method, statistic, p-value or distance, the
 * threshold with the rule that compares them, and the verdict (or why the column was skipped).
 * A column with a distribution chart links to it (`anchors` maps column name to element id).
 */
export function driftTable(rows: readonly DriftRow[], anchors: ReadonlyMap<string, string>): string {
  let body = '';
  for (const r of rows) {
    const score = r.measure === 'p_value' ? r.pValue : r.statistic;
    const rule = r.rule ? ruleText[r.rule] : r.measure === 'p_value' ? 'p ≤' : 'd ≥';
    const threshold = r.threshold === null ? '—' : `${rule} ${formatNumber(r.threshold)}`;
    const verdict =
      r.skipped !== undefined || r.drifted === null
        ? '<span class="badge b-skip">Skipped</span>'
        : r.drifted
          ? '<span class="badge b-alert">Drift</span>'
          : '<span class="badge b-ok">No drift</span>';
    const anchor = anchors.get(r.column);
    const name = escapeHtml(r.column);
    const falseAlarms = r.falseAlarms ? falseAlarmCell(r.falseAlarms, r.threshold) : '<td class="num">—</td>';
    body +=
      `<tr${r.drifted === true && r.skipped === undefined ? ' class="drifted"' : ''}>` +
      `<th scope="row">${anchor ? `<a href="#${anchor}">${name}</a>` : name}</th>` +
      `<td>${escapeHtml(r.kind)}</td><td>${escapeHtml(r.method)}</td>` +
      `<td class="num">${formatNumber(r.statistic)}</td>` +
      `<td class="num">${r.measure === 'p_value' ? 'p = ' : 'd = '}${formatNumber(score)}</td>` +
      `<td class="num">${threshold}</td>${falseAlarms}<td>${verdict}</td>` +
      `<td class="note">${r.skipped !== undefined ? escapeHtml(r.skipped) : ''}</td></tr>`;
  }
  return (
    '<section id="drift"><h2>Drift by column</h2><div class="scroll"><table class="data">' +
    '<thead><tr><th scope="col">Column</th><th scope="col">Kind</th><th scope="col">Method</th><th scope="col" class="num">Statistic</th>' +
    '<th scope="col" class="num">p-value / distance</th><th scope="col" class="num">Drift when</th>' +
    '<th scope="col" class="num" title="Share of columns this method flags when nothing changed">False alarms</th>' +
    '<th scope="col">Verdict</th><th scope="col">Note</th></tr></thead>' +
    `<tbody>${body}</tbody></table></div>` +
    (rows.some((r) => r.falseAlarms)
      ? '<p class="note">False alarms: the share of columns the method flags when reference and current come from one ' +
        'distribution, measured at the nearest sample sizes (reference/current rows) on 1000 such columns per figure, ' +
        'at the method’s default threshold; a range spans the distributions measured (see packages/drift/CALIBRATION.md). ' +
        'A test at threshold 0.05 should flag about 5%: an alarm from a method that flags far more is weaker evidence.</p>'
      : '') +
    '</section>'
  );
}

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The false-alarm rate cell: the rate (or range), its measured sizes and threshold in the tooltip. */
function falseAlarmCell(f: NonNullable<DriftRow['falseAlarms']>, threshold: number | null): string {
  const rate = f.low === f.high ? percent(f.low) : `${(100 * f.low).toFixed(1)}–${percent(f.high)}`;
  const at = threshold !== null && threshold !== f.threshold ? ` at ${formatNumber(f.threshold)}` : '';
  const title =
    `measured at ${f.reference}/${f.current} rows, threshold ${formatNumber(f.threshold)}, ` +
    `${f.scenarios.length === 1 ? `scenario ${f.scenarios[0]}` : `${f.scenarios.length} scenarios: ${f.scenarios.join(', ')}`}`;
  return `<td class="num" title="${escapeHtml(title)}">${rate}${at}</td>`;
}
