import { type ChunkSpec, type Frame, getColumn, InputError, type MultivariateDrift } from '@driftwatch/core';
import { chunkFrame } from '@driftwatch/data';
import { rocAuc } from '../classifier/rocAuc.js';
import { logisticProbability, logisticRegression } from './logisticRegression.js';
import { multivariatePoint, multivariateSummary } from './reconstructionDrift.js';
import { stratifiedFolds } from './stratifiedFolds.js';

/** NannyML's `DomainClassifierCalculator` defaults: 5 folds, alert outside ROC AUC 0.45–0.65. */
export const classifierDefaults = { folds: 5, lower: 0.45, upper: 0.65, maxCategories: 50 } as const;

/** Options of {@link classifierDrift}. */
export interface ClassifierDriftOptions {
  readonly folds?: number;
  readonly lower?: number;
  readonly upper?: number;
}

interface Source {
  readonly frame: Frame;
  readonly rows: Int32Array | undefined;
  readonly count: number;
}

/**
 * Multivariate drift by a domain classifier, with the semantics of NannyML's
 * `DomainClassifierCalculator`: for each chunk, the reference's rows
 * (label 0) and the chunk's rows (label 1) are pooled, rows equal in every
 * column are kept once (the last, so a chunk row that also occurs in the
 * reference counts as the chunk's), a classifier is cross-validated with
 * `StratifiedKFold(5)` (unshuffled, scikit-learn's fold assignment), and the
 * chunk's value is the ROC AUC of the out-of-fold probabilities (0.5 when a
 * class is absent). Alert outside the constant thresholds 0.45–0.65.
 *
 * NannyML fits LightGBM; here the classifier is an L2-regularised logistic
 * regression (C = 1, Newton's method) on the numeric columns (missing → the
 * pooled mean, then standardised) and one-hot categories (the 50 most frequent
 * of the pool per column, missing as a category of its own). It sees shifts of
 * any linear combination of the columns; a change in how columns move
 * together with unchanged means is the reconstruction method's domain.
 */
export function classifierDrift(
  reference: Frame,
  current: Frame,
  columns: readonly string[],
  spec: ChunkSpec,
  options: ClassifierDriftOptions = {},
): MultivariateDrift {
  const folds = options.folds ?? classifierDefaults.folds;
  const lower = options.lower ?? classifierDefaults.lower;
  const upper = options.upper ?? classifierDefaults.upper;
  const used: string[] = [];
  const skipped: { column: string; reason: string }[] = [];
  for (const name of columns) {
    const col = getColumn(reference, name);
    if (col === undefined) throw new InputError('INPUT_UNKNOWN_COLUMN', `${reference.source}: no column "${name}"`);
    if (col.kind === 'numeric' || col.kind === 'categorical' || col.kind === 'boolean') used.push(name);
    else skipped.push({ column: name, reason: `${col.kind} columns are not part of multivariate drift` });
  }
  const numeric = used.filter((n) => getColumn(reference, n)?.kind === 'numeric');
  const categorical = used.filter((n) => getColumn(reference, n)?.kind !== 'numeric');
  const points = chunkFrame(current, spec).chunks.map((chunk) => {
    const value = chunkAuc(
      { frame: reference, rows: undefined, count: reference.rowCount },
      { frame: current, rows: chunk.rows, count: chunk.rowCount },
      numeric,
      categorical,
      folds,
    );
    return multivariatePoint(chunk, value, null, lower, upper);
  });
  return {
    method: 'classifier',
    columns: [...numeric, ...categorical],
    skipped,
    lower,
    upper,
    points,
    summary: multivariateSummary(points),
  };
}

function numericValues(s: Source, name: string): Float64Array {
  const col = getColumn(s.frame, name);
  if (col?.kind !== 'numeric')
    throw new InputError('INPUT_COLUMNS_MISMATCH', `${s.frame.source}: column "${name}" is not numeric here as in the reference`);
  return s.rows === undefined ? col.values : Float64Array.from(s.rows, (r) => col.values[r]);
}

function categoryValues(s: Source, name: string): (string | null)[] {
  const col = getColumn(s.frame, name);
  if (col?.kind !== 'categorical' && col?.kind !== 'boolean')
    throw new InputError('INPUT_COLUMNS_MISMATCH', `${s.frame.source}: column "${name}" is not categorical here as in the reference`);
  const out: (string | null)[] = new Array(s.count);
  for (let i = 0; i < s.count; i++) {
    const code = col.codes[s.rows === undefined ? i : s.rows[i]];
    out[i] = code < 0 ? null : col.dictionary[code];
  }
  return out;
}

/** Out-of-fold ROC AUC of the pooled, deduplicated rows; `null` when a fold split is impossible. */
function chunkAuc(ref: Source, cur: Source, numeric: readonly string[], categorical: readonly string[], folds: number): number | null {
  const n0 = ref.count + cur.count;
  const nums = numeric.map((name) => {
    const out = new Float64Array(n0);
    out.set(numericValues(ref, name), 0);
    out.set(numericValues(cur, name), ref.count);
    return out;
  });
  const cats = categorical.map((name) => [...categoryValues(ref, name), ...categoryValues(cur, name)]);
  // Rows equal in every column are kept once: the last (NannyML's drop_duplicates(keep="last")).
  const lastOf = new Map<string, number>();
  for (let i = 0; i < n0; i++) {
    let key = '';
    for (const v of nums) key += `${v[i]}\u0000`;
    for (const v of cats) key += `${v[i] ?? '\u0001'}\u0000`;
    lastOf.set(key, i);
  }
  const keep = Int32Array.from([...lastOf.values()].sort((a, b) => a - b));
  const n = keep.length;
  const y = Uint8Array.from(keep, (i) => (i >= ref.count ? 1 : 0));
  let ones = 0;
  for (const v of y) ones += v;
  if (ones === 0 || ones === n) return 0.5;
  const k = Math.min(folds, ones, n - ones);
  if (k < 2) return null;

  // Features: standardised numeric columns, then one-hot categories.
  const columns: Float64Array[] = [];
  for (const v of nums) {
    let sum = 0;
    let count = 0;
    for (const i of keep) {
      if (Number.isFinite(v[i])) {
        sum += v[i];
        count++;
      }
    }
    const mean = count === 0 ? 0 : sum / count;
    const f = Float64Array.from(keep, (i) => (Number.isFinite(v[i]) ? v[i] : mean));
    let ss = 0;
    for (const x of f) ss += (x - mean) * (x - mean);
    const sd = Math.sqrt(ss / n);
    if (!(sd > 0)) continue;
    for (let i = 0; i < n; i++) f[i] = (f[i] - mean) / sd;
    columns.push(f);
  }
  for (const v of cats) {
    const counts = new Map<string, number>();
    for (const i of keep) {
      const c = v[i] ?? '\u0001missing';
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, classifierDefaults.maxCategories);
    if (top.length < 2) continue;
    for (const [category] of top) columns.push(Float64Array.from(keep, (i) => ((v[i] ?? '\u0001missing') === category ? 1 : 0)));
  }
  const p = columns.length;
  const x = new Float64Array(n * p);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) x[i * p + j] = columns[j][i];

  const fold = stratifiedFolds(y, k);
  const scores = new Float64Array(n);
  const train = new Uint8Array(n);
  for (let f = 0; f < k; f++) {
    for (let i = 0; i < n; i++) train[i] = fold[i] === f ? 0 : 1;
    const model = logisticRegression(x, p, y, train);
    for (let i = 0; i < n; i++) if (fold[i] === f) scores[i] = logisticProbability(model, x, p, i);
  }
  return rocAuc(scores, y);
}
