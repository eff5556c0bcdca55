import type { StoredSeriesPoint } from '../ports/ServerStores.js';

/**
 * Downsamples one series (oldest first) to at most `maxPoints` points: the span from its first to
 * its last timestamp is cut into `maxPoints` equal time buckets; each non-empty bucket becomes one
 * point stamped at the bucket's start, with the mean as `value` and the min, max and count of the
 * bucket. A series of `maxPoints` points or fewer comes back unchanged.
 *
 * Bucket `i` holds the points with `floor((t - first) * maxPoints / span) = i` (the last point
 * goes to the last bucket), computed on integer milliseconds so every store buckets alike.
 */
export function downsampleSeries(points: readonly StoredSeriesPoint[], maxPoints: number): StoredSeriesPoint[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 1) throw new RangeError(`maxPoints must be a positive integer, got ${maxPoints}`);
  if (points.length <= maxPoints) return points.slice();
  const times = points.map((p) => Date.parse(p.timestamp));
  const first = times[0] as number;
  const span = (times[times.length - 1] as number) - first;
  if (span === 0) return [merge(points, 0, points.length, first)];
  const out: StoredSeriesPoint[] = [];
  let start = 0;
  let bucket = bucketOf(times[0] as number, first, span, maxPoints);
  for (let i = 1; i <= points.length; i++) {
    const b = i < points.length ? bucketOf(times[i] as number, first, span, maxPoints) : -1;
    if (b !== bucket) {
      out.push(merge(points, start, i, first + Math.floor((bucket * span) / maxPoints)));
      start = i;
      bucket = b;
    }
  }
  return out;
}

function bucketOf(t: number, first: number, span: number, buckets: number): number {
  return Math.min(buckets - 1, Math.floor(((t - first) * buckets) / span));
}

function merge(points: readonly StoredSeriesPoint[], from: number, to: number, at: number): StoredSeriesPoint {
  let sum = 0;
  let count = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = from; i < to; i++) {
    const p = points[i] as StoredSeriesPoint;
    sum += p.value * p.count;
    count += p.count;
    if (p.min < min) min = p.min;
    if (p.max > max) max = p.max;
  }
  return { timestamp: new Date(at).toISOString(), value: sum / count, min, max, count };
}
