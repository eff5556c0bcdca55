import type { CategoricalColumn, Frame, NumericColumn } from '@driftwatch/core';
import { InputError, UsageError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { classificationColumns, sortLabels } from './modelColumns.js';

function labels(name: string, dictionary: string[], values: (string | null)[]): CategoricalColumn {
  const codes = Int32Array.from(values, (v) => (v === null ? -1 : dictionary.indexOf(v)));
  return { kind: 'categorical', name, codes, dictionary, invalid: 0 };
}
const numeric = (name: string, values: number[]): NumericColumn => ({
  kind: 'numeric',
  name,
  values: Float64Array.from(values),
  invalid: 0,
});

describe('sortLabels', () => {
  it('orders numbers numerically and strings by code point, as np.unique does', () => {
    expect(sortLabels(['10', '2', '1', '2'])).toEqual(['1', '2', '10']);
    expect(sortLabels(['b', 'B', 'a'])).toEqual(['B', 'a', 'b']);
    expect(sortLabels(['1', 'x'])).toEqual(['1', 'x']);
  });
});

describe('classificationColumns', () => {
  const frame: Frame = {
    source: 'data.csv',
    rowCount: 4,
    columns: [
      labels('y', ['1', '0'], ['1', '0', null, '1']),
      labels('p', ['0', '1'], ['1', '1', '0', '0']),
      numeric('s', [0.9, 0.6, 0.2, 0.4]),
    ],
  };

  it('shares one class list between target and prediction and finds the positive class', () => {
    const c = classificationColumns(frame, { target: 'y', prediction: 'p', proba: 's' });
    expect(c.classes).toEqual(['0', '1']);
    expect([...c.yTrue]).toEqual([1, 0, -1, 1]);
    expect([...c.yPred]).toEqual([1, 1, 0, 0]);
    expect(c.positive).toBe(1);
    expect([...(c.scores ?? [])]).toEqual([0.9, 0.6, 0.2, 0.4]);
  });

  it('asks for --positive when no label is an obvious positive class', () => {
    const f: Frame = {
      ...frame,
      columns: [labels('y', ['cat', 'dog'], ['cat', 'dog', 'cat', 'dog']), labels('p', ['cat'], ['cat', 'cat', 'cat', 'cat'])],
    };
    expect(() => classificationColumns(f, { target: 'y', prediction: 'p' })).toThrow(UsageError);
    expect(classificationColumns(f, { target: 'y', prediction: 'p', positive: 'dog' }).positive).toBe(1);
    expect(() => classificationColumns(f, { target: 'y', prediction: 'p', positive: 'cow' })).toThrow(/not one of the labels \(cat, dog\)/);
  });

  it('gathers multiclass probabilities by prefix, in class order', () => {
    const f: Frame = {
      source: 'm.csv',
      rowCount: 2,
      columns: [
        labels('y', ['a', 'c'], ['a', 'c']),
        labels('p', ['b'], ['b', 'b']),
        numeric('p_c', [0.1, 0.5]),
        numeric('p_a', [0.7, 0.2]),
        numeric('p_b', [0.2, 0.3]),
      ],
    };
    const c = classificationColumns(f, { target: 'y', prediction: 'p', probaPrefix: 'p_' });
    expect(c.classes).toEqual(['a', 'b', 'c']);
    expect([...(c.proba ?? [])]).toEqual([0.7, 0.2, 0.1, 0.2, 0.3, 0.5]);
    expect(c.positive).toBeUndefined();
  });

  it('names the file and the columns when a column is missing or of the wrong kind', () => {
    expect(() => classificationColumns(frame, { target: 'label', prediction: 'p' })).toThrow(
      /data.csv: no target column "label" \(columns: y, p, s\)/,
    );
    expect(() => classificationColumns(frame, { target: 's', prediction: 'p' })).toThrow(InputError);
    expect(() => classificationColumns(frame, { target: 'y', prediction: 'p', proba: 'y' })).toThrow(/must be numeric probabilities/);
  });

  it('refuses a score outside [0, 1] for every metric, naming file, row and column (issue 12.10)', () => {
    const scored: Frame = {
      source: 'scored.csv',
      rowCount: 4,
      columns: [
        labels('y', ['0', '1'], ['1', '0', '1', '0']),
        labels('p', ['0', '1'], ['1', '0', '1', '0']),
        numeric('s', [0.9, Number.NaN, 1.7, 0]),
      ],
    };
    let error: unknown;
    try {
      classificationColumns(scored, { target: 'y', prediction: 'p', proba: 's' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('scored.csv: row 3: probability column "s": 1.7 is not a probability in [0, 1]');
    expect((error as InputError).location).toEqual({ file: 'scored.csv', field: 's' });
    const negative = { ...scored, columns: [...scored.columns.slice(0, 2), numeric('s', [0.9, -0.1, 1, 0])] };
    expect(() => classificationColumns(negative, { target: 'y', prediction: 'p', proba: 's' })).toThrow(/row 2: .*-0\.1 is not/);
    const ok = { ...scored, columns: [...scored.columns.slice(0, 2), numeric('s', [0.9, Number.NaN, 1, 0])] };
    expect(classificationColumns(ok, { target: 'y', prediction: 'p', proba: 's' }).scores).toHaveLength(4);
  });
});
