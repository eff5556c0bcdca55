/** Axis ticks: the domain widened to whole steps and the tick values on it. */
export interface Ticks {
  readonly lo: number;
  readonly hi: number;
  readonly step: number;
  readonly values: readonly number[];
}

/**
 * Round tick values (1, 2 or 5 × 10^k apart) covering [lo, hi] with about `count` intervals (at most 1.5 × as many);
 * the domain is widened to the outer ticks. An empty or degenerate range is widened first.
 */
export function niceTicks(lo: number, hi: number, count = 4): Ticks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(count, 1);
  // A range wider than Number.MAX_VALUE: show the two ends only.
  if (!Number.isFinite(raw)) return { lo, hi, step: Number.NaN, values: [lo, hi] };
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  // The round step nearest to the raw one on a log scale (d3's tickIncrement thresholds √2, √10, √50).
  const step = (f >= Math.sqrt(50) ? 10 : f >= Math.sqrt(10) ? 5 : f >= Math.SQRT2 ? 2 : 1) * mag;
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const values: number[] = [];
  // Multiplying (not accumulating) keeps 0.1 * 3 from drifting away from the printed value.
  for (let k = first; k <= last; k++) values.push(Number((k * step).toPrecision(12)));
  return { lo: values[0], hi: values[values.length - 1], step, values };
}
