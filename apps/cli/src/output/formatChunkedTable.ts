import type { ChunkDrift, ChunkedDriftReport, ColumnQuality } from '@driftwatch/core';
import type { Colors } from 'picocolors/types.js';
import { formatMultivariate } from './formatMultivariate.js';
import { columnPadder } from './textTable.js';

function chunkingText(report: ChunkedDriftReport): string {
  const c = report.chunking;
  switch (c.by) {
    case 'size':
      return `chunks of ${c.size} rows, incomplete last chunk: ${c.incomplete ?? 'keep'}`;
    case 'count':
      return `${c.count} chunks of equal size`;
    case 'period':
      return `${c.period} chunks on ${c.timestamp} (UTC)`;
  }
}

function summary(report: ChunkedDriftReport): string {
  const s = report.summary;
  const which = s.driftedChunkKeys.length > 0 ? `: ${s.driftedChunkKeys.join(', ')}` : '';
  return `${s.drifted ? 'Drift DETECTED' : 'No drift'} in ${s.driftedChunks} of ${s.chunks} chunks (${chunkingText(report)})${which}`;
}

function sides(report: ChunkedDriftReport): string {
  const notes: string[] = [];
  if (report.current.missingTimestamps > 0) notes.push(`${report.current.missingTimestamps} without timestamp, left out`);
  if (report.current.droppedRows > 0) notes.push(`${report.current.droppedRows} in a dropped incomplete chunk`);
  const extra = notes.length > 0 ? `; ${notes.join('; ')}` : '';
  return `Reference: ${report.reference.source} (${report.reference.rows} rows)   Current: ${report.current.source} (${report.current.rows} rows${extra})`;
}

/** Notable quality figures of a chunk, e.g. `cat: 12 unseen (z, y)`, `x: 3 missing, 5 out of range`. */
function qualityNotes(quality: readonly ColumnQuality[]): string {
  const notes: string[] = [];
  for (const q of quality) {
    const parts: string[] = [];
    if (q.missing > 0) parts.push(`${q.missing} missing`);
    if (q.unseen && q.unseen.rows > 0) parts.push(`${q.unseen.rows} unseen (${q.unseen.examples.join(', ')})`);
    if (q.range && q.range.below + q.range.above > 0) parts.push(`${q.range.below + q.range.above} out of range`);
    if (parts.length > 0) notes.push(`${q.column}: ${parts.join(', ')}`);
  }
  return notes.join('; ');
}

function columnVerdict(chunk: ChunkDrift, column: string): string {
  const c = chunk.columns.find((r) => r.column === column);
  if (c === undefined || c.skipped !== undefined) return '—';
  return c.drifted ? 'DRIFT' : 'no';
}

/** Header and rows of the chunk × column grid shared by the table and Markdown formats. */
function grid(report: ChunkedDriftReport): { header: string[]; body: string[][] } {
  const columns = report.series.map((s) => s.column);
  const header = ['chunk', 'start', 'rows', 'drifted', 'dataset', ...columns, 'quality'];
  const body = report.chunks.map((c) => [
    c.key,
    c.startDate === undefined ? '—' : c.startDate.slice(0, c.startDate.endsWith('T00:00:00.000Z') ? 10 : 16),
    String(c.rows),
    `${c.dataset.driftedColumns} / ${c.dataset.testedColumns}`,
    c.dataset.drifted ? 'DRIFT' : 'no',
    ...columns.map((name) => columnVerdict(c, name)),
    qualityNotes(c.quality),
  ]);
  return { header, body };
}

/** The chunked report as a terminal grid: one row per chunk, one verdict column per tested column. */
export function formatChunkedTable(report: ChunkedDriftReport, colors: Colors): string {
  const { header, body } = grid(report);
  const pad = columnPadder(header, body);
  const lines = [sides(report), (report.summary.drifted ? colors.red : colors.green)(colors.bold(summary(report))), ''];
  if (body.length === 0) lines.push('No chunks: the current data has no rows to chunk.');
  else lines.push(colors.bold(pad(header)));
  for (const [i, r] of body.entries()) lines.push(report.chunks[i].dataset.drifted ? colors.red(pad(r)) : pad(r));
  if (report.multivariate) lines.push('', ...formatMultivariate(report.multivariate));
  return `${lines.join('\n')}\n`;
}

/** The chunked report as GitHub-flavoured Markdown. */
export function formatChunkedMarkdown(report: ChunkedDriftReport): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const { header, body } = grid(report);
  const lines = ['# Drift report by chunk', '', `**${esc(summary(report))}**`, '', esc(sides(report)), ''];
  if (body.length === 0) lines.push('No chunks: the current data has no rows to chunk.');
  else {
    lines.push(`| ${header.map(esc).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
    for (const r of body) lines.push(`| ${r.map(esc).join(' | ')} |`);
  }
  if (report.multivariate) lines.push('', '## Multivariate drift', '', ...formatMultivariate(report.multivariate).map((l) => `    ${l}`));
  return `${lines.join('\n')}\n`;
}
