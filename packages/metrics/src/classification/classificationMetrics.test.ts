import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../registry/__fixtures__/expectClose.js';
import { computeMetric } from '../registry/computeMetric.js';
import type { MetricSpec } from '../registry/MetricSpec.js';
import { prepareMetric } from '../registry/prepareMetric.js';
import type { ClassificationInput } from './ClassificationInput.js';
import { confusionMatrix } from './confusionMatrix.js';

interface Expected {
  spec: { name: string; average?: string; beta?: number; zeroDivision?: string };
  value: number | null;
  reason?: string;
}
interface Case {
  name: string;
  classes: string[];
  yTrue: number[];
  yPred: number[];
  positive?: number;
  scores?: number[];
  proba?: number[];
  rows?: number[];
  confusionMatrix?: number[];
  expected: Expected[];
}

const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/classification.json', import.meta.url), 'utf8')) as {
  sklearn: string;
  cases: Case[];
};

function inputOf(c: Case): ClassificationInput {
  return {
    yTrue: Int32Array.from(c.yTrue),
    yPred: Int32Array.from(c.yPred),
    classes: c.classes,
    positive: c.positive,
    scores: c.scores ? Float64Array.from(c.scores) : undefined,
    proba: c.proba ? Float64Array.from(c.proba) : undefined,
  };
}

function specOf(e: Expected): MetricSpec {
  const { zeroDivision, ...rest } = e.spec;
  return {
    ...(rest as MetricSpec),
    ...(zeroDivision ? { zeroDivision: zeroDivision === 'null' ? 'null' : (Number(zeroDivision) as 0 | 1) } : {}),
  };
}

function countsOf(rows: Int32Array, n: number): Int32Array {
  const w = new Int32Array(n);
  for (const r of rows) w[r]++;
  return w;
}

describe(`classification metrics match scikit-learn ${fixture.sklearn}`, () => {
  it('has many cases and specs', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(20);
    expect(fixture.cases.reduce((s, c) => s + c.expected.length, 0)).toBeGreaterThan(1000);
  });

  for (const c of fixture.cases) {
    describe(c.name, () => {
      const input = inputOf(c);
      const rows = c.rows ? Int32Array.from(c.rows) : undefined;
      it('every metric, on the rows selected', () => {
        for (const e of c.expected) {
          const spec = specOf(e);
          expectClose(computeMetric(spec, input, { rows }), e, `${JSON.stringify(e.spec)}`);
        }
      });
      it('every metric through the weighted (bootstrap) path', () => {
        const n = c.yTrue.length;
        const weights = rows ? countsOf(rows, n) : new Int32Array(n).fill(1);
        for (const e of c.expected) {
          const got = prepareMetric(specOf(e), input).evaluate(weights);
          expectClose(got, e, `weighted ${JSON.stringify(e.spec)}`);
        }
      });
      if (c.confusionMatrix) {
        it('confusion matrix', () => {
          expect(Array.from(confusionMatrix(input, rows))).toEqual(c.confusionMatrix);
        });
      }
    });
  }
});
