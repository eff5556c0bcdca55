import { InputError } from '@driftwatch/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, fixture, printedLines, toOptions } from './__fixtures__/streamingFixture.js';
import { PageHinkley } from './PageHinkley.js';
import { replayBlock, replayStream } from './replayStream.js';
import { streamingDetectors } from './streamingDetectors.js';

describe("river's docstring examples (streams rebuilt with Python's random by gen_streaming.py)", () => {
  it.each(fixture.documented.map((c) => [c.detector, c] as const))('%s prints exactly what river documents', (_, c) => {
    const values = decode(c);
    const { drifts, warnings } = replayStream(streamingDetectors[c.detector].create(toOptions(c.params)), values);
    expect(printedLines(c.detector, values, drifts, warnings)).toEqual(c.documented);
    expect(drifts).toEqual(c.drifts);
    expect(warnings).toEqual(c.warnings);
  });
});

describe("longer streams: every drift and warning index of river's code (copied / ported in gen_streaming.py)", () => {
  it.each(fixture.extra.map((c) => [c.detector, JSON.stringify(c.params), c.stream, c] as const))('%s %s on %s', (name, _, stream, c) => {
    const values = decode(fixture.streams[stream]);
    const { drifts, warnings } = replayStream(streamingDetectors[name].create(toOptions(c.params)), values);
    expect(drifts).toEqual(c.drifts);
    expect(warnings).toEqual(c.warnings);
  });

  it('every detector is covered by at least one documented and two longer cases, and the cases flag something', () => {
    for (const name of Object.keys(streamingDetectors)) {
      expect(fixture.documented.filter((c) => c.detector === name)).toHaveLength(1);
      expect(fixture.extra.filter((c) => c.detector === name).length).toBeGreaterThanOrEqual(2);
    }
    for (const c of [...fixture.documented, ...fixture.extra]) expect(c.drifts.length).toBeGreaterThan(0);
  });
});

