import { type BleuStatistics, bleuMaxOrder } from './bleuStatistics.js';

/** sacrebleu's `my_log`: log, with log(0) floored to −9999999999. */
const floorLog = (x: number): number => (x === 0 ? -9999999999 : Math.log(x));

/**
 * sacrebleu's `BLEU.compute_bleu` with `exp` smoothing (NIST / mteval-v13a: the k-th n-gram order
 * without a match gets precision 100 / (2^k · total)), on a 0–100 scale. With `effectiveOrder`
 * the geometric mean stops at the highest order the hypothesis has n-grams of (sacrebleu's
 * default for sentence BLEU); without it orders with no n-gram contribute log 0.
 */
export function bleuFromStatistics(stats: BleuStatistics, effectiveOrder: boolean): number {
  const { hypothesisLength: sys, referenceLength: ref, correct, total } = stats;
  const bp = sys < ref ? (sys > 0 ? Math.exp(1 - ref / sys) : 0) : 1;
  if (!correct.some((c) => c !== 0)) return 0;
  const precisions = new Array<number>(bleuMaxOrder).fill(0);
  let smooth = 1;
  let order = bleuMaxOrder;
  for (let n = 1; n <= bleuMaxOrder; n++) {
    const t = total[n - 1] ?? 0;
    const c = correct[n - 1] ?? 0;
    if (t === 0) break;
    if (effectiveOrder) order = n;
    if (c === 0) {
      smooth *= 2;
      precisions[n - 1] = 100 / (smooth * t);
    } else precisions[n - 1] = (100 * c) / t;
  }
  let sum = 0;
  for (let n = 0; n < order; n++) sum += floorLog(precisions[n] ?? 0);
  return bp * Math.exp(sum / order);
}
