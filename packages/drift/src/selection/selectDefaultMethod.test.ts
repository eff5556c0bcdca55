import { describe, expect, it } from 'vitest';
import { selectDefaultMethod } from './selectDefaultMethod.js';

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
  ] as const)('evidently: %s, n=%i, u=%i → %s', (kind, n, u, expected) => {
    expect(selectDefaultMethod(kind, n, u, 'evidently')).toBe(expected);
  });

  it.each([
    ['numeric', 1000, 2, 'z'],
    ['numeric', 1000, 3, 'chi2_contingency'],
    ['numeric', 1000, 5, 'chi2_contingency'],
    ['numeric', 1000, 6, 'ks'],
    ['numeric', 1001, 5, 'jensenshannon'],
    ['numeric', 1001, 6, 'wasserstein'],
    ['categorical', 1000, 2, 'z'],
    ['categorical', 1000, 3, 'chi2_contingency'],
    ['categorical', 1001, 2, 'jensenshannon'],
    ['categorical', 5000, 40, 'jensenshannon'],
  ] as const)('calibrated: %s, n=%i, u=%i → %s', (kind, n, u, expected) => {
    expect(selectDefaultMethod(kind, n, u, 'calibrated')).toBe(expected);
    expect(selectDefaultMethod(kind, n, u)).toBe(expected);
  });
});
