import { describe, expect, it } from 'vitest';
import { isChampionReference } from './driftwatchConfigSchema.js';

describe('isChampionReference', () => {
  it('is the champion form only', () => {
    expect(isChampionReference({ from: 'champion', initial: { type: 'csv', path: 'r.csv' } })).toBe(true);
  });

  it('a data source with an option named from is a data source', () => {
    // sagemaker-capture reads a time range: from/to
    expect(isChampionReference({ type: 'sagemaker-capture', uri: 's3://b/p', from: '2026-12-01T00:00:00Z' })).toBe(false);
    expect(isChampionReference({ type: 'csv', path: 'r.csv' })).toBe(false);
  });
});
