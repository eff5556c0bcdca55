/** Spec of a deterministic sample; the Python twin is `scripts/reference/samples.py`. */
export interface SampleSpec {
  seed: number;
  n: number;
  dist?: 'normal' | 'uniform';
  loc?: number;
  scale?: number;
  /** Floor to this many decimals, to create ties. */
  decimals?: number | null;
}

/**
 * Rebuilds, bit for bit, the sample that `samples.py` makes from the same spec:
 * a 32-bit LCG and only IEEE-exact arithmetic, so no raw values need committing.
 */
export function referenceSample(spec: SampleSpec): Float64Array {
  let state = spec.seed >>> 0;
  const out = new Float64Array(spec.n);
  const loc = spec.loc ?? 0;
  const scale = spec.scale ?? 1;
  const normal = (spec.dist ?? 'normal') === 'normal';
  const f = spec.decimals == null ? 0 : 10 ** spec.decimals;
  for (let i = 0; i < spec.n; i++) {
    let v: number;
    if (normal) {
      let s = 0;
      for (let k = 0; k < 12; k++) {
        state = (Math.imul(1664525, state) + 1013904223) >>> 0;
        s += (state + 0.5) / 4294967296;
      }
      v = loc + scale * (s - 6);
    } else {
      state = (Math.imul(1664525, state) + 1013904223) >>> 0;
      v = loc + scale * ((state + 0.5) / 4294967296);
    }
    if (f !== 0) v = Math.floor(v * f) / f;
    out[i] = v;
  }
  return out;
}
