import type { CategoricalColumn, Frame, NumericColumn, Schema } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { modelColumnSpecs, modelDataFromFrame } from './modelData.js';

const numeric = (name: string, values: number[]): NumericColumn => ({
  kind: 'numeric',
  name,
  values: Float64Array.from(values),
  invalid: 0,
});
const labels = (name: string, values: string[]): CategoricalColumn => {
  const dictionary = [...new Set(values)];
  return { kind: 'categorical', name, codes: Int32Array.from(values, (v) => dictionary.indexOf(v)), dictionary, invalid: 0 };
};
const frame = (...columns: (NumericColumn | CategoricalColumn)[]): Frame => ({
  source: 'data.csv',
  rowCount: columns[0]?.kind === 'numeric' ? columns[0].values.length : (columns[0] as CategoricalColumn).codes.length,
  columns,
});

describe('modelDataFromFrame', () => {
  it('reads numeric 0/1 labels as binary classes, printed as JavaScript prints the numbers', () => {
    const data = modelDataFromFrame(frame(numeric('y', [1, 0, Number.NaN]), numeric('p', [1, 1, 0]), numeric('s', [0.9, 0.6, 0.2])), {
      target: 'y',
      prediction: 'p',
      proba: 's',
    });
    if (data.task !== 'binary') throw new Error(`expected binary, got ${data.task}`);
    expect(data.classification.classes).toEqual(['0', '1']);
    expect([...data.classification.yTrue]).toEqual([1, 0, -1]);
    expect(data.classification.positive).toBe(1);
    expect([...(data.classification.scores ?? [])]).toEqual([0.9, 0.6, 0.2]);
  });

  it('reads a continuous target as regression, and integer labels as regression only when asked', () => {
    const continuous = modelDataFromFrame(frame(numeric('y', [1.5, 2.25]), numeric('p', [1.2, 2])), { target: 'y', prediction: 'p' });
    expect(continuous.task).toBe('regression');
    const ints = frame(numeric('y', [1, 2, 3]), numeric('p', [2, 2, 1]));
    expect(modelDataFromFrame(ints, { target: 'y', prediction: 'p' }).task).toBe('multiclass');
    expect(modelDataFromFrame(ints, { target: 'y', prediction: 'p', task: 'regression' }).task).toBe('regression');
  });

  it('codes text labels read as text on one side and numbers on the other with one class list', () => {
    const data = modelDataFromFrame(frame(labels('y', ['1', '2', '3']), numeric('p', [1, 3, 3])), { target: 'y', prediction: 'p' });
    if (data.task === 'regression') throw new Error('expected classes');
    expect(data.classification.classes).toEqual(['1', '2', '3']);
    expect([...data.classification.yPred]).toEqual([0, 2, 2]);
  });

  it('fills a missing target with unknown labels only when it is optional', () => {
    const f = frame(numeric('p', [1, 0]), numeric('s', [0.8, 0.3]));
    expect(() => modelDataFromFrame(f, { target: 'y', prediction: 'p', proba: 's' })).toThrow(/data\.csv: no target column "y"/);
    const data = modelDataFromFrame(f, { target: 'y', prediction: 'p', proba: 's', targetOptional: true });
    if (data.task === 'regression') throw new Error('expected classes');
    expect([...data.classification.yTrue]).toEqual([-1, -1]);
  });
});

describe('modelColumnSpecs', () => {
  const head: Schema = {
    columns: [
      { name: 'y', kind: 'numeric', role: 'feature' },
      { name: 'p', kind: 'numeric', role: 'feature' },
      { name: 'p_a', kind: 'numeric', role: 'feature' },
      { name: 'p_b', kind: 'numeric', role: 'feature' },
      { name: 'ts', kind: 'text', role: 'feature' },
    ],
  };
  const side = { uri: 'data.csv', names: ['y', 'p', 'p_a', 'p_b', 'ts'], targetRequired: true };

  it('reads numeric labels as numbers, the scores as numbers and the timestamp as a datetime', () => {
    expect(modelColumnSpecs(head, { target: 'y', prediction: 'p', probaPrefix: 'p_', timestamp: 'ts' }, [side])).toEqual([
      { name: 'y', kind: 'categorical', role: 'target' },
      { name: 'p', kind: 'categorical', role: 'prediction' },
      { name: 'p_a', kind: 'numeric', role: 'probability' },
      { name: 'p_b', kind: 'numeric', role: 'probability' },
      { name: 'ts', kind: 'datetime', role: 'timestamp' },
    ]);
    expect(modelColumnSpecs(head, { target: 'y', prediction: 'p' }, [side]).map((c) => c.kind)).toEqual(['numeric', 'numeric']);
  });

  it('names a missing column with its flag, and the target only where it is required', () => {
    const without = { uri: 'cur.csv', names: ['p'], targetRequired: true };
    expect(() => modelColumnSpecs(head, { target: 'y', prediction: 'p' }, [without])).toThrow(
      'cur.csv: no column "y" (--target); columns: p',
    );
    expect(() => modelColumnSpecs(head, { target: 'y', prediction: 'p' }, [{ ...without, targetRequired: false }])).not.toThrow();
    expect(() => modelColumnSpecs(head, { target: 'y', prediction: 'p', proba: 'p_a', probaPrefix: 'p_' }, [side])).toThrow(
      'give --proba or --proba-prefix, not both',
    );
  });
});
