import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { type CategoricalColumn, InputError, type NumericColumn, Xoshiro128 } from '@driftwatch/core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import type { ReadFrame } from '../ReadFrame.js';
import { readDataFile } from './readDataFile.js';
import { readDataFileOffThread, startReadWorker, startReadWorkerAhead } from './readDataFileOffThread.js';

// The worker runs compiled JavaScript: the built package's (`pnpm test` builds first).
const builtWorker = new URL('../../dist/source/readFileWorker.js', import.meta.url);
const always = { workerUrl: builtWorker, minBytes: 0 };

const tmp = tempFiles();
afterAll(() => tmp.remove());

/** 3 000 rows: a real column, an integer column, one with a missing value, a categorical, plus a quoted label. */
function sampleCsv(name: string): string {
  const rng = new Xoshiro128(17);
  const lines = ['x,n,gappy,label'];
  const labels = ['north', 'south', 'east', '"we,st"'];
  for (let i = 0; i < 3000; i++) {
    const gappy = i === 1234 ? 'NA' : (rng.nextDouble() * 10).toFixed(3);
    lines.push(`${(rng.nextDouble() * 2 - 1).toFixed(6)},${Math.floor(rng.nextDouble() * 50)},${gappy},${labels[i % 4]}`);
  }
  return tmp.write(name, `${lines.join('\n')}\n`);
}

const numeric = (f: ReadFrame, name: string) => f.columns.find((c) => c.name === name) as unknown as NumericColumn;
const categorical = (f: ReadFrame, name: string) => f.columns.find((c) => c.name === name) as unknown as CategoricalColumn;

