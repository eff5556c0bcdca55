import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import { missingMarkers } from '../missing/missingMarkers.js';
import { openDataSource } from './openDataSource.js';

const tmp = tempFiles();
afterAll(() => tmp.remove());

describe('openDataSource', () => {
  it('chooses the reader by extension and reads through the DataSource port', async () => {
    const tsv = tmp.write('a.TSV', 'x\ty\n1\ta\n');
    const source = openDataSource(tsv);
    expect(source.uri).toBe(tsv);
    expect(source.format).toBe('tsv');
    expect(await source.inferSchema()).toEqual({
      columns: [
        { name: 'x', kind: 'numeric' },
        { name: 'y', kind: 'categorical' },
      ],
    });
    const frame = await source.read();
    expect(frame.columns.map((c) => c.name)).toEqual(['x', 'y']);
    const txt = tmp.write('b.txt', 'x;y\n1;a\n');
    expect((await openDataSource(txt, { delimiter: ';' }).read()).columns).toHaveLength(2);
    const ndjson = tmp.write('c.ndjson', '{"x": 1}\n');
    expect((await openDataSource(ndjson).read()).rowCount).toBe(1);
    const forced = tmp.write('d.data', 'x\n1\n');
    expect((await openDataSource(forced, { format: 'csv' }).read()).rowCount).toBe(1);
  });

  it('rejects an unknown extension when opened, before reading', () => {
    expect(() => openDataSource('data/x.csv.gz')).toThrow(/^data\/x\.csv\.gz: cannot tell the format from the extension "\.gz"/);
  });

  it('exports the pandas missing markers', () => {
    expect(missingMarkers).toContain('NA');
    expect(missingMarkers).toHaveLength(19);
  });
});
