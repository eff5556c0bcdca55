import { readFileSync } from 'node:fs';

/** Shape of estimation.json, written by scripts/reference/gen_estimation.py. */
export interface EstimationFixture {
  rng: { seed: number; u32: number[]; double: number[]; below: number[] };
  isotonic: {
    name: string;
    x: number[];
    y: number[];
    weights: number[] | null;
    queries: number[];
    predictions: number[];
    xThresholds: number[];
    yThresholds: number[];
    xMin: number;
    xMax: number;
  }[];
  realised: { name: string; nClasses: number; scores: number[]; yTrue: number[]; yPred: number[]; expected: Record<string, number> }[];
  calibration: {
    name: string;
    scores: number[];
    targets: number[];
    expected: { needed: boolean; reason: string; eceBefore: number | null; eceAfter: number | null };
  }[];
  cbpeBinary: CbpeCase & { check: { needed: boolean; eceBefore: number; eceAfter: number }; nannymlRocAuc: number[] };
  cbpeMulticlass: CbpeCase & { nClasses: number; checks: { needed: boolean; eceBefore: number; eceAfter: number }[] };
}

export interface CbpeCase {
  reference: { scores: number[]; yPred: number[]; yTrue: number[] };
  analysis: { scores: number[]; yPred: number[]; yTrue: number[] };
  chunks: [number, number][];
  calibrated: number[];
  estimates: Record<string, number[]>;
  samplingErrors: Record<string, number[]>;
}

let cached: EstimationFixture | undefined;

/** The parsed fixture (read once). */
export function estimationFixture(): EstimationFixture {
  cached ??= JSON.parse(readFileSync(new URL('./estimation.json', import.meta.url), 'utf8')) as EstimationFixture;
  return cached;
}
