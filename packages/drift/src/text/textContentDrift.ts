import { NumpyRandomState } from '@driftwatch/core';
import { rocAuc } from '../classifier/rocAuc.js';
import { numpyPercentile } from '../embedding/numpyPercentile.js';
import { modifiedHuberProbability, sgdModifiedHuber } from './sgdModifiedHuber.js';
import { fitTfidf, tfidfRows } from './tfidf.js';

/** Options of {@link textContentDrift}; defaults are Evidently 0.7's for a text column. */
export interface TextContentDriftOptions {
  /**
   * Compare the ROC AUC with the 95th percentile of 1000 random scorers' (`perc_text_content_drift`)
   * instead of a fixed threshold (`abs_text_content_drift`). Default: true when the reference has at
   * most 1000 texts, as Evidently chooses.
   */
  readonly bootstrap?: boolean;
  /** The fixed threshold without bootstrap. Default 0.55. */
  readonly threshold?: number;
  /** Words reported per side. Default 25 (Evidently's). */
  readonly words?: number;
}

/** The verdict of text content drift and the words that separate the two sides most. */
export interface TextContentDrift {
  /** ROC AUC of the domain classifier on the held-out half. */
  readonly statistic: number;
  /** The cut-off the AUC was compared with (the random scorers' percentile with bootstrap). */
  readonly threshold: number;
  readonly bootstrap: boolean;
  /** AUC above the threshold. */
  readonly drifted: boolean;
  /** Words with the largest positive weights: typical of the current texts. */
  readonly currentWords: readonly string[];
  /** Words with the most negative weights: typical of the reference texts. */
  readonly referenceWords: readonly string[];
}

/**
 * Evidently's text content drift (`calculate_text_drift_score`): reference texts labelled 0 and current
 * texts 1 (missing texts left out), split in halves as `train_test_split(test_size=0.5,
 * random_state=42, shuffle=True)` (numpy's `RandomState(42).permutation`, the first ⌈N/2⌉ the test half),
 * TF-IDF fitted on the training half (see `fitTfidf`), an SGD classifier with modified Huber loss and L1
 * penalty (see `sgdModifiedHuber`), its ROC AUC on the test half. With `bootstrap` the cut-off is
 * `np.percentile` at 95 of the AUCs of 1000 random scorers (`np.random.seed(42)`, seeds
 * `randint(0, 10000, 1000)`, each `rand(len(test))`), as Evidently's. The words are Evidently's
 * `get_typical_words`: non-zero weights by size.
 *
 * @throws RangeError when a half lacks one side, or no word occurs in at most half of the training texts.
 */
export function textContentDrift(
  reference: readonly (string | null)[],
  current: readonly (string | null)[],
  options: TextContentDriftOptions = {},
): TextContentDrift {
  const ref = reference.filter((t): t is string => t !== null);
  const cur = current.filter((t): t is string => t !== null);
  const texts = [...ref, ...cur];
  const n = texts.length;
  if (ref.length === 0 || cur.length === 0) throw new RangeError('text content drift needs texts on both sides');
  const perm = new NumpyRandomState(42).permutation(n);
  const nTest = Math.ceil(n * 0.5);
  const pick = (positions: Int32Array) => ({
    texts: Array.from(positions, (i) => texts[i]),
    y: Uint8Array.from(positions, (i) => (i >= ref.length ? 1 : 0)),
  });
  const test = pick(perm.subarray(0, nTest));
  const train = pick(perm.subarray(nTest));
  const ones = (y: Uint8Array) => y.reduce((s, v) => s + v, 0);
  if (ones(train.y) === 0 || ones(train.y) === train.y.length || ones(test.y) === 0 || ones(test.y) === test.y.length)
    throw new RangeError('text content drift: a half of the split has texts of one side only (too few texts)');
  const vocabulary = fitTfidf(train.texts);
  if (vocabulary.terms.length === 0) throw new RangeError('text content drift: no word occurs in at most half of the training texts');
  const model = sgdModifiedHuber(tfidfRows(vocabulary, train.texts), vocabulary.terms.length, train.y);
  const testRows = tfidfRows(vocabulary, test.texts);
  const scores = Float64Array.from({ length: nTest }, (_, i) => modifiedHuberProbability(model, testRows, i));
  const statistic = rocAuc(scores, test.y) as number;
  const bootstrap = options.bootstrap ?? ref.length <= 1000;
  let threshold = options.threshold ?? 0.55;
  if (bootstrap) {
    const seeds = new NumpyRandomState(42).randint(0, 10_000, 1000);
    const random = Float64Array.from(seeds, (s) => rocAuc(new NumpyRandomState(s).rand(nTest), test.y) as number);
    threshold = numpyPercentile(random, 0.95);
  }
  const k = options.words ?? 25;
  const ranked = Array.from(model.weights, (w, j) => ({ w, j })).filter((e) => e.w !== 0);
  const currentWords = ranked
    .filter((e) => e.w > 0)
    .sort((a, b) => b.w - a.w)
    .slice(0, k)
    .map((e) => vocabulary.terms[e.j]);
  const referenceWords = ranked
    .filter((e) => e.w < 0)
    .sort((a, b) => a.w - b.w)
    .slice(0, k)
    .map((e) => vocabulary.terms[e.j]);
  return { statistic, threshold, bootstrap, drifted: statistic > threshold, currentWords, referenceWords };
}
