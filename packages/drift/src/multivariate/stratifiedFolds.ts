/**
 * The test fold of each row under scikit-learn's `StratifiedKFold(n_splits)`
 * without shuffling: each class's rows, in order, fill fold 0 first, then 1…,
 * the folds' shares of each class as even as `np.bincount` over the sorted
 * labels makes them.
 */
export function stratifiedFolds(labels: Uint8Array, splits: number): Uint8Array {
  const n = labels.length;
  let ones = 0;
  for (const y of labels) ones += y;
  const sorted = new Uint8Array(n);
  sorted.fill(1, n - ones);
  const allocation = [new Int32Array(splits), new Int32Array(splits)];
  for (let f = 0; f < splits; f++) for (let i = f; i < n; i += splits) allocation[sorted[i]][f]++;
  const folds = new Uint8Array(n);
  const next = [0, 0];
  const used = [0, 0];
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    while (used[y] >= allocation[y][next[y]]) {
      next[y]++;
      used[y] = 0;
    }
    folds[i] = next[y];
    used[y]++;
  }
  return folds;
}
