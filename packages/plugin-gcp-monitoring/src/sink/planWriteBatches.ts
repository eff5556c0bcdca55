/**
 * Splits points into `CreateTimeSeries` requests that Cloud Monitoring accepts:
 * at most `maxPerRequest` series per request, never the same series twice in one
 * request, and each series' points in time order across requests (the service
 * rejects a point older than the series' latest). `seriesOf[i]` identifies the
 * series of point i and `timeOf[i]` is its end time (any monotone number).
 *
 * Points are taken round by round — every series' earliest point, then every
 * series' second point… — and each goes into the first request after the one
 * holding its series' previous point that still has room, so N distinct series
 * take ⌈N / maxPerRequest⌉ requests and a series with k points takes k.
 * Returns the requests in the order they must be sent, as point indices.
 */
export function planWriteBatches(seriesOf: readonly string[], timeOf: Float64Array, maxPerRequest: number): number[][] {
  const n = seriesOf.length;
  const bySeries = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const list = bySeries.get(seriesOf[i]);
    if (list === undefined) bySeries.set(seriesOf[i], [i]);
    else list.push(i);
  }
  const lists = [...bySeries.values()];
  let rounds = 0;
  for (const list of lists) {
    // Stable: equal times keep publish order, and the service then rejects the second as a duplicate.
    list.sort((a, b) => timeOf[a] - timeOf[b] || a - b);
    if (list.length > rounds) rounds = list.length;
  }
  const batches: number[][] = [];
  const lastBatch = new Int32Array(lists.length).fill(-1);
  let firstOpen = 0;
  for (let r = 0; r < rounds; r++) {
    for (let s = 0; s < lists.length; s++) {
      const list = lists[s];
      if (r >= list.length) continue;
      let b = Math.max(lastBatch[s] + 1, firstOpen);
      while (b < batches.length && batches[b].length >= maxPerRequest) b++;
      if (b === batches.length) batches.push([]);
      batches[b].push(list[r]);
      lastBatch[s] = b;
      while (firstOpen < batches.length && batches[firstOpen].length >= maxPerRequest) firstOpen++;
    }
  }
  return batches;
}
