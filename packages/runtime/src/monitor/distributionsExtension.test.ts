import type { DriftReport, Frame } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { distributionsExtension } from './distributionsExtension.js';
import type { MonitorExtensionInput } from './MonitorExtension.js';

const frame = (ages: number[], plans: number[]): Frame => ({
  rowCount: ages.length,
  source: 'mem',
  columns: [
    { kind: 'numeric', name: 'age', values: Float64Array.from(ages), invalid: 0 },
    { kind: 'categorical', name: 'plan', codes: Int32Array.from(plans), dictionary: ['basic', 'pro'], invalid: 0 },
    { kind: 'numeric', name: 'untested', values: Float64Array.from(ages), invalid: 0 },
  ],
});

describe('distributionsExtension', () => {
  it("keeps each tested column's binned reference and current counts in the run result, every row in a bin, a category or missing", async () => {
    const reference = frame([20, 25, 30, 35, Number.NaN, 40], [0, 0, 1, -1, 0, 1]);
    const current = frame([30, 45, 50, 55, 60, 65, 70], [1, 1, 1, 0, 1, 1, 1]);
    const report = { columns: [{ column: 'age' }, { column: 'plan' }] } as unknown as DriftReport;
    const out = await distributionsExtension()({ report, reference, current } as unknown as MonitorExtensionInput);
    const distributions = out?.sections?.distributions as {
      column: string;
      summary: {
        kind: string;
        edges?: number[];
        reference: { counts: number[]; missing: number };
        current: { counts: number[]; missing: number };
      };
    }[];
    expect(distributions.map((d) => d.column)).toEqual(['age', 'plan']);
    const [age, plan] = distributions;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(age?.summary.kind).toBe('numeric');
    expect(sum(age!.summary.reference.counts) + age!.summary.reference.missing).toBe(6);
    expect(sum(age!.summary.current.counts)).toBe(7);
    // Shared edges spanning both sides.
    expect(age?.summary.edges?.[0]).toBe(20);
    expect(age?.summary.edges?.at(-1)).toBe(70);
    expect(plan?.summary.kind).toBe('categorical');
    expect(plan?.summary.reference.missing).toBe(1);
    expect(sum(plan!.summary.current.counts)).toBe(7);
    // The JSON a run result becomes is small and has no raw rows.
    expect(JSON.stringify(distributions).length).toBeLessThan(4_000);
  });

  it('adds nothing when no column was tested', async () => {
    const f = frame([1], [0]);
    const report = { columns: [] } as unknown as DriftReport;
    expect(await distributionsExtension()({ report, reference: f, current: f } as unknown as MonitorExtensionInput)).toBeUndefined();
  });
});
