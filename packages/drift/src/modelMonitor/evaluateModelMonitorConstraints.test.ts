import { readFileSync } from 'node:fs';
import type { Column, Frame } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { evaluateModelMonitorConstraints } from './evaluateModelMonitorConstraints.js';
import { modelMonitorBaselineOf } from './modelMonitorBaseline.js';
import { parseModelMonitorFile } from './parseModelMonitorFile.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const statistics = parseModelMonitorFile('statistics', fixture('documented-statistics.json'), 'statistics.json');
const constraints = parseModelMonitorFile('constraints', fixture('documented-constraints.json'), 'constraints.json');

const numeric = (name: string, values: number[], invalid = 0): Column => ({
  kind: 'numeric',
  name,
  values: Float64Array.from(values),
  invalid,
});
function categorical(name: string, values: (string | null)[]): Column {
  const dictionary: string[] = [];
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let code = dictionary.indexOf(v);
    if (code < 0) code = dictionary.push(v) - 1;
    return code;
  });
  return { kind: 'categorical', name, codes, dictionary, invalid: 0 };
}
const frame = (...columns: Column[]): Frame => ({
  rowCount: columns[0].kind === 'categorical' ? columns[0].codes.length : (columns[0] as { values: ArrayLike<unknown> }).values.length,
  columns,
  source: 'current.csv',
});

