import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MetricPoint, ProviderError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { CsvMetricsSink } from './CsvMetricsSink.js';
import { JsonlMetricsSink } from './JsonlMetricsSink.js';

const point = (value: number, feature = 'age'): MetricPoint => ({
  name: 'drift.score',
  value,
  unit: 'None',
  timestamp: '2026-11-27T00:00:00.000Z',
  dimensions: { feature, method: 'ks' },
});

describe('JsonlMetricsSink', () => {
  it('appends one JSON object per point, keeping earlier lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-sink-'));
    const path = join(dir, 'nested', 'metrics.jsonl');
    const sink = new JsonlMetricsSink(path);
    await sink.publish([point(0.5)]);
    await sink.flush();
    await sink.publish([point(0.25, 'city'), point(1)]);
    await sink.flush();
    await sink.flush(); // nothing pending: writes nothing
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).value)).toEqual([0.5, 0.25, 1]);
    expect(JSON.parse(lines[1]).dimensions).toEqual({ feature: 'city', method: 'ks' });
  });

  it('writes nothing before flush', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-sink-'));
    const path = join(dir, 'm.jsonl');
    await new JsonlMetricsSink(path).publish([point(1)]);
    await expect(readFile(path, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('fails with a provider error naming the file, and keeps the batch for a retry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-sink-'));
    const blocker = join(dir, 'file');
    await writeFile(blocker, '');
    // A path below a regular file cannot be created, whoever runs the test.
    const sink = new JsonlMetricsSink(join(blocker, 'm.jsonl'));
    await sink.publish([point(1)]);
    await expect(sink.flush()).rejects.toBeInstanceOf(ProviderError);
    await expect(sink.flush()).rejects.toThrow(/^jsonl flush: cannot append to .*file\/m\.jsonl/);
  });
  it('overlapping flushes (the run and a shutdown on SIGTERM) write each point once, in order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-sink-'));
    const path = join(dir, 'm.jsonl');
    const sink = new JsonlMetricsSink(path);
    await sink.publish([point(1), point(2), point(3)]);
    const first = sink.flush();
    await sink.publish([point(4)]);
    await Promise.all([first, sink.shutdown(), sink.flush()]);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).value)).toEqual([1, 2, 3, 4]);
  });

  it('a batch that failed is written before later points once the file can be written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-sink-'));
    const blocker = join(dir, 'out');
    await writeFile(blocker, '');
    const sink = new JsonlMetricsSink(join(blocker, 'm.jsonl'));
    await sink.publish([point(1)]);
    await expect(sink.flush()).rejects.toBeInstanceOf(ProviderError);
    await sink.publish([point(2)]);
    await rm(blocker);
    await sink.flush();
    const lines = (await readFile(join(blocker, 'm.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).value)).toEqual([1, 2]);
  });
});

describe('CsvMetricsSink', () => {
  it('writes a header once and quotes fields that need it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-sink-'));
    const path = join(dir, 'm.csv');
    const sink = new CsvMetricsSink(path);
    await sink.publish([point(0.5, 'a,b')]);
    await sink.flush();
    const again = new CsvMetricsSink(path);
    await again.publish([point(2)]);
    await again.flush();
    expect(await readFile(path, 'utf8')).toBe(
      'timestamp,name,value,unit,dimensions\n' +
        '2026-11-27T00:00:00.000Z,drift.score,0.5,None,"feature=a,b;method=ks"\n' +
        '2026-11-27T00:00:00.000Z,drift.score,2,None,feature=age;method=ks\n',
    );
  });
});
