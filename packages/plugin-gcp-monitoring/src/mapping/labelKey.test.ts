import { describe, expect, it } from 'vitest';
import { labelKey } from './labelKey.js';

describe('labelKey', () => {
  it('keeps keys that are already valid', () => {
    for (const k of ['monitor', 'feature', 'method', 'measure', 'metric', 'chunk', 'model_v2']) expect(labelKey(k)).toBe(k);
  });

  it('maps other characters to the allowed set [a-z][a-z0-9_]*', () => {
    expect(labelKey('featureName')).toBe('featurename');
    expect(labelKey('chunk.index')).toBe('chunk_index');
    expect(labelKey('Model Version')).toBe('model_version');
    expect(labelKey('2nd')).toBe('d_2nd');
    expect(labelKey('_private')).toBe('d__private');
    expect(labelKey('')).toBe('d_');
    for (const k of ['ä', 'x-y', '9', 'A/B']) expect(labelKey(k)).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('cuts keys to 100 characters', () => {
    expect(labelKey('k'.repeat(150))).toHaveLength(100);
  });
});
