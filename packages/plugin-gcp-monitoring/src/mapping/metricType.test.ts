import { describe, expect, it } from 'vitest';
import { metricType } from './metricType.js';

describe('metricType', () => {
  it('turns the dots of a name into path segments under the prefix', () => {
    expect(metricType('drift.score')).toBe('custom.googleapis.com/driftwatch/drift/score');
    expect(metricType('dataset.drift_share')).toBe('custom.googleapis.com/driftwatch/dataset/drift_share');
    expect(metricType('performance.f1', 'custom.googleapis.com/ml')).toBe('custom.googleapis.com/ml/performance/f1');
  });

  it('lower-cases and replaces characters the naming conventions forbid', () => {
    expect(metricType('performance.roc-AUC')).toBe('custom.googleapis.com/driftwatch/performance/roc_auc');
    expect(metricType('estimated.performance.F1 score')).toBe('custom.googleapis.com/driftwatch/estimated/performance/f1_score');
    expect(metricType('a..b.')).toBe('custom.googleapis.com/driftwatch/a/b');
  });

  it('rejects names that leave nothing or exceed 200 characters', () => {
    expect(() => metricType('...')).toThrow(/no usable characters/);
    expect(() => metricType('x'.repeat(180))).toThrow(/longer than 200 characters/);
  });
});
