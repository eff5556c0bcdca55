import type { ConstantColumns, MethodResult } from '@driftwatch/core';
import { countDistinctUpTo, numericAsCategorical } from '../engine/prepareColumn.js';
import { type DriftMethod, isDrift, type MethodOutput, type MethodSample, type NumericSample } from './DriftMethod.js';
import { driftMethods } from './driftMethods.js';

/** The `skipped` reason of a numeric column of one value. */
export const constantColumn = 'constant column (one value on both sides)';
/** The `skipped` reason of a categorical column of one category. */
export const singleCategory = 'single category on both sides';

/**
 * Runs one drift method on two samples and decides drift against the threshold
 * (the method's default unless given). Missing and infinite values of numeric
 * samples are dropped first. Degenerate input is a result, not an error: no
 * values on a side, a constant column or a single category, fewer values than
 * the method needs, a non-binary column for a binary test, or a reference call
 * that is undefined for the input give `drifted: false`, no statistic and a
 * `skipped` reason. With `constant: 'count'`, a column of one value on both
 * sides (a constant column, a single category) is instead a result without
 * drift, as Evidently reports it: statistic 0 and, for tests, p-value 1.
 *
 * @throws RangeError for an unknown method name, or a numeric method given categorical samples.
 */
export function runDriftMethod(
  method: DriftMethod | string,
  reference: MethodSample,
  current: MethodSample,
  options: { readonly threshold?: number; readonly seed?: number; readonly constant?: ConstantColumns; readonly threads?: number } = {},
): MethodResult {
  return startDriftMethod(method, reference, current, options)();
}

/**
 * {@link runDriftMethod} in two steps: the checks and the method's `start` now, the result when the
 * returned function is called. A method that hands work to a worker thread at its start (`ks`'s exact
 * Smirnov sum) then runs beside what the caller does in between: the drift engine starts every column
 * before it finishes the first.
 */
export function startDriftMethod(
  method: DriftMethod | string,
  reference: MethodSample,
  current: MethodSample,
  options: { readonly threshold?: number; readonly seed?: number; readonly constant?: ConstantColumns; readonly threads?: number } = {},
): () => MethodResult {
  const result = (r: MethodResult) => () => r;
  const m = typeof method === 'string' ? driftMethods.find((d) => d.name === method) : method;
  if (m === undefined) throw new RangeError(`unknown drift method "${method}" (known: ${driftMethods.map((d) => d.name).join(', ')})`);
  if (reference.kind !== current.kind) throw new RangeError('reference and current samples must be of one kind');
  if (reference.kind === 'categorical' && m.domain === 'numeric') throw new RangeError(`${m.name} needs numeric samples`);
  const threshold = options.threshold ?? m.defaultThreshold;
  const skip = (reason: string): MethodResult => ({ statistic: null, pValue: null, threshold, drifted: false, skipped: reason });

  let ref = reference.kind === 'numeric' ? finiteSample(reference) : reference;
  let cur = current.kind === 'numeric' ? finiteSample(current) : current;
  // Not `values.length`, which would decode a scaled sample.
  const nRef = ref.kind === 'numeric' ? (ref.scaled?.ints.length ?? ref.values.length) : ref.codes.length;
  const nCur = cur.kind === 'numeric' ? (cur.scaled?.ints.length ?? cur.values.length) : cur.codes.length;
  if (nRef === 0 && nCur === 0) return result(skip('no values on either side'));
  if (nRef === 0) return result(skip('no values in the reference'));
  if (nCur === 0) return result(skip('no values in the current data'));
  const constant = (reason: string): MethodResult =>
    options.constant === 'count' ? { statistic: 0, pValue: m.measure === 'p_value' ? 1 : null, threshold, drifted: false } : skip(reason);
  if (ref.kind === 'numeric' && cur.kind === 'numeric') {
    if (isConstant(ref, cur)) return result(constant(constantColumn));
  } else if (ref.kind === 'categorical' && cur.kind === 'categorical') {
    if (distinctCodes(ref.codes, cur.codes) === 1) return result(constant(singleCategory));
  }
  if (nRef < m.minSize || nCur < m.minSize) {
    return result(skip(`${m.name} needs at least ${m.minSize} values on each side (reference ${nRef}, current ${nCur})`));
  }
  // Categorical methods read a numeric column's distinct values as categories.
  if (ref.kind === 'numeric' && cur.kind === 'numeric' && (m.domain === 'categorical' || m.domain === 'binary')) {
    const c = numericAsCategorical(ref.values, cur.values);
    ref = c.reference;
    cur = c.current;
  }
  if (m.domain === 'binary' && ref.kind === 'categorical' && cur.kind === 'categorical') {
    const k = distinctCodes(ref.codes, cur.codes);
    if (k > 2) return result(skip(`${m.name} needs a binary column (found ${k} values)`));
  }
  const context = { seed: options.seed ?? 0, ...(options.threads !== undefined ? { threads: options.threads } : {}) };
  let finish: () => MethodOutput;
  if (m.start) finish = m.start(ref, cur, context);
  else {
    const output = m.run(ref, cur, context);
    finish = () => output;
  }
  return () => {
    const out = finish();
    if (Number.isNaN(out.statistic) || (out.pValue !== null && Number.isNaN(out.pValue))) {
      return skip(`${m.name} is undefined for this input (${m.reference} returns NaN)`);
    }
    const drifted = isDrift(m.rule, m.measure === 'p_value' ? (out.pValue as number) : out.statistic, threshold);
    return { statistic: out.statistic, pValue: out.pValue, threshold, drifted };
  };
}

/** One value over both samples: on the integers when both are scaled decimals of one scale. */
function isConstant(reference: NumericSample, current: NumericSample): boolean {
  const r = reference.scaled;
  const c = current.scaled;
  if (r === undefined || c === undefined || r.scale !== c.scale) return countDistinctUpTo(reference.values, current.values, 1) === 1;
  const first = r.ints[0];
  for (const ints of [r.ints, c.ints]) for (let i = 0; i < ints.length; i++) if (ints[i] !== first) return false;
  return true;
}

/** The sample of its finite values; one the engine prepared is finite already (and stays sorted when it is). */
function finiteSample(sample: NumericSample): NumericSample {
  return sample.sorted === true || sample.finite === true ? sample : { kind: 'numeric', values: finite(sample.values) };
}

/** The finite values (the array itself when all are). */
function finite(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] - values[i] === 0) n++;
  if (n === values.length) return values;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (values[i] - values[i] === 0) out[j++] = values[i];
  return out;
}

/** Distinct codes over both samples, counting no further than 3. */
function distinctCodes(a: Int32Array, b: Int32Array): number {
  const seen: number[] = [];
  for (const codes of [a, b]) {
    for (let i = 0; i < codes.length; i++) {
      if (!seen.includes(codes[i])) {
        seen.push(codes[i]);
        if (seen.length > 2) return seen.length;
      }
    }
  }
  return seen.length;
}