describe('evaluateModelMonitorConstraints on the documented baseline', () => {
  it('passes data drawn like the baseline', () => {
    const current = frame(
      numeric('age', [22, 28, 31, 35, 40, 44, 44, 61, 61, Number.NaN]),
      numeric('income', [2500.5, 3000, 4000, 5000, 5200, 6000, 6100, 7000, 7500, 7800]),
      categorical('plan', ['basic', 'basic', 'basic', 'basic', 'basic', 'plus', 'plus', 'plus', 'pro', 'pro']),
    );
    const result = evaluateModelMonitorConstraints({ statistics, constraints, current });
    expect(result.violations).toEqual([]);
    // Sketch: items 22..40 weigh 1, 44 and 61 weigh 2; the current CDF is the same step function.
    expect(result.features[0]).toMatchObject({
      name: 'age',
      completeness: 0.9,
      typeMatch: 1,
      distance: 0,
      distanceMethod: 'numerical_linf_simple',
    });
    expect(result.features[0].data).toEqual({ sampleCount: 9, sum: 366, min: 22, max: 61 });
    expect(result.features[2]).toMatchObject({ name: 'plan', distance: 0, distanceMethod: 'categorical_linf_simple' });
    expect(result.emitMetrics).toBe(true);
  });

  it('flags each of the six checks as Model Monitor does', () => {
    const current = frame(
      // 2 of 7 present values are fractional: 71 % Integral, over the 10 % that must match (datatype_check_threshold 0.1).
      numeric('age', [22.5, 28.5, 31, 35, 40, Number.NaN, Number.NaN, Number.NaN, 61, 61]),
      categorical('plan', ['gold', 'gold', 'gold', 'gold', 'gold', 'gold', 'gold', 'gold', 'gold', 'gold']),
      numeric('tenure', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    );
    const result = evaluateModelMonitorConstraints({ statistics, constraints, current });
    expect(result.violations.map((v) => [v.feature_name, v.constraint_check_type])).toEqual([
      ['age', 'completeness_check'],
      ['age', 'baseline_drift_check'],
      ['income', 'missing_column_check'],
      ['plan', 'categorical_values_check'],
      ['plan', 'baseline_drift_check'],
      ['tenure', 'extra_column_check'],
    ]);
    expect(result.violations[0].description).toBe(
      'Data completeness requirement is not met. Expected completeness: 90.0%. Observed: Only 70.0% of data is complete.',
    );
    // plan: gold 0 → 1: L-infinity 1 (Simple).
    expect(result.violations[4].description).toBe('Baseline drift distance: 1 exceeds threshold: 0.1');
    // The share in the domain must reach domain_content_threshold (0.1): 0 % does not.
    expect(result.violations[3].description).toMatch(/Expected: 10\.0% of values in the baseline domain\. Observed: Only 0\.0%/);
    // age: at 40 the sketch's CDF is 5/9 (22…40 weigh 1, 44 and 61 weigh 2), the current's 5/7: 0.159 > 0.1.
    expect(result.features[0].distance).toBeCloseTo(5 / 7 - 5 / 9, 14);
  });

  it('flags the data type when fewer values than the threshold have the baseline type', () => {
    const strict = structuredClone(constraints);
    strict.monitoring_config!.datatype_check_threshold = 1.0;
    const current = frame(numeric('age', [22.5, 28, 31, 35, 40, 44, 44, 61, 61, 30]), numeric('income', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10.5]));
    const result = evaluateModelMonitorConstraints({ statistics, constraints: strict, current });
    const types = result.violations.filter((v) => v.constraint_check_type === 'data_type_check');
    expect(types).toEqual([
      {
        feature_name: 'age',
        constraint_check_type: 'data_type_check',
        description:
          'Data type match requirement is not met. Expected data type: Integral, Expected match: 100.0%. Observed: Only 90.0% of data is Integral.',
      },
    ]);
    // Integral values match a Fractional feature: income has no data type violation.
    expect(result.features.find((f) => f.name === 'income')!.typeMatch).toBe(1);
  });

  it('compares a baseline known by its buckets only at their upper bounds', () => {
    // income: one bucket [2500.5, 7800] of 10; the current CDF is 1 at 7800 too, however the values spread below it.
    const inside = frame(numeric('income', [2600, 2700, 2800, 2900, 3000, 3100, 3200, 3300, 3400, 5000]));
    expect(evaluateModelMonitorConstraints({ statistics, constraints, current: inside }).features[0].distance).toBe(0);
    // Half the values above the top bound: F_cur(7800) = 0.5 → distance 0.5, over income's override threshold 0.3.
    const above = frame(numeric('income', [2600, 2700, 2800, 2900, 3000, 9100, 9200, 9300, 9400, 9500]));
    const r = evaluateModelMonitorConstraints({ statistics, constraints, current: above });
    expect(r.features[0].distance).toBe(0.5);
    expect(r.violations.find((v) => v.constraint_check_type === 'baseline_drift_check')?.description).toBe(
      'Baseline drift distance: 0.5 exceeds threshold: 0.3',
    );
  });

  it('takes a feature override of the comparison threshold over the global one', () => {
    const current = frame(numeric('age', [22.5, 28.5, 31, 35, 40, 61, 61, 61, 61, 61]));
    const base = evaluateModelMonitorConstraints({ statistics, constraints, current });
    expect(base.violations.some((v) => v.feature_name === 'age' && v.constraint_check_type === 'baseline_drift_check')).toBe(true);
    const loose = structuredClone(constraints);
    loose.features[0].monitoringConfigOverrides = { distribution_constraints: { comparison_threshold: 1 } };
    const relaxed = evaluateModelMonitorConstraints({ statistics, constraints: loose, current });
    expect(relaxed.violations.some((v) => v.feature_name === 'age' && v.constraint_check_type === 'baseline_drift_check')).toBe(false);
  });

  it('reports nothing with evaluate_constraints Disabled, and emit_metrics follows the file', () => {
    const off = structuredClone(constraints);
    off.monitoring_config = { ...off.monitoring_config, evaluate_constraints: 'Disabled', emit_metrics: 'Disabled' };
    const result = evaluateModelMonitorConstraints({ statistics, constraints: off, current: frame(numeric('other', [1])) });
    expect(result.violations).toEqual([]);
    expect(result.emitMetrics).toBe(false);
  });

  it('tests a ChiSquared categorical drift by its p-value', () => {
    const chi = structuredClone(constraints);
    chi.monitoring_config!.distribution_constraints!.categorical_drift_method = 'ChiSquared';
    chi.monitoring_config!.distribution_constraints!.categorical_comparison_threshold = 0.05;
    const same = frame(categorical('plan', ['basic', 'basic', 'basic', 'basic', 'basic', 'plus', 'plus', 'plus', 'pro', 'pro']));
    const r = evaluateModelMonitorConstraints({ statistics, constraints: chi, current: same });
    // Expected counts 5, 3, 2: two under 5, so Deequ merges until one category is left and the test cannot run (NaN, no violation).
    expect(r.features[0]).toMatchObject({ distance: Number.NaN, distanceMethod: 'categorical_chisquared_pvalue' });
    expect(r.violations.filter((v) => v.feature_name === 'plan')).toEqual([]);
    // Ten times the rows: expected 50, 30, 20 → no regrouping; 80/10/10 against them: χ² = 18 + 13.33 + 5 on 2 df.
    const big = statistics.features[2].string_statistics!.distribution!.categorical.buckets.map((b) => ({ ...b, count: b.count * 10 }));
    const scaled = structuredClone(statistics);
    scaled.features[2].string_statistics!.distribution!.categorical.buckets = big;
    const plan = [...Array(80).fill('basic'), ...Array(10).fill('plus'), ...Array(10).fill('pro')];
    const drifted = evaluateModelMonitorConstraints({ statistics: scaled, constraints: chi, current: frame(categorical('plan', plan)) });
    expect(drifted.features[0].distance).toBeCloseTo(Math.exp(-(18 + 40 / 3 + 5) / 2), 12);
    expect(drifted.violations.filter((v) => v.feature_name === 'plan').map((v) => v.constraint_check_type)).toEqual([
      'baseline_drift_check',
    ]);
  });
});

