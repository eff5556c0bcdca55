/**
 * Where a p-value method's false-alarm rate should lie: its threshold α ± 2 binomial standard errors
 * of a rate measured on `columns` columns, √(α(1 − α) / columns).
 */
export function falseAlarmBand(alpha: number, columns: number): { readonly low: number; readonly high: number } {
  const se = Math.sqrt((alpha * (1 - alpha)) / columns);
  return { low: alpha - 2 * se, high: alpha + 2 * se };
}
