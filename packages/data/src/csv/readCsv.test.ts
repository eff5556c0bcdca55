import { chmodSync } from 'node:fs';
import type { CategoricalColumn, DatetimeColumn, InputError, NumericColumn, TextColumn } from '@driftwatch/core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import type { InvalidValue, ReadFrame } from '../ReadFrame.js';
import { readCsv } from './readCsv.js';

const tmp = tempFiles();
afterAll(() => tmp.remove());

let n = 0;
const write = (content: string | Uint8Array, ext = 'csv') => tmp.write(`t${n++}.${ext}`, content);

const col = <T>(frame: ReadFrame, name: string) =>
  frame.columns.find((c) => c.name === name) as unknown as T & { invalidSamples: InvalidValue[] };
const labels = (c: CategoricalColumn) => Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]));

async function failure(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    return error as InputError;
  }
  throw new Error('expected the read to fail');
}

describe('readCsv: kinds', () => {
  it('reads every kind, with missing values', async () => {
    const path = write(
      [
        'x,label,flag,when,note',
        '1.5,a,true,2024-01-02,"free, text"',
        '-2,b,FALSE,2024-01-02T03:04:05Z,hello',
        ',NA,,,NA',
        'inf,a,True,2024-01-02T03:04:05.678+02:00,"say ""hi"""',
        '-Infinity,c,false,2024-02-29 12:00,',
        '',
      ].join('\n'),
    );
    const frame = await readCsv(path, {
      schema: { columns: [{ name: 'note', kind: 'text' }] },
    });
    expect(frame.rowCount).toBe(5);
    expect(frame.source).toBe(path);
    expect(frame.columns.map((c) => [c.name, c.kind])).toEqual([
      ['x', 'numeric'],
      ['label', 'categorical'],
      ['flag', 'boolean'],
      ['when', 'datetime'],
      ['note', 'text'],
    ]);
    expect(Array.from(col<NumericColumn>(frame, 'x').values)).toEqual([
      1.5,
      -2,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
    expect(labels(col<CategoricalColumn>(frame, 'label'))).toEqual(['a', 'b', null, 'a', 'c']);
    expect(col<CategoricalColumn>(frame, 'label').dictionary).toEqual(['a', 'b', 'c']);
    const flag = col<CategoricalColumn>(frame, 'flag');
    expect(flag.dictionary).toEqual(['false', 'true']);
    expect(Array.from(flag.codes)).toEqual([1, 0, -1, 1, 0]);
    expect(Array.from(col<DatetimeColumn>(frame, 'when').values)).toEqual([
      Date.UTC(2024, 0, 2),
      Date.UTC(2024, 0, 2, 3, 4, 5),
      Number.NaN,
      Date.UTC(2024, 0, 2, 1, 4, 5, 678),
      Date.UTC(2024, 1, 29, 12),
    ]);
    expect(col<TextColumn>(frame, 'note').values).toEqual(['free, text', 'hello', null, 'say "hi"', null]);
    for (const c of frame.columns) expect(c.invalid).toBe(0);
  });

  it('reads every pandas missing marker as missing in every kind, and "" too', async () => {
    const markers = [
      '',
      '#N/A',
      '#N/A N/A',
      '#NA',
      '-1.#IND',
      '-1.#QNAN',
      '-NaN',
      '-nan',
      '1.#IND',
      '1.#QNAN',
      '<NA>',
      'N/A',
      'NA',
      'NULL',
      'NaN',
      'None',
      'n/a',
      'nan',
      'null',
      '""',
    ];
    const rows = markers.map((m) => `${m},${m},${m},${m}`);
    const path = write(`num,cat,bool,date\n1,a,true,2020-01-01\n${rows.join('\n')}\n`);
    const frame = await readCsv(path);
    expect(frame.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical', 'boolean', 'datetime']);
    expect(Array.from(col<NumericColumn>(frame, 'num').values.slice(1)).every(Number.isNaN)).toBe(true);
    expect(Array.from(col<CategoricalColumn>(frame, 'cat').codes.slice(1)).every((c) => c === -1)).toBe(true);
    expect(Array.from(col<CategoricalColumn>(frame, 'bool').codes.slice(1)).every((c) => c === -1)).toBe(true);
    expect(Array.from(col<DatetimeColumn>(frame, 'date').values.slice(1)).every(Number.isNaN)).toBe(true);
    for (const c of frame.columns) expect(c.invalid).toBe(0);
  });

  it('skips columns whose role is ignored', async () => {
    const path = write('id,x\na,1\nb,2\n');
    const frame = await readCsv(path, { schema: { columns: [{ name: 'id', kind: 'text', role: 'ignored' }] } });
    expect(frame.columns.map((c) => c.name)).toEqual(['x']);
  });

  it('rejects a schema column the file lacks, naming it', async () => {
    const path = write('a,b\n1,2\n');
    const e = await failure(readCsv(path, { schema: { columns: [{ name: 'c', kind: 'numeric' }] } }));
    expect(e.code).toBe('INPUT_UNKNOWN_COLUMN');
    expect(e.message).toBe(`${path}: column "c" of the schema is not in the file (its columns: a, b)`);
  });
});

describe('readCsv: RFC 4180', () => {
  it('reads quoted delimiters, line breaks, doubled quotes and empty quoted fields', async () => {
    const path = write('a,b,c\r\n"x,1","line\r\nbreak","q ""x"""\r\n"",plain,"a""b"\r\n"text""after","",z');
    const frame = await readCsv(path, { schema: { columns: ['a', 'b', 'c'].map((name) => ({ name, kind: 'text' as const })) } });
    expect(frame.rowCount).toBe(3);
    expect(col<TextColumn>(frame, 'a').values).toEqual(['x,1', null, 'text"after']);
    expect(col<TextColumn>(frame, 'b').values).toEqual(['line\r\nbreak', 'plain', null]);
    expect(col<TextColumn>(frame, 'c').values).toEqual(['q "x"', 'a"b', 'z']);
  });

  it('counts lines inside quoted fields for later positions', async () => {
    const path = write('a,b\n"multi\nline\ntext",1\nx,oops\n');
    const frame = await readCsv(path, {
      schema: {
        columns: [
          { name: 'a', kind: 'text' },
          { name: 'b', kind: 'numeric' },
        ],
      },
    });
    expect(col<NumericColumn>(frame, 'b').invalidSamples).toEqual([{ line: 5, column: 3, fieldNumber: 2, field: 'b', text: 'oops' }]);
  });

  it('skips a UTF-8 BOM, reads CRLF, a last line without a newline, and blank lines', async () => {
    const path = write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name,v\r\n\r\né,1\r\n\r\nü,2\r\n\r\n\n\nß,3')]));
    const frame = await readCsv(path);
    expect(frame.columns.map((c) => c.name)).toEqual(['name', 'v']);
    expect(labels(col<CategoricalColumn>(frame, 'name'))).toEqual(['é', 'ü', 'ß']);
    expect(Array.from(col<NumericColumn>(frame, 'v').values)).toEqual([1, 2, 3]);
  });

  it('reads TSV by extension and a custom delimiter by option', async () => {
    const tsv = await readCsv(write('a\tb\n1,5\tx\n2\ty\n', 'tsv'));
    expect(tsv.columns.map((c) => c.kind)).toEqual(['categorical', 'categorical']);
    expect(labels(col<CategoricalColumn>(tsv, 'a'))).toEqual(['1,5', '2']);
    const tab = await readCsv(write('a\tb\n1,5\tx\n', 'TAB'));
    expect(labels(col<CategoricalColumn>(tab, 'a'))).toEqual(['1,5']);
    const semi = await readCsv(write('a;b\n1,5;x\n'), { delimiter: ';' });
    expect(labels(col<CategoricalColumn>(semi, 'a'))).toEqual(['1,5']);
    await expect(readCsv(write('a\n1\n'), { delimiter: '.' })).rejects.toThrow(/invalid CSV delimiter/);
  });

  it('reads quoted numbers and labels (R quotes every string) on the fast path', async () => {
    const path = write('"x","city"\n"1.5","Paris"\n2,"Rome"\n"3",Oslo\n');
    const frame = await readCsv(path);
    expect(Array.from(col<NumericColumn>(frame, 'x').values)).toEqual([1.5, 2, 3]);
    expect(labels(col<CategoricalColumn>(frame, 'city'))).toEqual(['Paris', 'Rome', 'Oslo']);
  });
});

describe('readCsv: invalid values', () => {
  const content = () => {
    const rows = ['n,c,flag'];
    for (let i = 0; i < 60; i++) rows.push(`${i},${i % 3},true`);
    rows.push('abc,1,maybe', '7,2,false', '1e5x,0,yes', ' 8 ,1,TRUE');
    return `${rows.join('\n')}\n`;
  };

  it('counts values that do not fit the kind (after the inference sample), stores them as missing, keeps samples', async () => {
    const path = write(content());
    const frame = await readCsv(path, { sampleRows: 60 });
    const num = col<NumericColumn>(frame, 'n');
    expect(num.kind).toBe('numeric');
    expect(num.invalid).toBe(2);
    expect(Array.from(num.values.slice(60))).toEqual([Number.NaN, 7, Number.NaN, 8]);
    expect(num.invalidSamples).toEqual([
      { line: 62, column: 1, fieldNumber: 1, field: 'n', text: 'abc' },
      { line: 64, column: 1, fieldNumber: 1, field: 'n', text: '1e5x' },
    ]);
    const flag = col<CategoricalColumn>(frame, 'flag');
    expect(flag.invalid).toBe(2);
    expect(Array.from(flag.codes.slice(60))).toEqual([-1, 0, -1, 1]);
    expect(flag.invalidSamples.map((s) => [s.line, s.column, s.text])).toEqual([
      [62, 7, 'maybe'],
      [64, 8, 'yes'],
    ]);
  });

  it('keeps at most maxInvalidSamples samples', async () => {
    const rows = ['n'];
    for (let i = 0; i < 20; i++) rows.push('1');
    for (let i = 0; i < 20; i++) rows.push('bad');
    const frame = await readCsv(write(rows.join('\n')), { sampleRows: 20, maxInvalidSamples: 3 });
    expect(frame.columns[0].invalid).toBe(20);
    expect(frame.columns[0].invalidSamples).toHaveLength(3);
  });

  it('fails at the first one with strict', async () => {
    const path = write(content());
    const e = await failure(readCsv(path, { sampleRows: 60, strict: true }));
    expect(e.code).toBe('INPUT_INVALID_VALUE');
    expect(e.message).toBe(`${path}:62:1: column "n": "abc" is not a valid numeric value`);
    expect(e.location).toEqual({ file: path, line: 62, column: 1, field: 'n' });
  });
});

describe('readCsv: errors', () => {
  const cases: [string, string | Uint8Array, string, (path: string) => string][] = [
    ['an empty file', '', 'INPUT_EMPTY', (p) => `${p}: file is empty`],
    [
      'a file of a BOM and whitespace',
      Buffer.from([0xef, 0xbb, 0xbf, 0x20, 0x0a, 0x0a, 0x09]),
      'INPUT_EMPTY',
      (p) => `${p}: file is empty`,
    ],
    ['a header without rows', 'a,b\n\n', 'INPUT_NO_ROWS', (p) => `${p}:1: header but no data rows`],
    ['a row with too few fields', 'a,b,c\n1,2,3\n4,5\n', 'INPUT_FIELD_COUNT', (p) => `${p}:3: expected 3 fields, found 2`],
    ['a row with too many fields', 'a,b\n1,2\n3,4\n5,6,7', 'INPUT_FIELD_COUNT', (p) => `${p}:4: expected 2 fields, found 3`],
    [
      'an unclosed quote',
      'a,b\n1,2\n3,"never\nclosed\n',
      'INPUT_UNCLOSED_QUOTE',
      (p) => `${p}:3:3: unclosed quote (opened at line 3, column 3)`,
    ],
    [
      'bytes that are not UTF-8',
      Buffer.concat([Buffer.from('a,b\n1,é\n2,x'), Buffer.from([0xff]), Buffer.from('y\n')]),
      'INPUT_NOT_UTF8',
      (p) => `${p}:3:4: invalid UTF-8 (byte 0xff); the file must be UTF-8 encoded`,
    ],
    [
      'a duplicate header name',
      'a,b,a\n1,2,3\n',
      'INPUT_BAD_SCHEMA',
      (p) => `${p}:1:5: duplicate column name "a" in the header (fields 1 and 3)`,
    ],
    ['an empty header name', 'a,,c\n1,2,3\n', 'INPUT_BAD_SCHEMA', (p) => `${p}:1:3: empty column name in the header (field 2)`],
  ];

  it.each(cases)('reports %s', async (_what, content, code, message) => {
    const path = write(content);
    for (const chunkSize of [1, 3, 1 << 20]) {
      const e = await failure(readCsv(path, { chunkSize }));
      expect(e.code).toBe(code);
      expect(e.message).toBe(message(path));
      expect(e.location?.file).toBe(path);
    }
  });

  it('reports a missing file, a directory and an unreadable file', async () => {
    const missing = await failure(readCsv(`${tmp.dir}/nope.csv`));
    expect(missing.code).toBe('INPUT_NOT_FOUND');
    expect(missing.message).toBe(`${tmp.dir}/nope.csv: file not found`);
    const dir = await failure(readCsv(tmp.dir));
    expect(dir.code).toBe('INPUT_UNREADABLE');
    expect(dir.message).toBe(`${tmp.dir}: cannot read: is a directory`);
    if (process.getuid?.() !== 0) {
      const locked = write('a\n1\n');
      chmodSync(locked, 0);
      const e = await failure(readCsv(locked));
      expect(e.code).toBe('INPUT_UNREADABLE');
      expect(e.message).toBe(`${locked}: cannot read: permission denied`);
    }
  });

  it('reports invalid UTF-8 split across chunks, and a valid sequence split across chunks is fine', async () => {
    const good = write(Buffer.from('a\n€😀\n€😀\n'));
    for (let chunkSize = 1; chunkSize <= 8; chunkSize++) {
      const frame = await readCsv(good, { chunkSize });
      expect(labels(frame.columns[0] as CategoricalColumn)).toEqual(['€😀', '€😀']);
    }
    // A 3-byte lead whose sequence is cut by a newline.
    const bad = write(Buffer.concat([Buffer.from('a\nok\nx'), Buffer.from([0xe2, 0x82]), Buffer.from('\n')]));
    for (let chunkSize = 1; chunkSize <= 8; chunkSize++) {
      const e = await failure(readCsv(bad, { chunkSize }));
      expect(e.message).toBe(`${bad}:3:2: invalid UTF-8 (byte 0xe2); the file must be UTF-8 encoded`);
    }
  });

  it('reports the earlier of a field-count error and a later invalid UTF-8 byte', async () => {
    const path = write(Buffer.concat([Buffer.from('a,b\n1\n2,'), Buffer.from([0xc0]), Buffer.from('\n')]));
    const e = await failure(readCsv(path));
    expect(e.code).toBe('INPUT_FIELD_COUNT');
  });
});

describe('readCsv: chunk boundaries', () => {
  const tricky = Buffer.from(
    '\ufeffnum,cat,txt,flag,when\r\n' +
      '1.5,"a",plain,true,2024-01-01\r\n' +
      '-0.25e-3,b,"has ""quotes"", commas\nand lines",FALSE,2024-01-01T00:00:01Z\n' +
      'NA,"c",,,\n' +
      '\n' +
      '12345678901234567890,a,"",True,NULL\r\n' +
      'oops,"x""y",é€😀,nope,2024-13-01\n' +
      '"7","a""trailing","\r",false,2024-02-29 23:59:59.999+01:00\n' +
      'inf,b,last,true,2024-01-01',
  );

  it('gives identical frames for every chunk size from 1 to 64 bytes', async () => {
    const path = write(tricky);
    const schema = {
      columns: [
        { name: 'num', kind: 'numeric' as const },
        { name: 'cat', kind: 'categorical' as const },
        { name: 'txt', kind: 'text' as const },
        { name: 'flag', kind: 'boolean' as const },
        { name: 'when', kind: 'datetime' as const },
      ],
    };
    const reference = await readCsv(path, { schema });
    expect(reference.rowCount).toBe(7);
    expect(Array.from(col<NumericColumn>(reference, 'num').values)).toEqual([
      1.5,
      -0.00025,
      Number.NaN,
      Number('12345678901234567890'),
      Number.NaN,
      7,
      Number.POSITIVE_INFINITY,
    ]);
    expect(labels(col<CategoricalColumn>(reference, 'cat'))).toEqual(['a', 'b', 'c', 'a', 'x"y', 'a"trailing', 'b']);
    expect(col<TextColumn>(reference, 'txt').values).toEqual([
      'plain',
      'has "quotes", commas\nand lines',
      null,
      null,
      'é€😀',
      '\r',
      'last',
    ]);
    expect(Array.from(col<CategoricalColumn>(reference, 'flag').codes)).toEqual([1, 0, -1, 1, -1, 0, 1]);
    expect(reference.columns.map((c) => c.invalid)).toEqual([1, 0, 0, 1, 1]);
    expect(col<NumericColumn>(reference, 'num').invalidSamples).toEqual([
      { line: 8, column: 1, fieldNumber: 1, field: 'num', text: 'oops' },
    ]);
    for (let chunkSize = 1; chunkSize <= 64; chunkSize++) {
      const frame = await readCsv(path, { schema, chunkSize });
      expect(frame, `chunk size ${chunkSize}`).toEqual(reference);
    }
  });

  it('reads a larger generated file identically with small and large chunks', async () => {
    const rows = ['a,b,c'];
    for (let i = 0; i < 3000; i++)
      rows.push(`${(i * 1.37).toFixed(i % 7)},${['x', 'yy', 'zzz', '"q,q"'][i % 4]},${i % 11 === 0 ? '' : -i}`);
    const path = write(rows.join('\n'));
    const big = await readCsv(path);
    for (const chunkSize of [61, 4096]) expect(await readCsv(path, { chunkSize })).toEqual(big);
    expect(Array.from((big.columns[0] as NumericColumn).values.slice(0, 4))).toEqual([0, 1.4, 2.74, 4.11]);
  });
});

describe('readCsv: abort', () => {
  it('stops when the signal is aborted', async () => {
    const path = write('a\n1\n');
    await expect(readCsv(path, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('readCsv: progress', () => {
  it('reports bytes read about every MiB and at the end', async () => {
    const line = '1.234567,abc\n';
    const path = write(`x,y\n${line.repeat(Math.ceil((3.5 * (1 << 20)) / line.length))}`);
    const calls: [number, number | undefined][] = [];
    await readCsv(path, { onProgress: (r, t) => calls.push([r, t]) });
    const size = calls[calls.length - 1][1] as number;
    expect(calls[calls.length - 1][0]).toBe(size);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.length).toBeLessThanOrEqual(5);
  });
});

describe('readCsv: runaway cardinality (issue 12.8)', () => {
  // An id column read as categories: 20M distinct values once died in a JS Map (2^24 keys) after 58 s and 2.9 GB.
  // The limit is a parameter, so a generated column of a few thousand values shows the behaviour.
  const ids = (rows: number) => ['id,group', ...Array.from({ length: rows }, (_, i) => `u${i.toString(36)},g${i % 3}`)].join('\n');
  const schema = { columns: [{ name: 'id', kind: 'categorical' as const }] };

  it('stops early with INPUT_TOO_MANY_CATEGORIES naming the file, column and row, on the fast path and the slow one', async () => {
    const path = write(ids(5000));
    for (const chunkSize of [1 << 20, 7]) {
      const e = await failure(readCsv(path, { schema, maxCategories: 1000, chunkSize }));
      expect(e.code).toBe('INPUT_TOO_MANY_CATEGORIES');
      expect(e.message).toBe(
        `${path}: column "id" has more than 1000 distinct values by row 1001, too many to test as categories (an id or free text?): ` +
          'ignore it (--ignore id, or role "id" or "ignored" in the schema), read it as text, or raise maxCategories',
      );
      expect(e.location).toMatchObject({ file: path, field: 'id' });
    }
  });

  it('reads a column at the limit, and the same column as text or ignored', async () => {
    const path = write(ids(1000));
    const frame = await readCsv(path, { schema, maxCategories: 1000 });
    expect(col<CategoricalColumn>(frame, 'id').dictionary).toHaveLength(1000);
    const asText = await readCsv(write(ids(5000)), { schema: { columns: [{ name: 'id', kind: 'text' }] }, maxCategories: 1000 });
    expect(col<TextColumn>(asText, 'id').values).toHaveLength(5000);
    const ignored = await readCsv(write(ids(5000)), {
      schema: { columns: [{ name: 'id', kind: 'categorical', role: 'ignored' }] },
      maxCategories: 1000,
    });
    expect(ignored.columns.map((c) => c.name)).toEqual(['group']);
  });
});

describe('readCsv: unclear input made clear (issue 12.10)', () => {
  it('says a file with CR-only line ends is one, instead of a duplicate column name in one long header', async () => {
    const path = write('a,b\r1,2\r3,4\r1,2\r');
    const e = await failure(readCsv(path));
    expect(e.code).toBe('INPUT_LINE_ENDINGS');
    expect(e.message).toBe(
      `${path}:1:4: the header runs on past a lone CR: the file seems to end its lines with CR only (classic Mac OS); ` +
        'save it with LF or CRLF line ends',
    );
    // CRLF and a CR inside a quoted header name are fine.
    expect((await readCsv(write('a,"b\rc"\r\n1,2\r\n'))).columns.map((c) => c.name)).toEqual(['a', 'b\rc']);
  });

  it('cuts a runaway header name in messages instead of echoing megabytes', async () => {
    const long = 'x'.repeat(1_000_000);
    const e = await failure(readCsv(write(`${long},${long}\n1,2\n`)));
    expect(e.code).toBe('INPUT_BAD_SCHEMA');
    expect(e.message.length).toBeLessThan(300);
    expect(e.message).toMatch(/duplicate column name "x{80}…" \(1000000 characters\) in the header \(fields 1 and 2\)$/);
    const unknown = await failure(readCsv(write(`${long},b\n1,2\n`), { schema: { columns: [{ name: 'c', kind: 'numeric' }] } }));
    expect(unknown.code).toBe('INPUT_UNKNOWN_COLUMN');
    expect(unknown.message.length).toBeLessThan(300);
  });

  it('rejects text after a closing quote ("Syd"ney), which RFC 4180 does not allow, naming line and column', async () => {
    const path = write('city,n\nParis,1\n"Syd"ney,2\n');
    for (const chunkSize of [1 << 20, 3]) {
      const e = await failure(readCsv(path, { chunkSize }));
      expect(e.code).toBe('INPUT_BAD_QUOTE');
      expect(e.message).toBe(
        `${path}:3:5: text after the closing quote of a quoted field ("Syd"ney): a quote inside a field must be doubled ` +
          'and the whole field quoted ("Syd""ney"), as RFC 4180 writes it',
      );
    }
    const header = await failure(readCsv(write('"a"b,c\n1,2\n')));
    expect(header.code).toBe('INPUT_BAD_QUOTE');
    const frame = await readCsv(write('city,n\n"Syd""ney",2\n"x",3\n'));
    expect(labels(col<CategoricalColumn>(frame, 'city'))).toEqual(['Syd"ney', 'x']);
  });
});

describe('readCsv: blank lines between rows', () => {
  it('skips them as pandas does and reports the first one, on the fast path and the slow one', async () => {
    for (const chunkSize of [1 << 20, 5]) {
      const gap = await readCsv(write('x\n1\n\n2\n\n3\n\n'), { chunkSize });
      expect(gap.rowCount).toBe(3);
      expect(gap.firstBlankLine).toBe(3);
      const trailing = await readCsv(write('x\n1\n2\n\n\n'), { chunkSize });
      expect(trailing.firstBlankLine).toBeUndefined();
      expect((await readCsv(write('x,y\n\n1,2\n'), { chunkSize })).firstBlankLine).toBe(2);
    }
  });
});

describe('readCsv: synchronous reads', () => {
  it('reads the same frame, chunk boundaries and a multi-byte character across one included', async () => {
    const lines = ['x,label,note'];
    for (let i = 0; i < 2000; i++) lines.push(`${(i * 0.37 - 300).toFixed(3)},${['a', 'b', '"c,d"'][i % 3]},${i % 7 === 0 ? 'é' : 'z'}`);
    const path = write(`${lines.join('\n')}\n`);
    const options = { chunkSize: 1000, schema: { columns: [{ name: 'note', kind: 'text' as const }] } };
    const asynchronous = await readCsv(path, options);
    const synchronous = await readCsv(path, { ...options, syncReads: true });
    expect(synchronous).toEqual(asynchronous);
    expect(synchronous.rowCount).toBe(2000);
    expect(Array.from((synchronous.columns[0] as NumericColumn).values.slice(0, 2))).toEqual([-300, -299.63]);
  });

  it('fails on a missing file the same way', async () => {
    const missing = `${tmp.dir}/absent.csv`;
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: InputError) => [e.code, e.message],
      );
    expect(await failure(readCsv(missing, { syncReads: true }))).toEqual(await failure(readCsv(missing)));
  });
});
