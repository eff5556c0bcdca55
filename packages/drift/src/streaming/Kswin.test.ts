import { UsageError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { decode, fixture } from './__fixtures__/streamingFixture.js';
import { Kswin } from './Kswin.js';

describe('Kswin', () => {
  it("reports river's D and p-value after every test (p tabulated per h from ks2samp)", () => {
    const doc = fixture.documented.find((c) => c.detector === 'kswin')!;
    const values = decode(doc);
    const det = new Kswin({ alpha: 0.0001, seed: 42 });
    const trace = new Map(fixture.kswinTrace.map(([i, d, p]) => [i, [d, p]]));
    let checked = 0;
    let lazy = 0;
    for (let i = 0; i < 1140; i++) {
      det.update(values[i]);
      const expected = trace.get(i);
      if (!expected) continue;
      expect([det.ksStatistic, det.pValue], `index ${i}`).toEqual(expected);
      if (expected[0] <= 0.1) lazy++;
      checked++;
    }
    expect(checked).toBe(fixture.kswinTrace.length);
    expect(lazy).toBeGreaterThan(100);
  });

  it('has p-value 0 and no test before the window is full, and after the reset that follows a drift', () => {
    const det = new Kswin({ seed: 1, windowSize: 10, statSize: 3 });
    for (let i = 0; i < 9; i++) det.update(i);
    expect(det.hasTested).toBe(false);
    expect(det.pValue).toBe(0);
    det.update(9);
    expect(det.hasTested).toBe(true);
    det.reset();
    expect([det.hasTested, det.pValue, det.n]).toEqual([false, 0, 0]);
  });

  it('draws a seed when none is given, and a given seed reproduces', () => {
    expect(Number.isSafeInteger(new Kswin().seed)).toBe(true);
    const values = decode(fixture.streams.gauss_a).subarray(0, 5000);
    const run = (k: Kswin) => {
      const out: number[] = [];
      for (let i = 0; i < values.length; i++) {
        k.update(values[i]);
        if (k.driftDetected) out.push(i);
      }
      return out;
    };
    const a = new Kswin();
    expect(run(new Kswin({ seed: a.seed }))).toEqual(run(a));
  });

  it('rejects a window too small for its statistic window and out-of-range options', () => {
    expect(() => new Kswin({ windowSize: 50, statSize: 30 })).toThrow(/window_size \(50\) must be at least 2 × stat_size \(30\)/);
    expect(() => new Kswin({ alpha: 0 })).toThrow(UsageError);
    expect(() => new Kswin({ alpha: 1.5 })).toThrow(/kswin: alpha must be in \(0, 1\], got 1.5/);
    expect(() => new Kswin({ seed: -1 })).toThrow(/seed must be integer in \[0, /);
    expect(() => new Kswin({ statSize: 2.5 })).toThrow(/stat_size must be an integer/);
  });
});
