/**
 * scikit-learn's `roc_auc_score` for binary labels: the Mann–Whitney form, ties between scores
 * counted as one half (average ranks), which is the area under the trapezoidal ROC curve sklearn integrates.
 * NaN when one class is absent.
 */
export function rocAuc(labels: Uint8Array, scores: Float64Array): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let pos = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const rank = (i + j + 2) / 2; // average of ranks i+1 … j+1
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        pos++;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
