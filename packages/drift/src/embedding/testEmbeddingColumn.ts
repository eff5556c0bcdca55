import type { ColumnDrift, EmbeddingColumn, SideCounts } from '@driftwatch/core';
import type { EmbeddingMethodSpec } from './EmbeddingMethodSpec.js';
import { defaultEmbeddingMethod, embeddingDrift } from './embeddingDrift.js';
import { isEmbeddingMethod, parseEmbeddingMethod } from './parseEmbeddingMethod.js';

/** A tested embedding column, before the engine's dataset verdict (the engine's `Pending` shape). */
export interface EmbeddingPending {
  readonly base: Omit<ColumnDrift, 'threshold' | 'drifted' | 'statistic' | 'pValue' | 'skipped'>;
  readonly threshold: number;
  readonly statistic: number | null;
  readonly pValue: null;
  readonly skipped?: string;
  readonly drifted?: boolean;
}

/**
 * The drift engine's step for one embedding column: the method named for the column
 * (`distance:metric=cosine,bootstrap=true`), else one named for every column if it is an embedding method,
 * else Evidently's default (`model`, bootstrap below 1000 reference rows); a `--threshold` for the column
 * (or for all) replaces the method's threshold unless the spec has its own. Input the method is undefined
 * on (different widths, width 0, one row…) gives a skipped result with the reason.
 *
 * @throws UsageError for a malformed method spec.
 */
export function testEmbeddingColumn(
  ref: EmbeddingColumn,
  cur: EmbeddingColumn,
  methods: { readonly column?: string; readonly all?: string },
  thresholds: { readonly column?: number; readonly all?: number },
): EmbeddingPending {
  const refRows = ref.dim === 0 ? 0 : ref.values.length / ref.dim;
  const curRows = cur.dim === 0 ? 0 : cur.values.length / cur.dim;
  const named = methods.column ?? (methods.all !== undefined && isEmbeddingMethod(methods.all) ? methods.all : undefined);
  let spec: EmbeddingMethodSpec =
    named !== undefined ? parseEmbeddingMethod(named, `--method ${ref.name}`) : defaultEmbeddingMethod(refRows);
  const override = thresholds.column ?? thresholds.all;
  if (override !== undefined && spec.threshold === undefined) spec = { ...spec, threshold: override };
  const counts = (rows: number): SideCounts => ({ rows, missing: 0, invalid: 0, infinite: 0 });
  const base = {
    column: ref.name,
    kind: 'embedding' as const,
    method: spec.method,
    measure: 'distance' as const,
    rule: 'd>t' as const,
    reference: counts(refRows),
    current: counts(curRows),
    embedding: { dim: ref.dim, ...specParameters(spec) },
  };
  try {
    const out = embeddingDrift(
      { rows: refRows, dim: ref.dim, values: ref.values },
      { rows: curRows, dim: cur.dim, values: cur.values },
      spec,
    );
    if (!Number.isFinite(out.statistic) || Number.isNaN(out.threshold)) {
      return { base, threshold: out.threshold, statistic: null, pValue: null, skipped: `${spec.method} is undefined for this input (NaN)` };
    }
    const withQuantile =
      out.bootstrapQuantile !== undefined ? { ...base, embedding: { ...base.embedding, bootstrapQuantile: out.bootstrapQuantile } } : base;
    return { base: withQuantile, threshold: out.threshold, statistic: out.statistic, pValue: null, drifted: out.drifted };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { base, threshold: spec.threshold ?? 0, statistic: null, pValue: null, skipped: error.message };
  }
}

/** The spec's parameters, without the method name, for the report. */
function specParameters(spec: EmbeddingMethodSpec): { readonly parameters: Readonly<Record<string, string | number | boolean>> } {
  const { method: _, ...rest } = spec;
  return { parameters: rest as Record<string, string | number | boolean> };
}
