import { ScoreOrder } from './ScoreOrder.js';

/**
 * Expected calibration error over equal-count bins of the scores, as NannyML's
 * `_calculate_expected_calibration_error` with `_get_bin_index_edges`: rows sorted by score (stable:
 * ties keep their input order), cut into runs of `floor(n / bins)` rows (the last run takes the rest;
 * with `n <= 2 * bins` the bin count drops to `floor(n / 2)`), and
 * `ECE = Σ_bins (|bin| / n) · |mean(score) − mean(target)|`.
 *
 * @param targets 0/1 outcomes, one per score.
 * @returns NaN when fewer than 4 rows make 2 bins impossible.
 */
export function expectedCalibrationError(scores: Float64Array, targets: Float64Array, bins = 10): number {
  const n = scores.length;
  let binCount = bins;
  if (n <= 2 * binCount) {
    binCount = Math.floor(n / 2);
    if (binCount < 2) return Number.NaN;
  }
  const width = Math.floor(n / binCount);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  const order = new ScoreOrder().sort(scores, 1, 0, rows, n);
  let ece = 0;
  // Edges are 0, width, 2·width, … (range(0, n + 1, width)) with the last edge moved to n.
  for (let left = 0; left + width <= n; left += width) {
    const right = left + 2 * width > n ? n : left + width;
    let sp = 0;
    let st = 0;
    for (let j = left; j < right; j++) {
      sp += scores[order[j]];
      st += targets[order[j]];
    }
    const size = right - left;
    ece += (size / n) * Math.abs(sp / size - st / size);
    if (right === n) break;
  }
  return ece;
}
