import { InputError, UsageError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { type CbpeCase, estimationFixture } from './__fixtures__/estimationFixture.js';
import { Cbpe } from './Cbpe.js';
import { chunksByCount } from './ChunkRows.js';
import type { ClassifierOutputs } from './ClassifierOutputs.js';
import { cbpeMetrics } from './cbpeMetrics.js';
import { realisedMetrics } from './realisedMetrics.js';
import { referenceThresholds } from './referenceThresholds.js';

function outputs(nClasses: number, d: CbpeCase['reference']): ClassifierOutputs {
  return { nClasses, scores: Float64Array.from(d.scores), yPred: Int32Array.from(d.yPred), yTrue: Int32Array.from(d.yTrue) };
}

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]));
  return w;
}

describe.each([
  ['binary', () => ({ k: 2, c: estimationFixture().cbpeBinary, checks: [estimationFixture().cbpeBinary.check] })],
  ['three classes', () => ({ k: 3, c: estimationFixture().cbpeMulticlass, checks: estimationFixture().cbpeMulticlass.checks })],
])('CBPE %s against the numpy/scikit-learn twin', (_name, load) => {
  const { k, c, checks } = load();
  const reference = outputs(k, c.reference);
  const analysis = outputs(k, c.analysis);
  const chunks = c.chunks.map(([start, end]) => ({ start, end }));
  const cbpe = Cbpe.fit(reference, { referenceChunks: chunksByCount(reference.yPred.length, 5) });
  const result = cbpe.estimate(analysis, chunks);

  it('takes the same calibration decisions and calibrated probabilities', () => {
    expect(cbpe.calibrated).toEqual(checks.map((x) => x.needed));
    cbpe.calibrationChecks.forEach((chk, i) => {
      expect(Math.abs(chk!.eceBefore - checks[i].eceBefore)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(chk!.eceAfter - checks[i].eceAfter)).toBeLessThanOrEqual(1e-12);
    });
    expect(maxAbs(cbpe.calibrate(analysis.scores), c.calibrated)).toBeLessThanOrEqual(1e-12);
  });

  it('estimates every metric and its sampling error as the twin does', () => {
    for (const m of cbpeMetrics) {
      const entries = result[m]!;
      expect(
        maxAbs(
          entries.map((e) => e.estimate),
          c.estimates[m],
        ),
        m,
      ).toBeLessThanOrEqual(1e-10);
      expect(
        maxAbs(
          entries.map((e) => e.samplingError),
          c.samplingErrors[m],
        ),
        m,
      ).toBeLessThanOrEqual(1e-12);
    }
  });

  it('reports bands, thresholds, alerts and realised values per chunk', () => {
    for (const m of cbpeMetrics) {
      const refValues = chunksByCount(reference.yPred.length, 5).map((ch) => realisedMetrics(reference, ch, [m])[m]);
      const t = referenceThresholds(refValues);
      expect(cbpe.thresholds[m]).toEqual(t);
      result[m]!.forEach((e, i) => {
        expect(e.rows).toBe(chunks[i].end - chunks[i].start);
        expect(e.labelledRows).toBe(e.rows);
        expect(e.lower).toBe(Math.max(0, e.estimate - 3 * e.samplingError));
        expect(e.upper).toBe(Math.min(1, e.estimate + 3 * e.samplingError));
        expect(e.alert).toBe(e.estimate < t.lower || e.estimate > t.upper);
        expect(e.realised).toBe(realisedMetrics(analysis, chunks[i], [m])[m]);
      });
    }
  });
});

