import type { CategoricalColumn, Frame, NumericColumn } from '@driftwatch/core';
import { InputError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { modelDataFromFrame } from '../modelData/modelData.js';
import { estimatePerformance } from './estimatePerformance.js';

const labels = (name: string, values: (string | null)[]): CategoricalColumn => ({
  kind: 'categorical',
  name,
  codes: Int32Array.from(values, (v) => (v === null ? -1 : Number(v))),
  dictionary: ['0', '1'],
  invalid: 0,
});
const numeric = (name: string, values: number[]): NumericColumn => ({
  kind: 'numeric',
  name,
  values: Float64Array.from(values),
  invalid: 0,
});

function scored(source: string, rows: number, labelled: boolean): Frame {
  const p = Array.from({ length: rows }, (_, i) => ((i * 37) % 100) / 100);
  return {
    source,
    rowCount: rows,
    columns: [
      labels(
        'y',
        p.map((x, i) => (labelled ? String(Number(x > 0.5 !== (i % 7 === 0))) : null)),
      ),
      labels(
        'pred',
        p.map((x) => String(Number(x > 0.5))),
      ),
      numeric('p', p),
    ],
  };
}

const request = { target: 'y', prediction: 'pred', proba: 'p', task: 'binary' as const, targetOptional: true };

describe('estimatePerformance', () => {
  it('names the file in the errors of fitting and estimating (issue 12.10)', () => {
    const reference = modelDataFromFrame(scored('data/unlabelled-ref.csv', 200, false), request);
    const data = modelDataFromFrame(scored('data/cur.csv', 200, false), request);
    let error: unknown;
    try {
      estimatePerformance(reference, data, { chunking: { by: 'size', size: 50 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('data/unlabelled-ref.csv: reference has no row with a score, a prediction and a label');
    expect((error as InputError).location).toMatchObject({ file: 'data/unlabelled-ref.csv' });
    // The happy path still estimates.
    const fitted = modelDataFromFrame(scored('data/ref.csv', 200, true), request);
    expect(estimatePerformance(fitted, data, { chunking: { by: 'size', size: 50 } }).series.length).toBeGreaterThan(0);
  });
});