describe('readDataFileOffThread', () => {
  it('returns the frame readDataFile returns, read on a worker thread', async () => {
    const path = sampleCsv('same.csv');
    const progress: number[] = [];
    const [here, there] = await Promise.all([
      readDataFile(path),
      readDataFileOffThread(path, { chunkSize: 4096, onProgress: (read) => progress.push(read) }, always),
    ]);
    expect(there.rowCount).toBe(3000);
    expect(there.source).toBe(here.source);
    // Short decimals cross the thread as scaled integers (4 bytes a value), not decoded on the way.
    expect(numeric(there, 'x').scaled?.scale).toBe(6);
    expect(numeric(there, 'n').scaled?.scale).toBe(0);
    expect(numeric(there, 'x').scaled?.ints).toEqual(numeric(here, 'x').scaled?.ints);
    expect(numeric(there, 'gappy').scaled).toBeUndefined(); // a missing value: doubles
    expect(there.columns.map((c) => [c.name, c.kind, c.invalid])).toEqual(here.columns.map((c) => [c.name, c.kind, c.invalid]));
    for (const name of ['x', 'n', 'gappy']) {
      expect(numeric(there, name).values).toBeInstanceOf(Float64Array);
      expect(Array.from(numeric(there, name).values)).toEqual(Array.from(numeric(here, name).values));
    }
    const label = categorical(there, 'label');
    expect(label.codes).toBeInstanceOf(Int32Array);
    expect(label.dictionary).toEqual(categorical(here, 'label').dictionary);
    expect(Array.from(label.codes)).toEqual(Array.from(categorical(here, 'label').codes));
    expect(label.dictionary).toContain('we,st');
    // Progress crossed the thread (the reader reports about every MiB, and at the end).
    expect(progress.at(-1)).toBe(statSync(path).size);
  });

  it('sorts the named numeric columns whose values are all finite, and leaves the others in file order', async () => {
    const path = sampleCsv('sorted.csv');
    const inOrder = await readDataFile(path);
    const sorted = await readDataFileOffThread(path, { sortColumns: ['x', 'gappy', 'label'] }, always);
    const ascending = Float64Array.from(numeric(inOrder, 'x').values).sort();
    // Sorted as scaled integers, still scaled.
    expect(numeric(sorted, 'x').scaled?.ints).toEqual(Int32Array.from(ascending, (v) => Math.round(v * 1e6)));
    expect(Array.from(numeric(sorted, 'x').values)).toEqual(Array.from(ascending));
    // Not named: file order.
    expect(Array.from(numeric(sorted, 'n').values)).toEqual(Array.from(numeric(inOrder, 'n').values));
    // A missing value: file order (the engine sorts a copy of the finite values).
    expect(Number.isNaN(numeric(sorted, 'gappy').values[1234])).toBe(true);
    expect(Array.from(numeric(sorted, 'gappy').values)).toEqual(Array.from(numeric(inOrder, 'gappy').values));
    // Categorical columns are never reordered.
    expect(Array.from(categorical(sorted, 'label').codes)).toEqual(Array.from(categorical(inOrder, 'label').codes));
    // Marked sorted across the thread: only the sorted one.
    expect(numeric(sorted, 'x').sorted).toBe(true);
    expect(numeric(sorted, 'n').sorted).toBeUndefined();
    expect(numeric(sorted, 'gappy').sorted).toBeUndefined();
    // The same on the calling thread.
    const here = await readDataFile(path, { sortColumns: ['x'] });
    expect(Array.from(numeric(here, 'x').values)).toEqual(Array.from(ascending));
    expect(numeric(here, 'x').sorted).toBe(true);
  });

  it('rethrows an input error of the worker with its code, location and message', async () => {
    const path = tmp.write('bad.csv', 'a,b\n1,2\n3,4,5\n');
    const failure = (reading: Promise<unknown>) =>
      reading.then(
        () => new InputError('INTERNAL', 'expected a failure'),
        (e: unknown) => e as InputError,
      );
    const inThread = await failure(readDataFile(path));
    const offThread = await failure(readDataFileOffThread(path, {}, always));
    expect(offThread).toBeInstanceOf(InputError);
    expect(offThread.code).toBe('INPUT_FIELD_COUNT');
    expect(offThread.message).toBe(inThread.message);
    expect(offThread.location).toEqual(inThread.location);
    expect(offThread.message).toMatch(/bad\.csv:3: expected 2 fields, found 3/);
  });

  it('reads on the calling thread below minBytes, and fails clearly when the worker cannot start', async () => {
    const path = sampleCsv('small.csv');
    const missing = new URL('./no-such-worker.js', builtWorker);
    const small = await readDataFileOffThread(path, {}, { workerUrl: missing, minBytes: 1 << 30 });
    expect(small.rowCount).toBe(3000);
    await expect(readDataFileOffThread(path, {}, { workerUrl: missing, minBytes: 0 })).rejects.toThrow(/the reading thread failed/);
  });

  it('stops the worker when the read is aborted', async () => {
    const path = sampleCsv('abort.csv');
    const controller = new AbortController();
    const reading = readDataFileOffThread(path, { signal: controller.signal, chunkSize: 1024 }, always);
    controller.abort(new Error('stop now'));
    await expect(reading).rejects.toThrow('stop now');
  });

  it('reads what is not a regular file (a pipe, a device) on the calling thread', async () => {
    // With no worker to start, only the calling thread's reader can give the input error.
    const error = await readDataFileOffThread(
      '/dev/null',
      { format: 'csv' },
      { workerUrl: new URL('./no-such-worker.js', builtWorker), minBytes: 0 },
    ).then(
      () => undefined,
      (e: unknown) => e as InputError,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error?.code).toBe('INPUT_EMPTY');
  });

  it('a thread started ahead (startReadWorker) serves the read of its file, once', async () => {
    const path = sampleCsv('ahead.csv');
    const started = startReadWorker(path, 'csv', always);
    expect(started).toBeDefined();
    const here = await readDataFile(path);
    const there = await readDataFileOffThread(path, {}, { ...always, started });
    expect(Array.from(numeric(there, 'x').values)).toEqual(Array.from(numeric(here, 'x').values));
    // Taken: a second read, or a read of another file, starts its own thread.
    expect(started?.take(path)).toBeUndefined();
    const other = sampleCsv('other.csv');
    const again = startReadWorker(other, 'csv', always);
    expect(again?.take(path)).toBeUndefined();
    expect((await readDataFileOffThread(other, {}, { ...always, started: again })).rowCount).toBe(3000);
  });

  it('starts no thread for a read that stays here; stop() ends one no read took', async () => {
    const path = sampleCsv('none.csv');
    expect(startReadWorker(path, 'csv', { workerUrl: builtWorker, minBytes: 1 << 30 })).toBeUndefined();
    expect(startReadWorker(path, 'parquet', always)).toBeUndefined();
    expect(startReadWorker(`${tmp.dir}/absent.csv`, 'csv', always)).toBeUndefined();
    const started = startReadWorker(path, 'csv', always);
    started?.stop();
    expect(started?.take(path)).toBeUndefined();
  });

  it('a thread started ahead that could not load fails its read clearly', async () => {
    const path = sampleCsv('ahead-broken.csv');
    const missing = new URL('./no-such-worker.js', builtWorker);
    const started = startReadWorker(path, 'csv', { workerUrl: missing, minBytes: 0 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(readDataFileOffThread(path, {}, { workerUrl: missing, minBytes: 0, started })).rejects.toThrow(
      /the reading thread failed/,
    );
  });

  it('a thread started earlier still (startReadWorkerAhead) is the one the read of its file starts, however the path is written', async () => {
    const path = sampleCsv('earlier.csv');
    const early = startReadWorkerAhead(relative(process.cwd(), path), 'csv', always);
    expect(early).toBeDefined();
    expect(startReadWorkerAhead(path, 'csv', always)).toBeUndefined();
    const started = startReadWorker(path, 'csv', always);
    expect(started).toBe(early);
    // Taken: the next start of a thread for the file makes a new one.
    const next = startReadWorker(path, 'csv', always);
    expect(next).not.toBe(started);
    next?.stop();
    const here = await readDataFile(path);
    const there = await readDataFileOffThread(path, {}, { ...always, started });
    expect(Array.from(numeric(there, 'x').values)).toEqual(Array.from(numeric(here, 'x').values));
    expect(started?.take(path)).toBeUndefined();
  });

  it('stops a thread started earlier when the read stays here after all, and starts none for a small file', () => {
    const path = sampleCsv('earlier-parquet.csv');
    const early = startReadWorkerAhead(path, 'csv', always);
    expect(startReadWorker(path, 'parquet', always)).toBeUndefined();
    // Stopped, and gone: a later start makes its own.
    expect(early?.take(path)).toBeUndefined();
    const fresh = startReadWorker(path, 'csv', always);
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(early);
    fresh?.stop();
    expect(startReadWorkerAhead(path, 'csv', { workerUrl: builtWorker, minBytes: 1 << 30 })).toBeUndefined();
    expect(startReadWorker(path, 'csv', { workerUrl: builtWorker, minBytes: 1 << 30 })).toBeUndefined();
  });
});
