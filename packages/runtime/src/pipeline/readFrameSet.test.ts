import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from '@driftwatch/core';
import { openDataSource } from '@driftwatch/data';
import { type ModelDataRequest, modelDataFromFrame } from '@driftwatch/metrics';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFrameSet } from './readFrameSet.js';

/** One side read through the run pipeline with the model's columns, then coded. */
async function readModelData(source: DataSource, request: ModelDataRequest) {
  const { current } = await readFrameSet(async () => source, { current: { path: source.uri }, model: request });
  return modelDataFromFrame(current, request);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-model-'));
});

async function csv(name: string, text: string) {
  const path = join(dir, name);
  await writeFile(path, text);
  return openDataSource(path);
}

describe('model data read through readFrameSet', () => {
  it('reads a 0/1 target as binary labels with the score column', async () => {
    const source = await csv('b.csv', 'x,y,p,s,ts\n1,1,1,0.9,2026-01-01\n2,0,1,0.6,2026-01-02\n3,,0,0.2,2026-01-03\n');
    const data = await readModelData(source, { target: 'y', prediction: 'p', proba: 's', timestamp: 'ts' });
    expect(data.task).toBe('binary');
    if (data.task === 'regression') throw new Error('unreachable');
    expect(data.classification.classes).toEqual(['0', '1']);
    expect([...data.classification.yTrue]).toEqual([1, 0, -1]);
    expect(data.classification.positive).toBe(1);
    expect(data.frame.columns.find((c) => c.name === 'ts')?.kind).toBe('datetime');
    // Columns the evaluation does not need are not read.
    expect(data.frame.columns.some((c) => c.name === 'x')).toBe(false);
  });

  it('reads a continuous target as regression', async () => {
    const source = await csv('r.csv', 'y,p\n1.5,1.2\n2.25,2\n3,3.5\n');
    const data = await readModelData(source, { target: 'y', prediction: 'p' });
    expect(data.task).toBe('regression');
    if (data.task !== 'regression') throw new Error('unreachable');
    expect([...data.yTrue]).toEqual([1.5, 2.25, 3]);
    expect([...data.yPred]).toEqual([1.2, 2, 3.5]);
  });

  it('reads string labels as multiclass and integer labels with --task regression as numbers', async () => {
    const source = await csv('m.csv', 'y,p\ncat,dog\ndog,dog\nbird,cat\n');
    const data = await readModelData(source, { target: 'y', prediction: 'p' });
    expect(data.task).toBe('multiclass');
    const ints = await csv('i.csv', 'y,p\n1,2\n2,2\n3,1\n');
    expect((await readModelData(ints, { target: 'y', prediction: 'p', task: 'regression' })).task).toBe('regression');
    expect((await readModelData(ints, { target: 'y', prediction: 'p' })).task).toBe('multiclass');
  });

  it('allows a missing target only when asked (estimation) and names missing columns', async () => {
    const source = await csv('n.csv', 'p,s\n1,0.8\n0,0.3\n');
    await expect(readModelData(source, { target: 'y', prediction: 'p', proba: 's' })).rejects.toThrow(
      /n\.csv: no column "y" \(--target\); columns: p, s/,
    );
    const data = await readModelData(source, { target: 'y', prediction: 'p', proba: 's', targetOptional: true });
    if (data.task === 'regression') throw new Error('unreachable');
    expect([...data.classification.yTrue]).toEqual([-1, -1]);
    await expect(readModelData(source, { target: 'y', prediction: 'q', targetOptional: true })).rejects.toThrow(
      /no column "q" \(--prediction\)/,
    );
  });
});

describe('readFrameSet: sorting drift columns', () => {
  it('sorts only the drift columns the predicate picks, each side on its own', async () => {
    const reference = await csv('sr.csv', 'a,b\n3,30\n1,10\n2,20\n');
    const current = await csv('sc.csv', 'a,b\n5,50\n4,40\n6,60\n');
    const open = async (spec: { readonly path?: string }) => (spec.path === reference.uri ? reference : current);
    const { reference: ref, current: cur } = await readFrameSet(open, {
      reference: { path: reference.uri },
      current: { path: current.uri },
      drift: {},
      sortDriftColumns: (column) => column === 'a',
    });
    const values = (frame: typeof cur | undefined, name: string) => {
      const column = frame?.columns.find((c) => c.name === name);
      if (column?.kind !== 'numeric') throw new Error(`no numeric column ${name}`);
      return { values: [...column.values], sorted: column.sorted === true };
    };
    expect(values(ref, 'a')).toEqual({ values: [1, 2, 3], sorted: true });
    expect(values(cur, 'a')).toEqual({ values: [4, 5, 6], sorted: true });
    expect(values(ref, 'b')).toEqual({ values: [30, 10, 20], sorted: false });
    expect(values(cur, 'b')).toEqual({ values: [50, 40, 60], sorted: false });
  });
});

describe('readFrameSet: the current side read off-thread', () => {
  it('tells the current source before its schema read, so its thread loads meanwhile', async () => {
    const reference = await csv('pr.csv', 'a\n1\n2\n');
    const inner = await csv('pc.csv', 'a\n3\n4\n');
    const calls: string[] = [];
    const current: DataSource = {
      uri: inner.uri,
      prepareRead: (options) => calls.push(`prepare offThread=${options.offThread}`),
      inferSchema: (options) => {
        calls.push('inferSchema');
        return inner.inferSchema(options);
      },
      read: (options) => {
        calls.push(`read offThread=${options?.offThread}`);
        return inner.read(options);
      },
      close: () => inner.close?.() ?? Promise.resolve(),
    };
    const open = async (spec: { readonly path?: string }) => (spec.path === reference.uri ? reference : current);
    const request = { reference: { path: reference.uri }, current: { path: inner.uri }, drift: {} };
    await readFrameSet(open, { ...request, threads: 2 });
    expect(calls).toEqual(['prepare offThread=true', 'inferSchema', 'read offThread=true']);
    calls.length = 0;
    await readFrameSet(open, { ...request, threads: 1 });
    expect(calls).toEqual(['inferSchema', 'read offThread=undefined']);
  });
});

describe('readFrameSet: onReferenceRead', () => {
  it('hands over the reference frame as soon as it is read, before the set resolves', async () => {
    const reference = await csv('ref-early.csv', 'a,b\n1,x\n2,y\n3,x\n');
    const current = await csv('cur-early.csv', 'a,b\n4,x\n5,y\n');
    const seen: number[] = [];
    let resolved = false;
    const set = readFrameSet(async (spec) => (spec.path === reference.uri ? reference : current), {
      reference: { path: reference.uri },
      current: { path: current.uri },
      onReferenceRead: (frame) => {
        expect(resolved).toBe(false);
        seen.push(frame.rowCount);
      },
    }).then((s) => {
      resolved = true;
      return s;
    });
    const { reference: ref } = await set;
    expect(seen).toEqual([3]);
    expect(ref?.rowCount).toBe(3);
  });
});