describe('replayStream', () => {
  it('reset() gives a detector that replays exactly like a fresh one', () => {
    for (const c of fixture.extra) {
      const entry = streamingDetectors[c.detector];
      const values = decode(fixture.streams[c.stream]).subarray(0, 3000);
      const used = entry.create(toOptions(c.params));
      replayStream(used, values.subarray(0, 1234));
      used.reset();
      expect(replayStream(used, values)).toEqual(replayStream(entry.create(toOptions(c.params)), values));
    }
  });

  it('continues where it stopped: two halves give the indices of the whole (offset)', () => {
    const c = fixture.extra.find((e) => e.detector === 'page_hinkley')!;
    const values = decode(fixture.streams[c.stream]);
    const det = new PageHinkley();
    const first = replayStream(det, values.subarray(0, 8000));
    const second = replayStream(det, values.subarray(8000));
    expect([...first.drifts, ...second.drifts.map((i) => i + 8000)]).toEqual(c.drifts);
  });

  it('stops on a NaN with an InputError naming its index, leaving the detector usable', () => {
    for (const entry of Object.values(streamingDetectors)) {
      const det = entry.create({ ...(entry.name === 'kswin' ? { seed: 1 } : {}) });
      const values = Float64Array.from([0, 1, 0, Number.NaN, 1]);
      let err: unknown;
      try {
        replayStream(det, values);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).code).toBe('INPUT_INVALID_VALUE');
      expect((err as InputError).message).toMatch(new RegExp(`^values\\[3\\]: ${entry.name}: value must be .*, got NaN$`));
      expect(() => det.update(1)).not.toThrow();
    }
  });

  it('rejects infinities and, for the error-rate detectors, values outside their domain', () => {
    for (const entry of Object.values(streamingDetectors)) {
      const det = entry.create(entry.name === 'kswin' ? { seed: 1 } : {});
      expect(() => det.update(Number.POSITIVE_INFINITY)).toThrow(InputError);
      expect(() => det.update(Number.NEGATIVE_INFINITY)).toThrow(InputError);
      const outside = entry.input === 'binary' ? [0.5, 2, -1] : entry.input === 'unit' ? [1.5, -0.01] : [];
      for (const x of outside) expect(() => det.update(x), `${entry.name} ${x}`).toThrow(/value must be/);
      if (entry.input === 'unit') expect(() => det.update(0.25)).not.toThrow();
      if (entry.input === 'numeric') expect(() => det.update(-1234.5)).not.toThrow();
    }
  });

  it('update(x) and updateFrom(values, i) flag the same indices', () => {
    for (const c of fixture.extra) {
      const values = decode(fixture.streams[c.stream]).subarray(0, 6000);
      const det = streamingDetectors[c.detector].create(toOptions(c.params));
      const drifts: number[] = [];
      const warnings: number[] = [];
      for (let i = 0; i < values.length; i++) {
        det.update(values[i]);
        if (det.driftDetected) drifts.push(i);
        if (det.warningDetected) warnings.push(i);
      }
      expect({ drifts, warnings }).toEqual(replayStream(streamingDetectors[c.detector].create(toOptions(c.params)), values));
    }
  });

  it('property: a constant stream never raises a drift or a warning', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(streamingDetectors)),
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (entry, n, v) => {
          const x = entry.input === 'numeric' ? v : Math.abs(v) >= 0.5e6 ? 1 : 0;
          const values = new Float64Array(n).fill(x);
          const det = entry.create(entry.name === 'kswin' ? { seed: 3, windowSize: 20, statSize: 5 } : {});
          expect(replayStream(det, values)).toEqual({ drifts: [], warnings: [] });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("replayBlock: river's cases fed in blocks of uneven sizes flag the indices of the whole stream", () => {
    for (const c of fixture.extra) {
      const values = decode(fixture.streams[c.stream]);
      const det = streamingDetectors[c.detector].create(toOptions(c.params));
      const into = { drifts: [] as number[], warnings: [] as number[] };
      const block = new Float64Array(997);
      for (let offset = 0, size = 1; offset < values.length; offset += size, size = 1 + ((size * 7 + 3) % 996)) {
        const count = Math.min(size, values.length - offset);
        block.set(values.subarray(offset, offset + count));
        replayBlock(det, block, count, offset, into);
      }
      expect(into, `${c.detector} ${c.stream}`).toEqual({ drifts: c.drifts, warnings: c.warnings });
    }
  });

  it('replay collects what updateFrom would flag and stops before a rejected value, which it leaves unfed', () => {
    for (const c of fixture.extra) {
      const det = streamingDetectors[c.detector].create(toOptions(c.params));
      if (det.replay === undefined) continue;
      const values = decode(fixture.streams[c.stream]).slice(0, 6000);
      const bad = 4321;
      values[bad] = Number.NaN;
      const into = { drifts: [] as number[], warnings: [] as number[] };
      expect(det.replay(values, 0, 1000, 0, into), c.detector).toBe(1000);
      expect(det.replay(values, 1000, values.length, 0, into), c.detector).toBe(bad);
      expect(det.replay(values, bad, values.length, 0, into), c.detector).toBe(bad);
      const before = (xs: number[]) => xs.filter((i) => i < bad);
      expect(into, c.detector).toEqual({ drifts: before(c.drifts), warnings: before(c.warnings) });
      // The rejected value changed nothing: the rest replays as the stream without it would.
      const rest = { drifts: [] as number[], warnings: [] as number[] };
      expect(det.replay(values, bad + 1, values.length, 0, rest), c.detector).toBe(values.length);
      const without = Float64Array.from([...values.subarray(0, bad), ...values.subarray(bad + 1)]);
      const whole = replayStream(streamingDetectors[c.detector].create(toOptions(c.params)), without);
      const shift = (xs: number[]) => xs.filter((i) => i >= bad).map((i) => i + 1);
      expect(rest, c.detector).toEqual({ drifts: shift(whole.drifts), warnings: shift(whole.warnings) });
    }
  });

  it('property: replay flags what update-by-update flags, on random streams with shifts, in random chunks', () => {
    const withReplay = Object.values(streamingDetectors).filter((e) => e.create(e.name === 'kswin' ? { seed: 1 } : {}).replay);
    expect(withReplay.map((e) => e.name)).toEqual(expect.arrayContaining(['adwin', 'ddm', 'page_hinkley']));
    const flagged = new Map<string, number>();
    const segment = fc.record({
      length: fc.integer({ min: 1, max: 700 }),
      level: fc.double({ min: -60, max: 60, noNaN: true }),
      spread: fc.double({ min: 0, max: 4, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...withReplay),
        fc.integer({ min: 1, max: 0x7fffffff }),
        fc.array(segment, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3000 }),
        (entry, seed, segments, chunk) => {
          // mulberry32: a seeded uniform in [0, 1), so a case replays the same stream.
          let state = seed;
          const uniform = () => {
            state = (state + 0x6d2b79f5) | 0;
            let t = Math.imul(state ^ (state >>> 15), 1 | state);
            t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
            return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
          };
          const values = new Float64Array(segments.reduce((sum, g) => sum + g.length, 0));
          let at = 0;
          for (const g of segments) {
            // Binary detectors: an error rate per segment; numeric ones: a level and a spread per segment.
            const rate = Math.abs(g.level) / 60;
            for (let i = 0; i < g.length; i++)
              values[at++] = entry.input === 'numeric' ? g.level + g.spread * (2 * uniform() - 1) : Number(uniform() < rate);
          }
          const stepped = entry.create();
          const expected = { drifts: [] as number[], warnings: [] as number[] };
          for (let i = 0; i < values.length; i++) {
            stepped.update(values[i]);
            if (stepped.driftDetected) expected.drifts.push(i);
            if (stepped.warningDetected) expected.warnings.push(i);
          }
          const replayed = entry.create();
          const into = { drifts: [] as number[], warnings: [] as number[] };
          for (let from = 0; from < values.length; from += chunk) {
            const to = Math.min(values.length, from + chunk);
            expect(replayed.replay?.(values, from, to, 0, into)).toBe(to);
          }
          expect(into).toEqual(expected);
          flagged.set(entry.name, (flagged.get(entry.name) ?? 0) + expected.drifts.length);
        },
      ),
      { numRuns: 300, seed: 17 },
    );
    for (const entry of withReplay) expect(flagged.get(entry.name), entry.name).toBeGreaterThan(0);
  });

  it('replayBlock names an invalid value by its position in the stream', () => {
    const det = streamingDetectors.ddm.create();
    const into = { drifts: [] as number[], warnings: [] as number[] };
    replayBlock(det, Float64Array.from([0, 1, 0]), 3, 0, into);
    expect(() => replayBlock(det, Float64Array.from([1, 0.5, 9]), 2, 3, into)).toThrow(/^values\[4\]: ddm: value must be/);
  });

  it('returns empty lists for an empty stream', () => {
    expect(replayStream(streamingDetectors.adwin.create(), new Float64Array(0))).toEqual({ drifts: [], warnings: [] });
  });
});
