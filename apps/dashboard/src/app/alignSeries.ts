/** A series to plot on a shared time axis. */
export interface TimedSeries {
  readonly label: string;
  readonly points: readonly { readonly timestamp: string; readonly value: number }[];
}

/**
 * uPlot's data layout for series with different timestamps: one sorted x array (epoch seconds)
 * of every timestamp, and per series its value at each x or null where it has none.
 */
export function alignSeries(series: readonly TimedSeries[]): [number[], ...(number | null)[][]] {
  const xs = new Set<number>();
  const byTime = series.map((s) => {
    const map = new Map<number, number>();
    for (const p of s.points) {
      const t = Date.parse(p.timestamp) / 1000;
      if (Number.isFinite(t)) {
        xs.add(t);
        map.set(t, p.value);
      }
    }
    return map;
  });
  const x = [...xs].sort((a, b) => a - b);
  return [x, ...byTime.map((map) => x.map((t) => (map.has(t) && Number.isFinite(map.get(t)) ? (map.get(t) as number) : null)))];
}
