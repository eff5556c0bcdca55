import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driftEngineToken, InputError, metricsSinkToken, UsageError } from '@driftwatch/core';
import { InMemoryMetricsSink } from '@driftwatch/core/testing';
import { openDataSource } from '@driftwatch/data';
import { ExactDriftEngine } from '@driftwatch/drift';
import { Container } from 'inversify';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkedCheckToken } from '../composition/serviceTokens.js';
import { dataSourceFactoryToken } from '../composition/tokens.js';
import { ChunkedCheck } from './ChunkedCheck.js';

/** A seeded generator (mulberry32) and standard normals (Box–Muller): the same files on every run. */
function random(seed: number): { uniform: () => number; normal: () => number } {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { uniform, normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()) };
}

const day = 86_400_000;
const monday = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/**
 * Weekly data: `x` is N(shift(week), 1), `cat` uniform over a/b/c. Rows are
 * written in a shuffled order so chunking cannot rely on sorted timestamps.
 */
function weeks(seed: number, first: string, count: number, rowsPerWeek: number, shift: (week: number) => number, blankTs = 0): string {
  const rnd = random(seed);
  const lines: string[] = [];
  for (let w = 0; w < count; w++) {
    for (let i = 0; i < rowsPerWeek; i++) {
      const t = monday(first) + w * 7 * day + Math.floor(rnd.uniform() * 7 * day);
      const x = rnd.normal() + shift(w);
      const cat = 'abc'[Math.floor(rnd.uniform() * 3)];
      lines.push(`${new Date(t).toISOString()},${x.toFixed(6)},${cat}`);
    }
  }
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(rnd.uniform() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  for (let i = 0; i < blankTs; i++) lines.push(`,${rnd.normal().toFixed(6)},a`);
  return `ts,x,cat\n${lines.join('\n')}\n`;
}

let dir: string;
let reference: string;
let current: string;
let noTs: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-chunked-'));
  reference = join(dir, 'reference.csv');
  current = join(dir, 'current.csv');
  noTs = join(dir, 'no-ts.csv');
  writeFileSync(
    reference,
    weeks(1, '2026-01-05', 4, 500, () => 0),
  );
  // Weeks 2026-W06 … W11; x moves by 1.5 standard deviations from W09 on.
  writeFileSync(
    current,
    weeks(2, '2026-02-02', 6, 1000, (w) => (w >= 3 ? 1.5 : 0), 3),
  );
  writeFileSync(noTs, 'x,cat\n1,a\n2,b\n');
});

function service(sink = new InMemoryMetricsSink()): ChunkedCheck {
  const container = new Container();
  container.bind(driftEngineToken).toConstantValue(new ExactDriftEngine());
  container.bind(dataSourceFactoryToken).toConstantValue(async ({ path }) => openDataSource(path as string));
  container.bind(metricsSinkToken).toConstantValue(sink);
  container.bind(chunkedCheckToken).to(ChunkedCheck);
  return container.get(chunkedCheckToken);
}