describe('Cbpe', () => {
  const f = estimationFixture().cbpeBinary;
  const reference = outputs(2, f.reference);
  const analysis = outputs(2, f.analysis);
  const refChunks = chunksByCount(reference.yPred.length, 4);

  it("agrees with NannyML's own estimate_roc_auc (which rounds its cumulative sums to 5 decimals)", () => {
    const cbpe = Cbpe.fit(reference, { referenceChunks: refChunks });
    const chunks = f.chunks.map(([start, end]) => ({ start, end }));
    const got = cbpe.estimate(analysis, chunks).roc_auc!.map((e) => e.estimate);
    expect(maxAbs(got, f.nannymlRocAuc)).toBeLessThan(1e-5);
  });

  it('gives the same estimates whatever the order of rows inside a chunk', () => {
    const cbpe = Cbpe.fit(reference, { referenceChunks: refChunks });
    const forward = cbpe.estimate(analysis, [{ start: 0, end: 1000 }]);
    const shuffled = Int32Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const permuted = cbpe.estimate(analysis, [shuffled]);
    for (const m of cbpeMetrics) expect(Math.abs(permuted[m]![0].estimate - forward[m]![0].estimate)).toBeLessThanOrEqual(1e-12);
  });

  it('estimates without labels, omitting realised values, and skips rows without a score or prediction', () => {
    const cbpe = Cbpe.fit(reference, { referenceChunks: refChunks, metrics: ['f1', 'roc_auc'] });
    const unlabelled = { nClasses: 2, scores: analysis.scores, yPred: analysis.yPred };
    const got = cbpe.estimate(unlabelled, [{ start: 0, end: 1000 }]);
    expect(Object.keys(got)).toEqual(['f1', 'roc_auc']);
    expect(got.f1![0].realised).toBeUndefined();
    expect(got.f1![0].labelledRows).toBe(0);
    const scores = analysis.scores.slice();
    const yPred = analysis.yPred.slice();
    scores[0] = Number.NaN;
    yPred[1] = -1;
    const holes = cbpe.estimate({ nClasses: 2, scores, yPred }, [{ start: 0, end: 1000 }]);
    const rest = cbpe.estimate(unlabelled, [{ start: 2, end: 1000 }]);
    expect(holes.f1![0].rows).toBe(998);
    expect(holes.f1![0].estimate).toBe(rest.f1![0].estimate);
  });

  it('honours calibration modes and caller thresholds', () => {
    const never = Cbpe.fit(reference, { referenceChunks: refChunks, calibration: 'never', thresholds: { f1: { lower: 0.9, upper: 1 } } });
    expect(never.calibrated).toEqual([false]);
    expect(never.calibrationChecks).toEqual([undefined]);
    expect(never.calibrate(analysis.scores)).toEqual(analysis.scores);
    const est = never.estimate(analysis, [{ start: 0, end: 1000 }]);
    expect(est.f1![0].lowerThreshold).toBe(0.9);
    expect(est.f1![0].alert).toBe(est.f1![0].estimate < 0.9);
    expect(Cbpe.fit(reference, { referenceChunks: refChunks, calibration: 'always' }).calibrated).toEqual([true]);
  });

  it('rejects bad options and data with messages naming them', () => {
    expect(() => Cbpe.fit(reference, { referenceChunks: refChunks, metrics: ['auc' as never] })).toThrow(UsageError);
    expect(() => Cbpe.fit(reference, { referenceChunks: refChunks, metrics: ['auc' as never] })).toThrow(
      /options.metrics: unknown metric "auc"/,
    );
    expect(() => Cbpe.fit(reference, { referenceChunks: [] })).toThrow(/referenceChunks/);
    expect(() => Cbpe.fit(reference, { referenceChunks: refChunks, thresholdMultiplier: -1 })).toThrow(/thresholdMultiplier/);
    expect(() => Cbpe.fit(reference, { referenceChunks: refChunks, samplingErrorMultiplier: Number.NaN })).toThrow(
      /samplingErrorMultiplier/,
    );
    expect(() => Cbpe.fit(reference, { referenceChunks: refChunks, calibration: 'maybe' as never })).toThrow(/options.calibration/);
    expect(() => Cbpe.fit({ ...reference, yTrue: undefined }, { referenceChunks: refChunks })).toThrow(/reference.yTrue is required/);
    expect(() =>
      Cbpe.fit({ ...reference, yTrue: new Int32Array(reference.yPred.length).fill(-1) }, { referenceChunks: refChunks }),
    ).toThrow(InputError);
    expect(() => Cbpe.fit(reference, { referenceChunks: [{ start: 0, end: 1e9 }] })).toThrow(/options.referenceChunks\[0\]/);
    const cbpe = Cbpe.fit(reference, { referenceChunks: refChunks });
    expect(() => cbpe.estimate(analysis, [{ start: 0, end: 1 }, Int32Array.of(-1)])).toThrow(/chunks\[1\]: row -1/);
    expect(() => cbpe.estimate({ ...analysis, nClasses: 3, scores: new Float64Array(3 * analysis.yPred.length) }, [])).toThrow(
      /fitted on 2 classes/,
    );
    expect(() => cbpe.estimate({ ...analysis, yPred: Int32Array.of(1) }, [])).toThrow(/data.scores has 3000 values, expected 1/);
  });
});
