import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attachedModelMonitorBaseline, modelMonitorBaselineSchema, modelMonitorReferenceFrame } from './modelMonitorReferenceFrame.js';
import { parseModelMonitorFile } from './parseModelMonitorFile.js';

const text = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const baseline = {
  statistics: parseModelMonitorFile('statistics', text('documented-statistics.json'), 'statistics.json'),
  constraints: parseModelMonitorFile('constraints', text('documented-constraints.json'), 'constraints.json'),
  source: 's3://b/statistics.json',
};

describe('modelMonitorReferenceFrame', () => {
  it('rebuilds each feature from its sketch, buckets or category counts, missing values filling item_count', () => {
    const frame = modelMonitorReferenceFrame(baseline);
    expect(frame.rowCount).toBe(10);
    expect(frame.source).toBe('s3://b/statistics.json');
    const [age, income, plan] = frame.columns;
    // Level 0 items once, level 1 items twice: 9 present values, then one missing.
    expect(age.kind === 'numeric' && [...age.values]).toEqual([22, 28, 31, 35, 40, 44, 44, 61, 61, Number.NaN]);
    // No sketch: the one bucket's 10 values at its upper bound.
    expect(income.kind === 'numeric' && [...income.values]).toEqual(Array(10).fill(7800));
    expect(plan.kind === 'categorical' && plan.dictionary).toEqual(['basic', 'plus', 'pro']);
    expect(plan.kind === 'categorical' && [...plan.codes]).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
    expect(attachedModelMonitorBaseline(frame)).toBe(baseline);
    expect(attachedModelMonitorBaseline({ ...frame })).toBeUndefined();
  });

  it('keeps only the columns asked for, with kinds from the inferred types', () => {
    expect(modelMonitorBaselineSchema(baseline.statistics).columns).toEqual([
      { name: 'age', kind: 'numeric' },
      { name: 'income', kind: 'numeric' },
      { name: 'plan', kind: 'categorical' },
    ]);
    expect(modelMonitorReferenceFrame(baseline, new Set(['plan'])).columns.map((c) => c.name)).toEqual(['plan']);
  });
});
