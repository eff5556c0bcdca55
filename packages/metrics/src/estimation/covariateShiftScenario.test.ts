import { describe, expect, it } from 'vitest';
import { Cbpe, type CbpeChunkEstimate } from './Cbpe.js';
import { covariateShiftScenario } from './covariateShiftScenario.js';

function mae(entries: readonly CbpeChunkEstimate[]): number {
  let s = 0;
  for (const e of entries) s += Math.abs(e.estimate - e.realised!);
  return s / entries.length;
}

function correlation(entries: readonly CbpeChunkEstimate[]): number {
  const n = entries.length;
  let mx = 0;
  let my = 0;
  for (const e of entries) {
    mx += e.estimate / n;
    my += e.realised! / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const e of entries) {
    sxy += (e.estimate - mx) * (e.realised! - my);
    sxx += (e.estimate - mx) ** 2;
    syy += (e.realised! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

// Measured on this scenario (20 chunks × 5000 rows, 50 000 reference rows, seed 7): a calibrated model
// gives MAE accuracy 0.0057, F1 0.0144, ROC AUC 0.0044 (calibration check says yes); an over-confident
// one (temperature 3, bias 0.8) gives 0.0064 / 0.0159 / 0.0044 after calibration and
// 0.0957 / 0.2365 / 0.1097 without it.
describe('CBPE under pure covariate shift follows the realised metrics', () => {
  const scenario = covariateShiftScenario();
  const cbpe = Cbpe.fit(scenario.reference, { referenceChunks: scenario.referenceChunks });
  const result = cbpe.estimate(scenario.analysis, scenario.analysisChunks);

  it('tracks accuracy, F1 and ROC AUC closely', () => {
    expect(mae(result.accuracy!)).toBeLessThan(0.01);
    expect(mae(result.f1!)).toBeLessThan(0.025);
    expect(mae(result.roc_auc!)).toBeLessThan(0.01);
    expect(correlation(result.accuracy!)).toBeGreaterThan(0.98);
    expect(correlation(result.f1!)).toBeGreaterThan(0.98);
  });

  it('sees the large realised accuracy drop and alerts on it', () => {
    const acc = result.accuracy!;
    const first = acc[0];
    const last = acc[acc.length - 1];
    expect(first.realised! - last.realised!).toBeGreaterThan(0.15);
    expect(first.estimate - last.estimate).toBeGreaterThan(0.15);
    expect(first.alert).toBe(false);
    expect(acc.slice(-10).every((e) => e.alert && e.estimate < e.lowerThreshold)).toBe(true);
  });

  // Sampling errors come from the reference (NannyML's design): the spread of specificity depends on the
  // share of actual negatives, which this shift moves from ~93 % to 50 %, so its reference-based band is
  // too narrow late in the run (11 of 20 chunks inside). The other metrics stay covered.
  it('keeps realised values inside the 3-sigma sampling band in almost every chunk', () => {
    for (const m of ['accuracy', 'f1', 'roc_auc', 'precision', 'recall'] as const) {
      const inside = result[m]!.filter((e) => e.realised! >= e.lower && e.realised! <= e.upper).length;
      expect(inside, m).toBeGreaterThanOrEqual(18);
    }
  });

  it('is reproducible from its seed', () => {
    const again = covariateShiftScenario();
    expect(again.analysis.scores).toEqual(scenario.analysis.scores);
    expect(again.analysis.yTrue).toEqual(scenario.analysis.yTrue);
    expect(covariateShiftScenario({ seed: 8 }).analysis.scores).not.toEqual(scenario.analysis.scores);
  });
});

describe('CBPE with a mis-calibrated model', () => {
  const scenario = covariateShiftScenario({ temperature: 3, bias: 0.8 });
  const auto = Cbpe.fit(scenario.reference, { referenceChunks: scenario.referenceChunks });
  const never = Cbpe.fit(scenario.reference, { referenceChunks: scenario.referenceChunks, calibration: 'never' });
  const withCal = auto.estimate(scenario.analysis, scenario.analysisChunks);
  const without = never.estimate(scenario.analysis, scenario.analysisChunks);

  it('triggers calibration on the reference', () => {
    expect(auto.calibrated).toEqual([true]);
    const check = auto.calibrationChecks[0]!;
    expect(check.eceBefore).toBeGreaterThan(5 * check.eceAfter);
  });

  it('estimates far better calibrated than raw', () => {
    for (const m of ['accuracy', 'f1', 'roc_auc'] as const) {
      expect(mae(withCal[m]!), m).toBeLessThan(0.025);
      expect(mae(without[m]!), m).toBeGreaterThan(5 * mae(withCal[m]!));
    }
  });
});

// Three classes, x ~ N(μ_t, 1) with μ_t from −1.5 to 0.5 (measured MAE: accuracy 0.0049, macro F1
// 0.0031, macro ROC AUC 0.0035 with auto calibration; the over-confident model (temperature 2.5, bias
// 0.7 on class 0) 0.0041 / 0.0039 / 0.0051 calibrated and 0.149 / 0.086 / 0.091 raw).
describe('multiclass CBPE under covariate shift', () => {
  const shift = { nClasses: 3, startMean: -1.5, endMean: 0.5 };

  it('tracks accuracy, macro F1 and macro ROC AUC', () => {
    const s = covariateShiftScenario(shift);
    const r = Cbpe.fit(s.reference, { referenceChunks: s.referenceChunks }).estimate(s.analysis, s.analysisChunks);
    for (const m of ['accuracy', 'f1', 'roc_auc'] as const) expect(mae(r[m]!), m).toBeLessThan(0.01);
    expect(correlation(r.accuracy!)).toBeGreaterThan(0.98);
    expect(r.accuracy![0].realised! - r.accuracy![14].realised!).toBeGreaterThan(0.1);
    expect(r.accuracy![0].estimate - r.accuracy![14].estimate).toBeGreaterThan(0.1);
  });

  it('calibrates an over-confident model per class and estimates far better for it', () => {
    const s = covariateShiftScenario({ ...shift, temperature: 2.5, bias: 0.7 });
    const auto = Cbpe.fit(s.reference, { referenceChunks: s.referenceChunks });
    expect(auto.calibrated).toEqual([true, true, true]);
    const withCal = auto.estimate(s.analysis, s.analysisChunks);
    const without = Cbpe.fit(s.reference, { referenceChunks: s.referenceChunks, calibration: 'never' }).estimate(
      s.analysis,
      s.analysisChunks,
    );
    for (const m of ['accuracy', 'f1', 'roc_auc'] as const) {
      expect(mae(withCal[m]!), m).toBeLessThan(0.01);
      expect(mae(without[m]!), m).toBeGreaterThan(5 * mae(withCal[m]!));
    }
  });
});
