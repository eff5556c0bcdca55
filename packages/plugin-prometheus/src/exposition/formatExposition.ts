import { escapeHelp, escapeLabelValue } from './escapeLabelValue.js';
import { formatSampleValue } from './formatSampleValue.js';
import type { MetricFamily } from './MetricFamily.js';

/** Content type of {@link formatExposition}'s output, for a response or a push. */
export const expositionContentType = 'text/plain; version=0.0.4; charset=utf-8';

/** How {@link formatExposition} writes. */
export interface ExpositionFormatOptions {
  /**
   * Write each sample's `timestampMs` after its value (default false). A scrape of `/metrics`
   * may carry them; the Pushgateway rejects pushed samples that have one.
   */
  readonly timestamps?: boolean;
}

/**
 * The Prometheus text exposition format (version 0.0.4) of `families`: per family a `# HELP` and a
 * `# TYPE` line then its samples, families in name order and samples in label order (so equal
 * inputs give equal bytes), label values escaped, the whole ending with a line feed. Families
 * without samples are left out; two families of one name are an error of the caller.
 */
export function formatExposition(families: Iterable<MetricFamily>, options: ExpositionFormatOptions = {}): string {
  const sorted = [...families].filter((f) => f.samples.length > 0).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines: string[] = [];
  let previous: string | undefined;
  for (const family of sorted) {
    if (family.name === previous) throw new Error(`formatExposition: two metric families named ${family.name}`);
    previous = family.name;
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    const samples = family.samples.map((s) => {
      const names = Object.keys(s.labels).sort();
      const labels = names.length === 0 ? '' : `{${names.map((n) => `${n}="${escapeLabelValue(s.labels[n] as string)}"`).join(',')}}`;
      const time =
        options.timestamps && s.timestampMs !== undefined && Number.isFinite(s.timestampMs) ? ` ${Math.round(s.timestampMs)}` : '';
      return { labels, line: `${family.name}${labels} ${formatSampleValue(s.value)}${time}` };
    });
    samples.sort((a, b) => (a.labels < b.labels ? -1 : a.labels > b.labels ? 1 : 0));
    for (const s of samples) lines.push(s.line);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
