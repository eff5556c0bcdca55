import type { ModelVersion } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { TableEvaluator } from './TableEvaluator.js';

const version = (v: string): ModelVersion => ({
  model: 'churn',
  version: v,
  artifactUri: v,
  status: 'candidate',
  createdAt: '',
  metadata: {},
});
const set = { uri: 'holdout.csv', rows: 2, target: 'y' };

describe('TableEvaluator', () => {
  it('answers per version, one list entry per call, and records the calls', async () => {
    const evaluator = new TableEvaluator({
      '1': { rows: 2, labels: ['a', 'b'] },
      '2': [{ rows: 2, labels: ['a', 'a'] }, (s) => ({ rows: s.rows, labels: ['b', 'b'] })],
      '3': new Error('down'),
    });
    expect((await evaluator.predict(version('1'), set)).labels).toEqual(['a', 'b']);
    expect((await evaluator.predict(version('2'), set)).labels).toEqual(['a', 'a']);
    expect((await evaluator.predict(version('2'), set)).labels).toEqual(['b', 'b']);
    expect((await evaluator.predict(version('2'), set)).labels).toEqual(['b', 'b']);
    await expect(evaluator.predict(version('3'), set)).rejects.toThrow('down');
    await expect(evaluator.predict(version('4'), set)).rejects.toThrow('table predict: no predictions for churn version 4');
    expect(evaluator.calls.map((c) => c.version)).toEqual(['1', '2', '2', '2', '3', '4']);
    expect(evaluator.calls[0].set).toEqual(set);
  });
});
