import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelMonitorFile } from '@driftwatch/drift';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, requireBuiltCli, root } from './__tests__/builtCli.js';

// `driftwatch baseline --format sagemaker-monitor` writes Model Monitor's two baseline files, and a
// monitor whose reference is `type: sagemaker-baseline` runs Model Monitor's checks against them with
// no raw reference data: constraint_violations.json, and the per-feature points.
let dir: string;
const run = (...args: string[]) =>
  spawnSync(process.execPath, [main, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'dw-mm-baseline-'));
  let reference = 'age,score,plan\n';
  let current = 'age,score,plan,extra\n';
  for (let i = 0; i < 400; i++) {
    reference += `${20 + (i % 40)},${((i * 37) % 100) / 100},${i % 4 === 0 ? 'pro' : 'basic'}\n`;
    // age shifted by 20 (drift), every 10th score missing (completeness), 'gold' plans (outside the domain).
    current += `${40 + (i % 40)},${i % 10 === 0 ? '' : ((i * 37) % 100) / 100},${i % 4 === 0 ? 'gold' : 'basic'},${i}\n`;
  }
  writeFileSync(join(dir, 'reference.csv'), reference);
  writeFileSync(join(dir, 'current.csv'), current);
});

describe('Model Monitor baselines', () => {
  it('baseline writes statistics.json and constraints.json that parse as Model Monitor files', () => {
    const r = run('baseline', '--reference', 'reference.csv', '--format', 'sagemaker-monitor', '--out', 'bl');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('wrote bl/statistics.json (3 features, 400 rows) and bl/constraints.json\n');
    const stats = parseModelMonitorFile('statistics', readFileSync(join(dir, 'bl/statistics.json'), 'utf8'), 'statistics.json');
    expect(stats.features.map((f) => [f.name, f.inferred_type])).toEqual([
      ['age', 'Integral'],
      ['score', 'Fractional'],
      ['plan', 'String'],
    ]);
    expect(stats.features[0].numerical_statistics).toMatchObject({
      common: { num_present: 400, num_missing: 0 },
      min: 20,
      max: 59,
      sum: 400 * 39.5,
    });
    expect(stats.features[2].string_statistics!.distribution!.categorical.buckets).toEqual([
      { value: 'pro', count: 100 },
      { value: 'basic', count: 300 },
    ]);
    const constraints = parseModelMonitorFile('constraints', readFileSync(join(dir, 'bl/constraints.json'), 'utf8'), 'constraints.json');
    expect(constraints.features[2]).toEqual({
      name: 'plan',
      inferred_type: 'String',
      completeness: 1,
      string_constraints: { domains: ['pro', 'basic'] },
    });
  });

  it('a monitor runs against the baseline: constraint_violations.json and the per-feature points', () => {
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
sinks:
  - { type: jsonl, path: out/metrics.jsonl }
monitors:
  - name: mm
    reference: { type: sagemaker-baseline, statistics: bl/statistics.json, constraints: bl/constraints.json, output: out/mm }
    current: { path: current.csv }
    drift: { columns: [age, score, plan] } # the current data has a column the baseline lacks
`,
    );
    const r = run('run', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.drift.reference.rows).toBe(400);
    const violations = JSON.parse(readFileSync(join(dir, 'out/mm/constraint_violations.json'), 'utf8')).violations as {
      feature_name: string;
      constraint_check_type: string;
    }[];
    expect(violations.map((v) => [v.feature_name, v.constraint_check_type])).toEqual([
      ['age', 'baseline_drift_check'],
      ['score', 'completeness_check'],
      ['plan', 'categorical_values_check'],
      ['plan', 'baseline_drift_check'],
      ['extra', 'extra_column_check'],
    ]);
    expect(result.modelMonitor.violations).toEqual(
      JSON.parse(readFileSync(join(dir, 'out/mm/constraint_violations.json'), 'utf8')).violations,
    );
    // age 20…59 against 40…79: the CDFs differ by 0.5 at 39; Robust takes 1.8·√(800/160000) = 0.127 off.
    const age = result.modelMonitor.features.find((f: { name: string }) => f.name === 'age');
    expect(age.distance).toBeCloseTo(0.5 - 1.8 * Math.sqrt(800 / 160_000), 12);
    const points = readFileSync(join(dir, 'out/metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; value: number; dimensions: Record<string, string> });
    const value = (name: string, dims: Record<string, string>) =>
      points.find((p) => p.name === name && Object.entries(dims).every(([k, v]) => p.dimensions[k] === v))?.value;
    expect(value('modelmonitor.non_null', { feature: 'score' })).toBe(0.9);
    expect(value('modelmonitor.data.max', { feature: 'age' })).toBe(79);
    expect(value('modelmonitor.data.count', { feature: 'score' })).toBe(360);
    expect(value('modelmonitor.violations', { check: 'baseline_drift_check' })).toBe(2);
    const current = parseModelMonitorFile('statistics', readFileSync(join(dir, 'out/mm/statistics.json'), 'utf8'), 'statistics.json');
    expect(current.features.map((f) => f.name)).toEqual(['age', 'score', 'plan', 'extra']);
  });

  it('a bad baseline file is one error naming the file and the JSON path, exit 2', () => {
    const stats = JSON.parse(readFileSync(join(dir, 'bl/statistics.json'), 'utf8'));
    delete stats.features[1].numerical_statistics.std_dev;
    writeFileSync(join(dir, 'bl/broken.json'), JSON.stringify(stats));
    writeFileSync(
      join(dir, 'broken.yaml'),
      `version: 1
monitors:
  - name: mm
    reference: { type: sagemaker-baseline, statistics: bl/broken.json, constraints: bl/constraints.json }
    current: { path: current.csv }
`,
    );
    const r = run('run', '--config', 'broken.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^driftwatch: error: bl\/broken\.json: \$\.features\[1\]\.numerical_statistics\.std_dev: .*expected number/m);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it("the README's config validates", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const at = readme.indexOf('\n## Moving from SageMaker Model Monitor\n');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme.slice(at))![1]!;
    writeFileSync(join(dir, 'readme.yaml'), yaml);
    const r = spawnSync(process.execPath, [main, 'config', 'validate', '--config', 'readme.yaml'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, AWS_REGION: 'eu-west-1' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ok: readme\.yaml: 1 monitor \(churn\)/);
  });

  it("metrics --format sagemaker-monitor writes Model Monitor's model-quality statistics.json", () => {
    // The binary example of Model Monitor's documentation: confusion matrix {"0": {"0": 1, "1": 2}, "1": {"0": 0, "1": 1}}.
    writeFileSync(join(dir, 'scored.csv'), 'label,predicted\n0,0\n0,1\n0,1\n1,1\n');
    const r = run(
      'metrics',
      '-d',
      'scored.csv',
      '-y',
      'label',
      '-p',
      'predicted',
      '--format',
      'sagemaker-monitor',
      '-o',
      'mq/statistics.json',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = JSON.parse(readFileSync(join(dir, 'mq/statistics.json'), 'utf8'));
    expect(s.dataset.item_count).toBe(4);
    const m = s.binary_classification_metrics;
    expect(m.confusion_matrix).toEqual({ '0': { '0': 1, '1': 2 }, '1': { '0': 0, '1': 1 } });
    expect([m.recall.value, m.accuracy.value, m.precision_best_constant_classifier.value]).toEqual([1, 0.5, 0.25]);
    expect(m.recall.standard_deviation).toBe('NaN');
  });

  it('with --proba the binary statistics.json has the ROC and precision-recall curves, as scikit-learn computes them', () => {
    // sklearn's curves of the same rows (packages/metrics/scripts/reference/gen_binary_curves.py).
    const fixtures = JSON.parse(
      readFileSync(new URL('../../../packages/metrics/src/modelMonitor/__fixtures__/binaryCurves.json', import.meta.url), 'utf8'),
    ) as {
      cases: { name: string; yTrue: number[]; scores: number[]; fpr: number[]; tpr: number[]; precision: number[]; recall: number[] }[];
    };
    const c = fixtures.cases.find((x) => x.name === 'ties')!;
    const rows = c.yTrue.map((y, i) => `${y},${c.scores[i]! >= 0.5 ? 1 : 0},${c.scores[i]}`);
    writeFileSync(join(dir, 'scored-proba.csv'), `label,predicted,score\n${rows.join('\n')}\n`);
    const r = run(
      'metrics',
      '-d',
      'scored-proba.csv',
      '-y',
      'label',
      '-p',
      'predicted',
      '--proba',
      'score',
      '--format',
      'sagemaker-monitor',
      '-o',
      'mq2/statistics.json',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = JSON.parse(readFileSync(join(dir, 'mq2/statistics.json'), 'utf8')).binary_classification_metrics;
    const close = (actual: number[], expected: number[]) => {
      expect(actual).toHaveLength(expected.length);
      actual.forEach((a, i) => {
        expect(a).toBeCloseTo(expected[i]!, 14);
      });
    };
    close(m.receiver_operating_characteristic_curve.false_positive_rates, c.fpr);
    close(m.receiver_operating_characteristic_curve.true_positive_rates, c.tpr);
    close(m.precision_recall_curve.precisions, [...c.precision].reverse());
    close(m.precision_recall_curve.recalls, [...c.recall].reverse());
  });
});