describe('ChunkedCheck', () => {
  it('flags the weeks where x drifts, with ISO week keys, quality and series', async () => {
    const sink = new InMemoryMetricsSink();
    const { report, failedSinks, publishedPoints } = await service(sink).check({
      reference: { path: reference },
      current: { path: current },
      chunking: { by: 'period', period: 'week', timestamp: 'ts' },
      referenceChunks: true,
      dimensions: { monitor: 'm' },
    });
    expect(failedSinks).toEqual([]);
    expect(report).toMatchObject({ schemaVersion: 1, kind: 'chunked-drift' });
    expect(report.current).toEqual({ source: current, rows: 6003, missingTimestamps: 3, droppedRows: 0 });
    expect(report.reference).toEqual({ source: reference, rows: 2000, chunks: 4 });
    expect(report.chunks.map((c) => c.key)).toEqual(['2026-W06', '2026-W07', '2026-W08', '2026-W09', '2026-W10', '2026-W11']);
    expect(report.chunks.map((c) => c.rows)).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    expect(report.chunks[0]).toMatchObject({ startDate: '2026-02-02T00:00:00.000Z', endDate: '2026-02-09T00:00:00.000Z' });
    // The timestamp column is read as datetime and not drift-tested.
    expect(report.chunks[0].columns.map((c) => c.column)).toEqual(['x', 'cat']);
    const xDrift = report.chunks.map((c) => c.columns.find((r) => r.column === 'x')?.drifted);
    expect(xDrift).toEqual([false, false, false, true, true, true]);
    expect(report.chunks.map((c) => c.dataset.drifted)).toEqual([false, false, false, true, true, true]);
    expect(report.summary).toEqual({ chunks: 6, driftedChunks: 3, drifted: true, driftedChunkKeys: ['2026-W09', '2026-W10', '2026-W11'] });

    const x = report.series.find((s) => s.column === 'x');
    expect(x).toMatchObject({ method: 'wasserstein', measure: 'distance', rule: 'd>=t' });
    expect(x?.points.map((p) => p.alert)).toEqual(xDrift);
    expect(x?.points.map((p) => p.chunk)).toEqual(report.chunks.map((c) => c.key));
    expect(x?.band?.values).toHaveLength(4);
    expect(x?.band?.upper).toBeGreaterThan(x?.band?.mean as number);
    // The band is mean ± 3·std of the reference chunks' scores; drifted weeks lie above it, the others not.
    const v = x?.band?.values as number[];
    const mean = v.reduce((a, b) => a + b, 0) / 4;
    const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    expect(x?.band?.mean).toBeCloseTo(mean, 12);
    expect(x?.band?.upper).toBeCloseTo(mean + 3 * std, 12);
    expect(x?.points.map((p) => (p.value as number) > (x?.band?.upper as number))).toEqual(xDrift);
    expect(x?.points.slice(3).map((p) => p.outsideBand)).toEqual([true, true, true]);
    expect(x?.points[4].value).toBeCloseTo(report.chunks[4].columns[0].statistic as number, 12);

    const q = report.chunks[5].quality.find((c) => c.column === 'x');
    expect(q).toMatchObject({ rows: 1000, missing: 0, invalid: null });
    expect(q?.range?.above).toBeGreaterThan(q?.range?.below as number);

    // Per chunk: one drift.score per column, one dataset.drift_share, and each column's data
    // quality (missing share; out-of-range share for numbers, unseen-category share for categories).
    expect(publishedPoints).toBe(6 * 7);
    // Each week's figures are points of one time series per (name, dimensions), stamped with the week's start:
    // 7 metrics for 6 weeks, not 42, and no chunk dimension.
    const series = new Set(sink.points.map((p) => `${p.name} ${JSON.stringify(Object.entries(p.dimensions).sort())}`));
    expect(series.size).toBe(7);
    expect(sink.points.every((p) => p.dimensions.chunk === undefined && p.dimensions.window === 'week')).toBe(true);
    expect([...new Set(sink.points.map((p) => p.timestamp))]).toEqual(report.chunks.map((c) => c.startDate));
    const w09 = sink.points.filter((p) => p.timestamp === '2026-02-23T00:00:00.000Z');
    expect(w09.map((p) => [p.name, p.dimensions.feature])).toEqual([
      ['drift.score', 'x'],
      ['drift.score', 'cat'],
      ['dataset.drift_share', undefined],
      ['quality.missing_share', 'x'],
      ['quality.out_of_range_share', 'x'],
      ['quality.missing_share', 'cat'],
      ['quality.unseen_share', 'cat'],
    ]);
    const qx = report.chunks[3].quality.find((c) => c.column === 'x');
    expect(w09.find((p) => p.name === 'quality.out_of_range_share')?.value).toBe(
      (qx?.range?.belowShare ?? 0) + (qx?.range?.aboveShare ?? 0),
    );
    expect(sink.points.every((p) => p.dimensions.monitor === 'm')).toBe(true);
  });

  it('cuts by rows and by count, with the incomplete policy', async () => {
    const check = service();
    const bySize = await check.check({
      reference: { path: reference },
      current: { path: current },
      chunking: { by: 'size', size: 2500, incomplete: 'drop' },
      drift: { columns: ['x'] },
    });
    expect(bySize.report.chunks.map((c) => [c.key, c.rows])).toEqual([
      ['rows 0–2499', 2500],
      ['rows 2500–4999', 2500],
    ]);
    expect(bySize.report.current.droppedRows).toBe(1003);
    expect(bySize.report.series.map((s) => s.column)).toEqual(['x']);
    expect(bySize.report.series[0].band).toBeNull();
    const byCount = await check.check({ reference: { path: reference }, current: { path: current }, chunking: { by: 'count', count: 4 } });
    expect(byCount.report.chunks.map((c) => c.rows)).toEqual([1501, 1501, 1501, 1500]);
  });

  it('gives the same verdicts as comparing each chunk alone, and leaves row order irrelevant', async () => {
    const { report } = await service().check({
      reference: { path: reference },
      current: { path: current },
      chunking: { by: 'period', period: 'week', timestamp: 'ts' },
    });
    // Without reference chunks, no band.
    expect(report.series.every((s) => s.band === null && s.points.every((p) => p.outsideBand === null))).toBe(true);
    const engine = new ExactDriftEngine();
    const ref = await openDataSource(reference).read({ schema: { columns: [{ name: 'ts', kind: 'datetime', role: 'ignored' }] } });
    const cur = await openDataSource(current).read({ schema: { columns: [{ name: 'ts', kind: 'datetime' }] } });
    const ts = cur.columns.find((c) => c.name === 'ts') as { values: Float64Array };
    const w09 = Int32Array.from(
      Array.from(ts.values.keys()).filter((i) => ts.values[i] >= monday('2026-02-23') && ts.values[i] < monday('2026-03-02')),
    );
    const { takeRows } = await import('@driftwatch/data');
    const alone = engine.compare(ref, takeRows(cur, w09), { columns: ['x', 'cat'] });
    expect(report.chunks[3].columns.map((c) => c.statistic)).toEqual(alone.columns.map((c) => c.statistic));
  });

  it('takes the reference chunks before the engine sorts the reference', async () => {
    const { report } = await service().check({
      reference: { path: reference },
      current: { path: current },
      chunking: { by: 'period', period: 'week', timestamp: 'ts' },
      referenceChunks: true,
    });
    const ref = await openDataSource(reference).read({ schema: { columns: [{ name: 'ts', kind: 'datetime' }] } });
    const ts = ref.columns.find((c) => c.name === 'ts') as { values: Float64Array };
    const { takeRows } = await import('@driftwatch/data');
    const engine = new ExactDriftEngine();
    const expected = [0, 1, 2, 3].map((w) => {
      const from = monday('2026-01-05') + w * 7 * day;
      const rows = Int32Array.from(Array.from(ts.values.keys()).filter((i) => ts.values[i] >= from && ts.values[i] < from + 7 * day));
      return engine.compare(ref, takeRows(ref, rows), { columns: ['x'] }).columns[0].statistic;
    });
    // Chunks cut from a sorted reference would hold its lowest values first and score far higher.
    expect(report.series.find((s) => s.column === 'x')?.band?.values).toEqual(expected);
  });

  it('names the file when the timestamp column is missing, and the reference when only it lacks one', async () => {
    const check = service();
    const byWeek = { by: 'period', period: 'week', timestamp: 'ts' } as const;
    await expect(check.check({ reference: { path: reference }, current: { path: noTs }, chunking: byWeek })).rejects.toThrow(
      new RegExp(`${noTs.replaceAll('.', '\\.')}: timestamp column "ts" is not in the data`),
    );
    const withoutRefTs = join(dir, 'ref-no-ts.csv');
    writeFileSync(withoutRefTs, 'x,cat\n0.1,a\n0.2,b\n0.3,c\n-0.2,a\n');
    // Without reference chunks the reference needs no timestamp.
    const ok = await check.check({ reference: { path: withoutRefTs }, current: { path: current }, chunking: byWeek });
    expect(ok.report.chunks).toHaveLength(6);
    const err = await check
      .check({ reference: { path: withoutRefTs }, current: { path: current }, chunking: byWeek, referenceChunks: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).location).toMatchObject({ file: withoutRefTs, field: 'ts' });
  });

  it('rejects a timestamp column that is not a datetime, naming it', async () => {
    const err = await service()
      .check({ reference: { path: reference }, current: { path: current }, chunking: { by: 'period', period: 'day', timestamp: 'x' } })
      .catch((e: unknown) => e);
    // x is read as a datetime as asked; its numbers are not dates, so no row has a timestamp.
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).location).toMatchObject({ file: current, field: 'x' });
    expect((err as Error).message).toMatch(/timestamp column "x" has no date-time in any of its 6003 rows/);
    const err2 = await service()
      .check({
        reference: { path: reference },
        current: { path: current },
        schema: { columns: [{ name: 'x', kind: 'numeric' }] },
        chunking: { by: 'period', period: 'day', timestamp: 'x' },
      })
      .catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(InputError);
    expect((err2 as Error).message).toMatch(/timestamp column "x" is numeric, not datetime/);
  });

  it('reports a failing sink and still publishes to the others', async () => {
    const good = new InMemoryMetricsSink();
    const container = new Container();
    container.bind(driftEngineToken).toConstantValue(new ExactDriftEngine());
    container.bind(dataSourceFactoryToken).toConstantValue(async ({ path }) => openDataSource(path as string));
    container.bind(metricsSinkToken).toConstantValue({
      type: 'broken',
      publish: async () => {
        throw new Error('disk full');
      },
      flush: async () => {},
    } as never);
    container.bind(metricsSinkToken).toConstantValue(good);
    container.bind(chunkedCheckToken).to(ChunkedCheck);
    const result = await container
      .get(chunkedCheckToken)
      .check({ reference: { path: reference }, current: { path: current }, chunking: { by: 'count', count: 2 } });
    expect(result.failedSinks).toEqual([{ type: 'broken', reason: 'disk full' }]);
    expect(good.points).toHaveLength(result.publishedPoints);
    // Row windows without a timestamp column have no dates: their points carry the run's time, in one series per figure.
    expect(result.report.chunks.map((c) => c.startDate)).toEqual([undefined, undefined]);
    expect(new Set(good.points.map((p) => `${p.timestamp} ${p.dimensions.window}`))).toEqual(
      new Set([`${result.report.generatedAt} 2-windows`]),
    );
  });

  it('publishes one metric per window with a chunk dimension only when asked (chunkDimension)', async () => {
    const sink = new InMemoryMetricsSink();
    const { report, publishedPoints } = await service(sink).check({
      reference: { path: reference },
      current: { path: current },
      chunking: { by: 'period', period: 'week', timestamp: 'ts' },
      chunkDimension: true,
    });
    expect(publishedPoints).toBe(6 * 7);
    const series = new Set(sink.points.map((p) => `${p.name} ${JSON.stringify(Object.entries(p.dimensions).sort())}`));
    expect(series.size).toBe(6 * 7);
    expect(new Set(sink.points.map((p) => p.dimensions.chunk))).toEqual(new Set(report.chunks.map((c) => c.key)));
    expect(new Set(sink.points.map((p) => p.timestamp))).toEqual(new Set([report.generatedAt]));
  });

  it('rejects a bad chunk size', async () => {
    await expect(
      service().check({ reference: { path: reference }, current: { path: current }, chunking: { by: 'size', size: 0 } }),
    ).rejects.toThrow(UsageError);
  });
});
