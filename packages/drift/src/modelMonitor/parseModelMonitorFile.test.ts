import { readFileSync } from 'node:fs';
import { InputError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { parseModelMonitorFile } from './parseModelMonitorFile.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('no error');
}

describe('parseModelMonitorFile', () => {
  it('reads a statistics.json written field by field from the documented schema, optional fields included', () => {
    const s = parseModelMonitorFile('statistics', fixture('documented-statistics.json'), 'statistics.json');
    expect(s.dataset.item_count).toBe(10);
    expect(s.features.map((f) => [f.name, f.inferred_type])).toEqual([
      ['age', 'Integral'],
      ['income', 'Fractional'],
      ['plan', 'String'],
    ]);
    const age = s.features[0].numerical_statistics!;
    expect(age.common).toEqual({ num_present: 9, num_missing: 1 });
    expect([age.mean, age.sum, age.std_dev, age.min, age.max]).toEqual([41, 369, 11.2, 22, 61]);
    expect(age.distribution!.kll.buckets[4]).toEqual({ lower_bound: 53.2, upper_bound: 61, count: 2 });
    expect(age.distribution!.kll.sketch).toEqual({
      parameters: { c: 0.64, k: 2048 },
      data: [
        [22, 28, 31, 35, 40],
        [44, 61],
      ],
    });
    expect(s.features[1].numerical_statistics!.distribution!.kll.sketch).toBeUndefined();
    const plan = s.features[2].string_statistics!;
    expect(plan.distinct_count).toBe(3);
    expect(plan.distribution!.categorical.buckets).toEqual([
      { value: 'basic', count: 5 },
      { value: 'plus', count: 3 },
      { value: 'pro', count: 2 },
    ]);
    // A container's custom statistics are kept.
    expect((s.features[2] as Record<string, unknown>).custom_statistics).toEqual({ longest_value: 5 });
  });

  it('reads a constraints.json with every documented field', () => {
    const c = parseModelMonitorFile('constraints', fixture('documented-constraints.json'), 'constraints.json');
    expect(c.features[0]).toEqual({
      name: 'age',
      inferred_type: 'Integral',
      completeness: 0.9,
      num_constraints: { is_non_negative: true },
      monitoringConfigOverrides: {},
    });
    expect(c.features[1].monitoringConfigOverrides).toEqual({ distribution_constraints: { comparison_threshold: 0.3 } });
    expect(c.features[2].string_constraints).toEqual({ domains: ['basic', 'plus', 'pro'] });
    expect(c.monitoring_config).toEqual({
      evaluate_constraints: 'Enabled',
      emit_metrics: 'Enabled',
      datatype_check_threshold: 0.1,
      domain_content_threshold: 0.1,
      distribution_constraints: {
        perform_comparison: 'Enabled',
        comparison_threshold: 0.1,
        comparison_method: 'Simple',
        categorical_comparison_threshold: 0.1,
        categorical_drift_method: 'LInfinity',
      },
    });
  });

  it('reads a constraint_violations.json with all six check types', () => {
    const v = parseModelMonitorFile('violations', fixture('documented-violations.json'), 'constraint_violations.json');
    expect(v.violations.map((x) => x.constraint_check_type)).toEqual([
      'data_type_check',
      'completeness_check',
      'baseline_drift_check',
      'missing_column_check',
      'extra_column_check',
      'categorical_values_check',
    ]);
  });

  it('names the file and the JSON path of a wrong field', () => {
    const text = fixture('documented-statistics.json').replace('"num_present": 9', '"num_present": "9"');
    const e = errorOf(() => parseModelMonitorFile('statistics', text, 's3://b/statistics.json'));
    expect(e.code).toBe('INPUT_BAD_SCHEMA');
    expect(e.message).toMatch(
      /^s3:\/\/b\/statistics\.json: \$\.features\[0\]\.numerical_statistics\.common\.num_present: .*expected number/,
    );
    expect(e.location).toEqual({ file: 's3://b/statistics.json', field: '$.features[0].numerical_statistics.common.num_present' });
  });

  it('names a missing field of a partial file, and counts the other problems', () => {
    const partial = JSON.parse(fixture('documented-constraints.json'));
    delete partial.features[2].inferred_type;
    partial.monitoring_config.distribution_constraints.comparison_method = 'Fancy';
    const e = errorOf(() => parseModelMonitorFile('constraints', JSON.stringify(partial), 'constraints.json'));
    expect(e.message).toMatch(/^constraints\.json: \$\.features\[2\]\.inferred_type: .* \(and 1 more problem\)$/);
  });

  it('reports text that is not JSON as bad JSON naming the file', () => {
    const e = errorOf(() => parseModelMonitorFile('statistics', '{"version": 0,', 'statistics.json'));
    expect(e.code).toBe('INPUT_BAD_JSON');
    expect(e.message).toMatch(/^statistics\.json: not a Model Monitor statistics file: /);
  });

  it('refuses a violations file with a check type Model Monitor does not have', () => {
    const e = errorOf(() =>
      parseModelMonitorFile(
        'violations',
        '{"violations":[{"feature_name":"a","constraint_check_type":"nope","description":""}]}',
        'v.json',
      ),
    );
    expect(e.message).toMatch(/^v\.json: \$\.violations\[0\]\.constraint_check_type: /);
  });
});
