import { describe, expect, it } from 'vitest';
import { meetsCochranRule, selectDefaultMethod } from './selectDefaultMethod.js';

const column = (kind: 'numeric' | 'categorical', n: number, u: number, extra: { ties?: boolean; sparse?: boolean } = {}) => ({
  kind,
  referenceRows: n,
  distinct: u,
  ...extra,
});

describe('selectDefaultMethod', () => {
  it.each([
    ['numeric', 1000, 2, 'z'],
    ['numeric', 1000, 3, 'chisquare'],
    ['numeric', 1000, 5, 'chisquare'],
    ['numeric', 1000, 6, 'ks'],
    ['numeric', 1001, 5, 'jensenshannon'],
    ['numeric', 1001, 6, 'wasserstein'],
    ['categorical', 1000, 2, 'z'],
    ['categorical', 1000, 3, 'chisquare'],
    ['categorical', 1001, 2, 'jensenshannon'],
    ['categorical', 5000, 40, 'jensenshannon'],
  ] as const)('evidently: %s, n=%i, u=%i → %s, whatever the ties and sparsity', (kind, n, u, expected) => {
    expect(selectDefaultMethod(column(kind, n, u), 'evidently')).toBe(expected);
    expect(selectDefaultMethod(column(kind, n, u, { ties: true, sparse: true }), 'evidently')).toBe(expected);
  });

  it.each([
    ['numeric', 1000, 2, {}, 'z'],
    ['numeric', 1000, 3, {}, 'chi2_contingency'],
    ['numeric', 1000, 5, { sparse: true }, 'chi2_permutation'],
    ['numeric', 1000, 6, {}, 'chi2_contingency'],
    ['numeric', 1000, 20, { sparse: true }, 'chi2_permutation'],
    ['numeric', 1000, 21, {}, 'ks'],
    ['numeric', 1000, 21, { ties: true }, 'ks_permutation'],
    ['numeric', 50, 40, { ties: false }, 'ks'],
    ['numeric', 1001, 5, {}, 'jensenshannon'],
    ['numeric', 1001, 6, { ties: true }, 'wasserstein'],
    ['categorical', 1000, 2, { sparse: true }, 'z'],
    ['categorical', 1000, 3, {}, 'chi2_contingency'],
    ['categorical', 1000, 20, { sparse: true }, 'chi2_permutation'],
    ['categorical', 1001, 2, {}, 'jensenshannon'],
    ['categorical', 5000, 40, { sparse: true }, 'jensenshannon'],
  ] as const)('calibrated: %s, n=%i, u=%i, %o → %s', (kind, n, u, extra, expected) => {
    expect(selectDefaultMethod(column(kind, n, u, extra), 'calibrated')).toBe(expected);
    expect(selectDefaultMethod(column(kind, n, u, extra))).toBe(expected);
  });
});

describe('meetsCochranRule: expected counts ≥ 1, at most 20% below 5', () => {
  it.each([
    [[50, 50], [50, 50], true],
    [[10, 10, 10, 10, 1], [10, 10, 10, 10, 1], true],
    [[10, 10, 10, 2, 2], [10, 10, 10, 2, 2], false],
    [[20, 20, 20, 20, 3], [20, 20, 20, 20, 3], true],
    [[20, 20, 20, 20, 1], [20, 20, 20, 20, 0], false],
    [[30, 30, 30, 4, 4], [30, 30, 30, 4, 4], false],
    [[100, 0], [0, 0], false],
    [[300, 200, 100, 0], [30, 20, 10, 0], true],
    [[300, 200, 100, 20], [30, 20, 10, 2], true],
    [[300, 200, 100, 5], [30, 20, 10, 0], false],
  ])('%o vs %o → %s', (ref, cur, expected) => {
    expect(meetsCochranRule(ref, cur)).toBe(expected);
  });
});
