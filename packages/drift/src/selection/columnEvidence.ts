import type { DriftDefaults } from '@driftwatch/core';
import { categoryCounts } from '../binned/binnedShares.js';
import { countDistinctUpTo, numericAsCategorical } from '../engine/prepareColumn.js';
import type { MethodSample } from '../methods/DriftMethod.js';
import { ascending } from '../special/ascending.js';
import { type ColumnEvidence, meetsCochranRule } from './selectDefaultMethod.js';

/**
 * What {@link selectDefaultMethod} needs to know about a column. Distinct values beyond 5, ties and sparsity
 * are only looked for where the `calibrated` rules read them (n ≤ 1000 and more than two distinct values),
 * so Evidently's rules and large columns pay nothing.
 */
export function columnEvidence(
  kind: 'numeric' | 'categorical',
  referenceRows: number,
  distinct: number,
  reference: MethodSample,
  current: MethodSample,
  defaults: DriftDefaults,
): ColumnEvidence {
  const base = { kind, referenceRows, distinct };
  if (defaults !== 'calibrated' || referenceRows > 1000 || distinct <= 2) return base;
  if (reference.kind === 'numeric' && current.kind === 'numeric') {
    const values = distinct > 5 ? countDistinctUpTo(reference.values, current.values, 20) : distinct;
    if (values > 20) return { ...base, distinct: values, ties: hasTies(reference.values, current.values) };
    const c = numericAsCategorical(reference.values, current.values);
    const k = c.labels.length;
    return {
      ...base,
      distinct: values,
      sparse: !meetsCochranRule(categoryCounts(c.reference.codes, k), categoryCounts(c.current.codes, k)),
    };
  }
  if (reference.kind === 'categorical' && current.kind === 'categorical') {
    const k = reference.categories;
    return { ...base, sparse: !meetsCochranRule(categoryCounts(reference.codes, k), categoryCounts(current.codes, k)) };
  }
  return base;
}

/** Whether a value occurs more than once over both samples (−0 and +0 are one value). */
function hasTies(a: Float64Array, b: Float64Array): boolean {
  const x = ascending(a);
  const y = ascending(b);
  for (let i = 1; i < x.length; i++) if (x[i] === x[i - 1]) return true;
  for (let j = 1; j < y.length; j++) if (y[j] === y[j - 1]) return true;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] === y[j]) return true;
    if (x[i] < y[j]) i++;
    else j++;
  }
  return false;
}
