import { mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetricPoint } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { FileOutbox } from './FileOutbox.js';
import { FileRunStore } from './FileRunStore.js';

const day = 86_400_000;
const now = Date.parse('2026-12-01T00:00:00.000Z');
const point = (name: string, daysAgo: number, runId = 'run-1', value = 1): MetricPoint => ({
  name,
  value,
  unit: 'None',
  timestamp: new Date(now - daysAgo * day).toISOString(),
  dimensions: { monitor: 'm', feature: name },
  runId,
});
const bounds = { now, maxAgeMs: 30 * day, maxPoints: 100 };

describe('FileOutbox', () => {
  it('keeps added points across instances (a new process), oldest first, deduplicated by run id, name, time and dimensions', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'dw-outbox-')), 'cw');
    const warnings: string[] = [];
    await new FileOutbox(dir).add([point('b', 1), point('a', 3)]);
    // The same points again (a retry after a crash) and one of another run with the same name and time.
    await new FileOutbox(dir).add([point('a', 3), point('b', 1), point('b', 1, 'run-2'), point('nan', 2, 'run-1', Number.NaN)]);
    const read = await new FileOutbox(dir, { warn: (m) => warnings.push(m) }).pending(bounds);
    expect(read.points.map((p) => `${p.name}:${p.runId}`)).toEqual(['a:run-1', 'nan:run-1', 'b:run-1', 'b:run-2']);
    expect(read.points[1]!.value).toBeNaN();
    expect(read.dropped).toEqual({ tooOld: 0, overflow: 0 });
    expect(warnings).toEqual([]);
  });

  it('settle removes what was delivered and what the bounds dropped, keeps the rest and what was added meanwhile', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'dw-outbox-')), 'cw');
    const outbox = new FileOutbox(dir);
    await outbox.add([point('old', 40), point('x', 5), point('y', 4), point('z', 3)]);
    const read = await outbox.pending({ ...bounds, maxPoints: 2 });
    // 40 days is beyond the age bound; of the three left, the oldest goes over the size bound.
    expect(read.dropped).toEqual({ tooOld: 1, overflow: 1 });
    expect(read.points.map((p) => p.name)).toEqual(['y', 'z']);
    await new FileOutbox(dir).add([point('later', 1)]);
    await outbox.settle([read.points[0]!]);
    const after = await new FileOutbox(dir).pending(bounds);
    expect(after.points.map((p) => p.name)).toEqual(['z', 'later']);
    await outbox.settle([]); // no pending() before it: nothing happens
    expect((await new FileOutbox(dir).pending(bounds)).points).toHaveLength(2);
  });

  it('an emptied outbox leaves no segment; a line that is not a point is skipped with a warning naming file and line', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'dw-outbox-')), 'cw');
    const outbox = new FileOutbox(dir);
    await outbox.add([point('a', 1)]);
    const read = await outbox.pending(bounds);
    await outbox.settle(read.points);
    expect(await readdir(dir)).toEqual([]);
    await writeFile(join(dir, '000000000000001-1-aaaa.jsonl'), `${JSON.stringify(point('a', 1))}\n{"name":\n`);
    const warnings: string[] = [];
    const again = await new FileOutbox(dir, { warn: (m) => warnings.push(m) }).pending(bounds);
    expect(again.points).toHaveLength(1);
    expect(warnings).toEqual([`${join(dir, '000000000000001-1-aaaa.jsonl')}:2: skipped a line that is not a metric point`]);
  });

  it('ignores a temporary file of an interrupted write, and removes it once it is old', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'dw-outbox-')), 'cw');
    await new FileOutbox(dir).add([point('a', 1)]);
    const temp = join(dir, '000000000000002-1-bbbb.jsonl.1.cccc.tmp');
    await writeFile(temp, `${JSON.stringify(point('torn', 1))}\n{"na`);
    const warnings: string[] = [];
    const fresh = await new FileOutbox(dir, { warn: (m) => warnings.push(m) }).pending(bounds);
    expect(fresh.points.map((p) => p.name)).toEqual(['a']);
    expect(warnings).toEqual([]);
    await utimes(temp, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    await new FileOutbox(dir, { warn: (m) => warnings.push(m) }).pending(bounds);
    expect(warnings).toEqual([`removed ${temp}, left over by an interrupted write`]);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('is the FileRunStore outbox under <store>/outbox/<sink>, and rejects a key that cannot name a folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dw-outbox-store-'));
    const store = new FileRunStore(root);
    await store.outbox('cloudwatch-abc').add([point('a', 1)]);
    expect(await readdir(join(root, 'outbox', 'cloudwatch-abc'))).toHaveLength(1);
    expect(() => store.outbox('../x')).toThrow(/cannot name a folder/);
  });
});
