import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import { inferSchemaFromFile } from './inferSchemaFromFile.js';

const tmp = tempFiles();
afterAll(() => tmp.remove());

describe('inferSchemaFromFile', () => {
  const rows = ['n,label,when'];
  for (let i = 0; i < 100; i++) rows.push(`${i},${i % 2 ? 'odd' : 'even'},2024-01-${String((i % 28) + 1).padStart(2, '0')}`);
  rows.push('not a number,odd,yesterday');

  it('infers kinds from the first sampleRows rows only', async () => {
    const path = tmp.write('a.csv', rows.join('\n'));
    expect(await inferSchemaFromFile(path, { sampleRows: 100 })).toEqual({
      columns: [
        { name: 'n', kind: 'numeric' },
        { name: 'label', kind: 'categorical' },
        { name: 'when', kind: 'datetime' },
      ],
    });
    const all = await inferSchemaFromFile(path);
    expect(all.columns.map((c) => c.kind)).toEqual(['text', 'categorical', 'categorical']);
  });

  it('keeps the given specs (with roles) and infers the rest, in file order', async () => {
    const path = tmp.write('b.csv', rows.join('\n'));
    const schema = await inferSchemaFromFile(path, {
      sampleRows: 100,
      schema: { columns: [{ name: 'when', kind: 'text', role: 'timestamp' }] },
    });
    expect(schema.columns).toEqual([
      { name: 'n', kind: 'numeric' },
      { name: 'label', kind: 'categorical' },
      { name: 'when', kind: 'text', role: 'timestamp' },
    ]);
  });

  it('infers JSON Lines from the values, numbers as numeric', async () => {
    const path = tmp.write('c.jsonl', '{"a": 1, "b": "x", "c": true, "d": null}\n{"a": 2.5, "b": "y", "c": false, "d": null}\n');
    expect((await inferSchemaFromFile(path)).columns.map((c) => c.kind)).toEqual(['numeric', 'categorical', 'boolean', 'categorical']);
  });
});
