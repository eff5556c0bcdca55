import { describe, expect, it } from 'vitest';
import * as estimation from '../index.js';

describe('label-free estimation in the package index', () => {
  it('exports the estimation surface', () => {
    expect(Object.keys(estimation)).toEqual(
      expect.arrayContaining([
        'Cbpe',
        'IsotonicRegression',
        'SeededRandom',
        'cbpeMetrics',
        'chunkLength',
        'chunksByCount',
        'chunksBySize',
        'covariateShiftScenario',
        'expectedCalibrationError',
        'isOutside',
        'metricFromCounts',
        'needsCalibration',
        'realisedMetrics',
        'referenceThresholds',
      ]),
    );
  });

  it('runs end to end from the index on a small scenario', () => {
    const s = estimation.covariateShiftScenario({ rowsPerChunk: 500, referenceChunks: 4, analysisChunks: 3 });
    const cbpe = estimation.Cbpe.fit(s.reference, { referenceChunks: s.referenceChunks });
    const r = cbpe.estimate(s.analysis, s.analysisChunks);
    expect(r.accuracy!.map((e) => e.rows)).toEqual([500, 500, 500]);
    expect(estimation.metricFromCounts('f1', 8, 2, 2, 88)).toBeCloseTo(0.8, 15);
  });
});