describe('Model Monitor baseline round trip', () => {
  const reference = frame(
    numeric('age', [23, 35, 41, 52, 29, 33, 47, Number.NaN, 38, 61, 44, 27]),
    numeric('score', [0.12, 0.5, 0.33, 0.91, 0.77, 0.05, 0.64, 0.2, 0.48, 0.39, 0.81, 0.6]),
    categorical('plan', ['basic', 'pro', 'basic', null, 'plus', 'basic', 'pro', 'plus', 'basic', 'basic', 'pro', 'plus']),
  );

  it('writes the statistics Model Monitor documents for each feature', () => {
    const { statistics: s, constraints: c, skipped } = modelMonitorBaselineOf(reference);
    expect(skipped).toEqual([]);
    const age = s.features[0];
    expect(age.inferred_type).toBe('Integral');
    const ages = [23, 35, 41, 52, 29, 33, 47, 38, 61, 44, 27];
    const mean = ages.reduce((a, b) => a + b) / ages.length;
    expect(age.numerical_statistics).toMatchObject({ common: { num_present: 11, num_missing: 1 }, sum: 430, min: 23, max: 61 });
    expect(age.numerical_statistics!.mean).toBeCloseTo(mean, 12);
    expect(age.numerical_statistics!.std_dev).toBeCloseTo(Math.sqrt(ages.reduce((a, x) => a + (x - mean) ** 2, 0) / ages.length), 12);
    const buckets = age.numerical_statistics!.distribution!.kll.buckets;
    expect(buckets).toHaveLength(10);
    expect(buckets.reduce((a, b) => a + b.count, 0)).toBe(11);
    expect(buckets[0].lower_bound).toBe(23);
    expect(buckets[9].upper_bound).toBe(61);
    expect(age.numerical_statistics!.distribution!.kll.sketch!.data).toEqual([[...ages].sort((a, b) => a - b)]);
    expect(s.features[1].inferred_type).toBe('Fractional');
    expect(s.features[2].string_statistics).toMatchObject({ common: { num_present: 11, num_missing: 1 }, distinct_count: 3 });
    expect(c.features[0]).toEqual({
      name: 'age',
      inferred_type: 'Integral',
      completeness: 11 / 12,
      num_constraints: { is_non_negative: true },
    });
    expect(c.features[2].string_constraints).toEqual({ domains: ['basic', 'pro', 'plus'] });
  });

  it('gives the same checks after write → read', () => {
    const written = modelMonitorBaselineOf(reference);
    const read = {
      statistics: parseModelMonitorFile('statistics', JSON.stringify(written.statistics), 'statistics.json'),
      constraints: parseModelMonitorFile('constraints', JSON.stringify(written.constraints), 'constraints.json'),
    };
    const currents = [
      reference,
      frame(numeric('age', [70, 71, 72, 73, Number.NaN, Number.NaN]), categorical('plan', ['gold', 'basic', 'gold', 'pro', 'pro', 'pro'])),
      frame(numeric('age', [23.5, 35, 41, 52, 29, 33]), numeric('score', [1, 2, 3, 4, 5, 6]), numeric('extra', [1, 2, 3, 4, 5, 6])),
    ];
    for (const current of currents) {
      const a = evaluateModelMonitorConstraints({ ...written, current });
      const b = evaluateModelMonitorConstraints({ ...read, current });
      expect(b).toEqual(a);
    }
    expect(evaluateModelMonitorConstraints({ ...read, current: reference }).violations).toEqual([]);
    // Robust (the baseline job's method) takes 1.8·√((n+m)/(n·m)) off: over 1 with 11 and 4 values, so no drift violation here.
    expect(evaluateModelMonitorConstraints({ ...read, current: currents[1] }).violations.map((v) => v.constraint_check_type)).toEqual([
      'completeness_check',
      'missing_column_check',
      'categorical_values_check',
    ]);
    expect(evaluateModelMonitorConstraints({ ...read, current: currents[2] }).violations.map((v) => v.constraint_check_type)).toEqual([
      'data_type_check',
      'missing_column_check',
      'extra_column_check',
    ]);
  });
});
