import type { ColumnDrift, DriftReport, Frame, NumericColumn, SideCounts, TextColumn } from '@driftwatch/core';
import { type TextContentDrift, textContentDrift } from './textContentDrift.js';
import { type TextDescriptorOptions, textDescriptors } from './textDescriptors.js';

/** A tested text column, before the engine's dataset verdict (the engine's `Pending` shape). */
export interface TextPending {
  readonly base: Omit<ColumnDrift, 'threshold' | 'drifted' | 'statistic' | 'pValue' | 'skipped'>;
  readonly threshold: number;
  readonly statistic: number | null;
  readonly pValue: null;
  readonly skipped?: string;
  readonly drifted?: boolean;
}

/** The method name of text content drift in reports. */
export const textContentMethod = 'text_content';

function counts(c: TextColumn): SideCounts {
  let missing = 0;
  for (const v of c.values) if (v === null) missing++;
  return { rows: c.values.length, missing, invalid: c.invalid, infinite: 0 };
}

function descriptorFrame(c: TextColumn, options: TextDescriptorOptions, source: string): Frame {
  const columns: NumericColumn[] = textDescriptors(c.values, options).map((d) => ({
    kind: 'numeric',
    name: `${c.name}.${d.name}`,
    values: d.values,
    invalid: 0,
  }));
  return { rowCount: c.values.length, columns, source };
}

/**
 * The drift engine's step for a text column, Evidently's treatment of text: the column's verdict is
 * its content drift ({@link textContentDrift}: a domain classifier over TF-IDF, ROC AUC against the
 * bootstrap cut-off below 1000 reference texts, else 0.55, or `threshold` when given), and each
 * descriptor ({@link textDescriptors}) is tested as a numeric column by `compareNumeric` (the engine's
 * own numeric path, default methods) and reported in `text.descriptors` with the separating words.
 * Texts missing or empty on a side, or too few for the split, give a skipped content verdict with
 * the reason; the descriptors are still tested where they can be.
 */
export function testTextColumn(
  ref: TextColumn,
  cur: TextColumn,
  threshold: number | undefined,
  descriptorOptions: TextDescriptorOptions,
  compareNumeric: (reference: Frame, current: Frame) => DriftReport,
): TextPending {
  const refCounts = counts(ref);
  const curCounts = counts(cur);
  const descriptors = compareNumeric(
    descriptorFrame(ref, descriptorOptions, 'reference'),
    descriptorFrame(cur, descriptorOptions, 'current'),
  ).columns;
  const base = {
    column: ref.name,
    kind: 'text' as const,
    method: textContentMethod,
    measure: 'distance' as const,
    rule: 'd>t' as const,
    reference: refCounts,
    current: curCounts,
  };
  const hasWords = (c: TextColumn) => c.values.some((v) => v !== null && /[\p{L}\p{N}_]{2}/u.test(v));
  let skipped: string | undefined;
  if (refCounts.missing === refCounts.rows || curCounts.missing === curCounts.rows)
    skipped = `no text on the ${refCounts.missing === refCounts.rows ? 'reference' : 'current'} side (all missing)`;
  else if (!hasWords(ref) || !hasWords(cur))
    skipped = `no word in the ${hasWords(ref) ? 'current' : 'reference'} texts (empty or symbols only)`;
  let content: TextContentDrift | undefined;
  if (skipped === undefined) {
    try {
      content = textContentDrift(ref.values, cur.values, threshold === undefined ? {} : { bootstrap: false, threshold });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      skipped = error.message;
    }
  }
  const text = {
    descriptors,
    currentWords: content?.currentWords ?? [],
    referenceWords: content?.referenceWords ?? [],
    bootstrap: content?.bootstrap ?? null,
  };
  if (content === undefined) return { base: { ...base, text }, threshold: threshold ?? 0.55, statistic: null, pValue: null, skipped };
  return { base: { ...base, text }, threshold: content.threshold, statistic: content.statistic, pValue: null, drifted: content.drifted };
}
