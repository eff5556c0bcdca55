import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Column, ColumnKind, Frame } from '@driftwatch/core';
import { readCsv } from '@driftwatch/data';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectTrainingData, withPredictions } from './collectTrainingData.js';
import { loadHoldoutLabels } from './loadHoldoutLabels.js';
import { splitTrainingData } from './splitTrainingData.js';

function numeric(name: string, values: readonly number[]): Column {
  return { kind: 'numeric', name, values: Float64Array.from(values), invalid: 0 };
}

function datetime(name: string, values: readonly (string | null)[]): Column {
  return { kind: 'datetime', name, values: Float64Array.from(values, (v) => (v === null ? Number.NaN : Date.parse(v))), invalid: 0 };
}

function categorical(name: string, values: readonly (string | null)[]): Column {
  const dictionary = [...new Set(values.filter((v): v is string => v !== null))];
  return {
    kind: 'categorical',
    name,
    codes: Int32Array.from(values, (v) => (v === null ? -1 : dictionary.indexOf(v))),
    dictionary,
    invalid: 0,
  };
}

function frame(source: string, ...columns: Column[]): Frame {
  const rowCount =
    columns[0]?.kind === 'categorical' ? columns[0].codes.length : (columns[0] as { values: ArrayLike<unknown> }).values.length;
  return { source, rowCount, columns };
}

