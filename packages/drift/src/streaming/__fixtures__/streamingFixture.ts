import { readFileSync } from 'node:fs';
import type { StreamingDetectorName } from '../streamingDetectors.js';

/** Written by scripts/reference/gen_streaming.py (river's classes, copied / ported; see its docstring). */
export interface StreamingFixture {
  generator: string;
  python: string;
  scipy: string;
  /** river's docstring Examples: stream, parameters, the lines river prints, and the full index lists. */
  documented: {
    detector: StreamingDetectorName;
    params: Record<string, number | boolean | string>;
    stream: string;
    bits?: string;
    values?: number[];
    documented: string[];
    drifts: number[];
    warnings: number[];
  }[];
  /** Shared longer streams: 0/1 digits, or thousandths (value = m / 1000). */
  streams: Record<string, { bits: string } | { milli: number[] }>;
  extra: {
    detector: StreamingDetectorName;
    params: Record<string, number | boolean | string>;
    stream: string;
    drifts: number[];
    warnings: number[];
  }[];
  /** CPython's random.Random(seed): getrandbits(32) words and random.sample(range(n), k) draws. */
  mersenneTwister: { seed: number; words: number[]; samples: { n: number; k: number; indices: number[] }[] }[];
  /** KSWIN (seed 42, alpha 1e-4) on the documented stream: [index, D, p] after each update that ran the test. */
  kswinTrace: [number, number, number][];
}

export const fixture: StreamingFixture = JSON.parse(readFileSync(new URL('./streaming.json', import.meta.url), 'utf8'));

/** Decodes a stream exactly as the generator built it (m / 1000 is one correctly rounded division in both). */
export function decode(s: { bits?: string; values?: number[]; milli?: number[] }): Float64Array {
  if (s.bits !== undefined) {
    const out = new Float64Array(s.bits.length);
    for (let i = 0; i < s.bits.length; i++) out[i] = s.bits.charCodeAt(i) - 48;
    return out;
  }
  if (s.milli !== undefined) return Float64Array.from(s.milli, (m) => m / 1000);
  return Float64Array.from(s.values ?? []);
}

/** river's snake_case parameter names to our camelCase options. */
export function toOptions(params: Record<string, number | boolean | string>): Record<string, number | boolean | string> {
  const out: Record<string, number | boolean | string> = {};
  for (const [k, v] of Object.entries(params)) out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
}

/** The lines river's docstring Examples print: the first warning after each drift, then each drift. */
export function printedLines(detector: string, values: Float64Array, drifts: number[], warnings: number[]): string[] {
  const ds = new Set(drifts);
  const ws = new Set(warnings);
  const binary = detector === 'ddm' || detector === 'eddm' || detector === 'hddm_a' || detector === 'hddm_w';
  const out: string[] = [];
  let printWarning = true;
  for (let i = 0; i < values.length; i++) {
    if (binary) {
      if (ws.has(i) && printWarning) {
        out.push(`Warning detected at index ${i}`);
        printWarning = false;
      }
      if (ds.has(i)) {
        out.push(`Change detected at index ${i}`);
        printWarning = true;
      }
    } else if (ds.has(i)) {
      out.push(detector === 'cusum' ? `Change detected at index ${i}` : `Change detected at index ${i}, input value: ${values[i]}`);
    }
  }
  return out;
}
