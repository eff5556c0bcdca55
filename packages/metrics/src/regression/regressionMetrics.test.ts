import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../registry/__fixtures__/expectClose.js';
import { computeMetric } from '../registry/computeMetric.js';
import type { MetricSpec } from '../registry/MetricSpec.js';
import { prepareMetric } from '../registry/prepareMetric.js';
import type { RegressionInput } from './RegressionInput.js';

interface Case {
  name: string;
  yTrue: number[];
  yPred: number[];
  rows?: number[];
  expected: { spec: MetricSpec; value: number | null; reason?: string }[];
}

const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/regression.json', import.meta.url), 'utf8')) as {
  sklearn: string;
  cases: Case[];
};

describe(`regression metrics match scikit-learn ${fixture.sklearn}`, () => {
  it('covers every regression metric', () => {
    const names = new Set(fixture.cases.flatMap((c) => c.expected.map((e) => e.spec.name)));
    expect([...names].sort()).toEqual(['explained_variance', 'mae', 'mape', 'max_error', 'median_ae', 'mse', 'r2', 'rmse']);
  });

  for (const c of fixture.cases) {
    describe(c.name, () => {
      const input: RegressionInput = { yTrue: Float64Array.from(c.yTrue), yPred: Float64Array.from(c.yPred) };
      const rows = c.rows ? Int32Array.from(c.rows) : undefined;
      it('every metric, on the rows selected', () => {
        for (const e of c.expected) expectClose(computeMetric(e.spec, input, { rows }), e, JSON.stringify(e.spec));
      });
      it('every metric through the weighted (bootstrap) path', () => {
        const w = new Int32Array(c.yTrue.length);
        if (rows) for (const r of rows) w[r]++;
        else w.fill(1);
        for (const e of c.expected) expectClose(prepareMetric(e.spec, input).evaluate(w), e, `weighted ${JSON.stringify(e.spec)}`);
      });
    });
  }
});