const N = Number.NaN;
const reference = frame(
  'ref.csv',
  numeric('id', [1, 2, 3, 4, 5, 6]),
  numeric('tenure', [10, 20, N, 40, 50, 60]),
  categorical('plan', ['a', 'b', 'a', null, 'b', 'a']),
  numeric('customer_id', [101, 102, 103, 104, 105, 106]),
  categorical('churned', ['0', '1', null, '0', '1', '0']),
);
const current = frame(
  'cur.csv',
  numeric('id', [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
  numeric('tenure', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  categorical('plan', ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']),
  numeric('customer_id', [111, 112, 113, 114, 115, 116, 117, 118, 119, 120]),
  datetime('ts', [
    '2026-03-01T00:00:00.000Z',
    '2026-03-09T00:00:00.000Z',
    '2026-03-02T00:00:00.000Z',
    null,
    '2026-03-09T00:00:00.000Z',
    '2026-03-03T00:00:00.000Z',
    '2026-03-04T00:00:00.000Z',
    '2026-03-05T00:00:00.000Z',
    '2026-03-06T00:00:00.000Z',
    '2026-03-10T00:00:00.000Z',
  ]),
  categorical('churned', ['1', '0', null, '1', '0', '1', '0', null, '1', '0']),
);
const sides = [
  { side: 'reference' as const, frame: reference },
  { side: 'current' as const, frame: current },
];
const base = { sides, target: 'churned', include: ['reference', 'current'] as const, holdout: { fraction: 0.25, minRows: 1 }, exclude: [] };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-collect-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function ids(path: string): Promise<number[]> {
  const f = await readCsv(path, { schema: { columns: [{ name: 'id', kind: 'numeric' }] } });
  const c = f.columns.find((x) => x.name === 'id');
  return Array.from((c as { values: Float64Array }).values);
}

describe('collectTrainingData', () => {
  it('holds out the last labelled current rows in file order and drops unlabelled rows', async () => {
    const out = await collectTrainingData({ ...base, outDir: dir });
    // 8 labelled current rows, round(0.25 × 8) = 2 held out: ids 19 and 20.
    expect(out).toMatchObject({
      trainRows: 11,
      holdoutRows: 2,
      newLabelledRows: 8,
      trainUri: join(dir, 'train.csv'),
      holdoutUri: join(dir, 'holdout.csv'),
    });
    expect(await ids(out.trainUri)).toEqual([1, 2, 4, 5, 6, 11, 12, 14, 15, 16, 17]);
    expect(await ids(out.holdoutUri)).toEqual([19, 20]);
    expect(out.holdoutLabels).toEqual(['1', '0']);
    expect((await readdir(dir)).sort()).toEqual(['holdout.csv', 'reference.csv', 'train.csv']);
  });

  it("writes reference.csv: the holdout rows with every column, excluded ones included; withPredictions puts a version's outputs in", async () => {
    const out = await collectTrainingData({ ...base, exclude: ['customer_id', 'ts'], outDir: dir });
    expect(out.referenceUri).toBe(join(dir, 'reference.csv'));
    expect((await readFile(out.holdoutUri, 'utf8')).split('\n')[0]).toBe('id,tenure,plan,churned');
    expect((await readFile(out.referenceUri, 'utf8')).split('\n')[0]).toBe('id,tenure,plan,customer_id,churned,ts');
    expect(await ids(out.referenceUri)).toEqual([19, 20]);

    await withPredictions(
      out.referenceUri,
      { prediction: 'plan', proba: 'score' },
      {
        rows: 2,
        labels: ['x', 'y, quoted'],
        scores: Float64Array.from([0.25, 0.875]),
      },
    );
    expect(await readFile(out.referenceUri, 'utf8')).toBe(
      'id,tenure,plan,customer_id,churned,ts,score\n' +
        '19,9,x,119,1,2026-03-06T00:00:00.000Z,0.25\n' +
        '20,10,"y, quoted",120,0,2026-03-10T00:00:00.000Z,0.875\n',
    );
    await expect(withPredictions(out.referenceUri, { prediction: 'plan' }, { rows: 3, labels: ['a', 'b', 'c'] })).rejects.toThrow(
      /2 rows, but 3 predictions/,
    );
  });

  it('splits a validation set off the training rows only: no holdout row reaches either file given to a trainer', async () => {
    const out = await collectTrainingData({ ...base, validation: { fraction: 0.2 }, timestamp: 'ts', outDir: dir });
    // 11 training rows less round(0.2 × 11) = 2, the last two of the training set.
    expect(out).toMatchObject({ trainRows: 9, validationRows: 2, validationUri: join(dir, 'validation.csv'), holdoutRows: 2 });
    const holdout = await ids(out.holdoutUri);
    const train = await ids(out.trainUri);
    const validation = await ids(out.validationUri!);
    expect(holdout).toEqual([15, 20]);
    expect(validation).toEqual([17, 19]);
    expect([...train, ...validation].filter((id) => holdout.includes(id))).toEqual([]);
    expect([...train, ...validation].sort((a, b) => a - b)).toEqual([1, 2, 4, 5, 6, 11, 12, 14, 16, 17, 19]);
    expect(splitTrainingData({ ...base, validation: { fraction: 0.2 } })).toMatchObject({ trainRows: 9, validationRows: 2 });
    // One training row: nothing to split off.
    const tiny = await collectTrainingData({
      ...base,
      include: ['current'],
      holdout: { fraction: 0.5, minRows: 7 },
      validation: { fraction: 0.5 },
      outDir: join(dir, 'tiny'),
    });
    expect(tiny).toMatchObject({ trainRows: 1 });
    expect(tiny.validationUri).toBeUndefined();
  });

  it('holds out the latest rows by time, ties by file order, rows without a time as the oldest', async () => {
    const split = splitTrainingData({ ...base, holdout: { fraction: 0.5, minRows: 1 }, timestamp: 'ts' });
    // Labelled current rows by time: 14 (no time), 11, 16, 17, 19, 12 and 15 (both 03-09), 20 → latest 4: 19, 12, 15, 20.
    const held = split.holdout.flatMap(({ frame: f, rows }) =>
      Array.from(rows, (r) => (f.columns[0] as { values: Float64Array }).values[r]),
    );
    expect(held).toEqual([12, 15, 19, 20]);
    expect(split.holdoutRows).toBe(4);
  });

  it('trains on the included sides only; minRows raises a small holdout', async () => {
    const out = await collectTrainingData({ ...base, include: ['reference'], holdout: { fraction: 0.1, minRows: 3 }, outDir: dir });
    expect(await ids(out.trainUri)).toEqual([1, 2, 4, 5, 6]);
    expect(await ids(out.holdoutUri)).toEqual([17, 19, 20]);
  });

  it('leaves out excluded columns (never the target)', async () => {
    const out = await collectTrainingData({ ...base, exclude: ['customer_id', 'ts', 'churned', 'nope'], outDir: dir });
    for (const file of [out.trainUri, out.holdoutUri]) {
      const header = (await readFile(file, 'utf8')).split('\n')[0];
      expect(header).toBe('id,tenure,plan,churned');
    }
  });

  it('writes the union of the columns, empty where a side lacks one', async () => {
    const out = await collectTrainingData({ ...base, outDir: dir });
    const lines = (await readFile(out.trainUri, 'utf8')).split('\n');
    expect(lines[0]).toBe('id,tenure,plan,customer_id,churned,ts');
    expect(lines[1]).toBe('1,10,a,101,0,');
    expect(lines[3]).toBe('4,40,,104,0,');
    expect(lines[6]).toBe('11,1,a,111,1,2026-03-01T00:00:00.000Z');
  });

  it('gives clear errors', async () => {
    const noTarget = [{ side: 'reference' as const, frame: frame('ref.csv', numeric('id', [1])) }, sides[1]!];
    await expect(collectTrainingData({ ...base, sides: noTarget, outDir: dir })).rejects.toThrow(
      'ref.csv: no target column "churned" (columns: id)',
    );
    const unlabelled = frame('cur.csv', numeric('id', [1, 2]), categorical('churned', [null, null]));
    await expect(collectTrainingData({ ...base, sides: [sides[0]!, { side: 'current', frame: unlabelled }], outDir: dir })).rejects.toThrow(
      'the holdout needs labels: column churned is empty in the current data',
    );
    await expect(collectTrainingData({ ...base, holdout: { fraction: 0.2, minRows: 9 }, outDir: dir })).rejects.toThrow(
      'the holdout needs at least 9 labelled rows (holdout.minRows), but column churned of the current data has 8',
    );
    await expect(
      collectTrainingData({ ...base, include: ['current'], holdout: { fraction: 0.5, minRows: 8 }, outDir: dir }),
    ).rejects.toThrow('the training set is empty: no labelled rows in current besides the 8 held out (column churned)');
    await expect(collectTrainingData({ ...base, timestamp: 'when', outDir: dir })).rejects.toThrow('cur.csv: no timestamp column "when"');
    expect(await readdir(dir)).toEqual([]);
  });

  it('round-trips every value exactly through readCsv', async () => {
    const values = [0.1 + 0.2, -0, 5e-324, 1.7976931348623157e308, -1e-7, 123456789012345680000, 1 / 3, Number.POSITIVE_INFINITY, N, 42];
    const text = ['plain', 'comma, inside', 'quote " inside', 'line\nbreak', ' padded ', 'ünïcödé', null, 'crlf\r\nx', '""', 'last'];
    const times = [
      '2026-03-10T12:34:56.789Z',
      '1970-01-01T00:00:00.000Z',
      null,
      '1999-12-31T23:59:59.999Z',
      '2026-01-01T00:00:00.001Z',
      '2000-02-29T00:00:00.000Z',
      '2026-03-10T00:00:00.000Z',
      '1969-07-20T20:17:40.000Z',
      '2026-03-10T12:00:00.000Z',
      '2026-03-10T12:00:00.500Z',
    ];
    const label = ['1', '0', '1', '0', '1', '0', '1', '0', '1', '0'];
    const original = frame('rt.csv', numeric('x', values), categorical('s', text), datetime('t', times), categorical('y', label));
    const kinds: Record<string, ColumnKind> = { x: 'numeric', s: 'categorical', t: 'datetime', y: 'categorical' };
    const out = await collectTrainingData({
      sides: [{ side: 'current', frame: original }],
      target: 'y',
      include: ['current'],
      holdout: { fraction: 0.3, minRows: 1 },
      exclude: [],
      outDir: dir,
    });
    const schema = { columns: Object.entries(kinds).map(([name, kind]) => ({ name, kind })) };
    const train = await readCsv(out.trainUri, { schema });
    const holdout = await readCsv(out.holdoutUri, { schema });
    expect(train.rowCount + holdout.rowCount).toBe(10);
    const readBack = (name: string): unknown[] =>
      [train, holdout].flatMap((f): unknown[] => {
        const c = f.columns.find((x) => x.name === name) as Column;
        if (c.kind === 'categorical') return Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]));
        return Array.from((c as { values: Float64Array }).values);
      });
    expect(readBack('x')).toEqual(values);
    expect(Object.is(readBack('x')[1], -0)).toBe(true);
    expect(readBack('s')).toEqual(text.map((t) => (t === '""' ? '""' : t)));
    expect(readBack('t')).toEqual(times.map((t) => (t === null ? N : Date.parse(t))));
    expect(readBack('y')).toEqual(label);
  });

  it('returns holdout labels that loadHoldoutLabels reads back, as names or values', async () => {
    const out = await collectTrainingData({ ...base, outDir: dir });
    expect(await loadHoldoutLabels(out.holdoutUri, 'churned', 'classification')).toEqual(out.holdoutLabels);
    const regression = await collectTrainingData({ ...base, target: 'tenure', outDir: join(dir, 'r') });
    // All 10 current rows are labelled by tenure: round(0.25 × 10) = 3 held out.
    expect(regression.holdoutLabels).toEqual(Float64Array.from([8, 9, 10]));
    expect(await loadHoldoutLabels(regression.holdoutUri, 'tenure', 'regression')).toEqual(regression.holdoutLabels);
    await expect(loadHoldoutLabels(regression.holdoutUri, 'nope', 'regression')).rejects.toThrow(/nope/);
  });

  it('loadHoldoutLabels rejects a holdout row without a label, naming the file and row', async () => {
    const file = join(dir, 'holdout.csv');
    await writeFile(file, 'x,y\n1,a\n2,\n');
    await expect(loadHoldoutLabels(file, 'y', 'classification')).rejects.toThrow(`${file}: row 2 of the holdout has no label in column y`);
  });
});
