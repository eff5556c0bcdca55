import { describe, expect, it } from 'vitest';
import { inferKind } from './inferKind.js';

const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

describe('inferKind', () => {
  it.each([
    ['boolean', ['true', 'FALSE', 'True', null, 'NA']],
    ['numeric', ['1', '-2.5e3', 'inf', '.5', null, 'nan', '']],
    ['datetime', ['2024-01-01', '2024-01-01T10:00:00Z', '2024-02-29 23:59']],
    ['categorical', ['a', 'b', 'a']],
    ['categorical', [null, 'NA', '']],
    ['categorical', many(100, (i) => `label${i % 50}`)],
    ['text', many(100, (i) => `free text ${i}`)],
    ['categorical', many(49, (i) => `unique ${i}`)],
    ['text', many(2002, (i) => `v${i % 1001}`)],
  ] as const)('infers %s', (kind, values) => {
    expect(inferKind(values)).toBe(kind);
  });

  it('falls back from numeric on one non-number, and from datetime on one bad date', () => {
    expect(inferKind(['1', '2', 'x'])).toBe('categorical');
    expect(inferKind(['2024-01-01', '2024-02-30'])).toBe('categorical');
  });

  it('takes the category limit as an option', () => {
    expect(
      inferKind(
        many(100, (i) => `v${i % 10}`),
        { maxCategories: 5 },
      ),
    ).toBe('text');
  });
});

describe('inferKind: embeddings', () => {
  it('reads JSON arrays of numbers with fractions as embeddings; integer arrays and mixed arrays are not', () => {
    expect(inferKind(['[0.5, 1, -2e-3]', '[1, 2, 3.25]', null])).toBe('embedding');
    expect(inferKind(['[1, 2]', '[3, 4]'])).not.toBe('embedding');
    expect(inferKind(['[0.5, "a"]', '[1.5, 2]'])).not.toBe('embedding');
    expect(inferKind(['[]', '[0.5]'])).not.toBe('embedding');
  });
});
