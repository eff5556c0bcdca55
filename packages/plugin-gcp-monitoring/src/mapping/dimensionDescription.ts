const known: Readonly<Record<string, string>> = {
  monitor: 'Name of the Driftwatch monitor that produced the figure',
  feature: 'Column (feature) the figure is about',
  method: 'Drift method (ks, psi, chi2, wasserstein, ...)',
  measure: 'What the value is: p_value for statistical tests, statistic for distances',
  metric: 'Performance metric name (f1, roc_auc, ...)',
  chunk: 'Chunk (time window or batch) the figure was computed on',
  window: 'Windowing of a per-window figure (week, 1000-rows, 10-windows); each window is a point at its start',
  estimated: 'true when the figure is estimated without labels',
};

/** The description of a metric label, for the descriptor: a known dimension's meaning, or its original name. */
export function dimensionDescription(dimension: string): string {
  return known[dimension] ?? `Driftwatch dimension "${dimension}"`;
}
