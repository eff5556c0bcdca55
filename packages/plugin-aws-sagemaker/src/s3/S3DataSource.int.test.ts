import { readFileSync } from 'node:fs';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getColumn, InputError } from '@driftwatch/core';
import { readParquet } from '@driftwatch/data';
import { beforeAll, expect, it } from 'vitest';
import { describeWithMoto } from '../__tests__/describeWithMoto.js';
import { noRetry } from '../__tests__/testClients.js';
import { s3SourceOptions } from '../options/s3SourceOptions.js';
import { S3DataSource } from './S3DataSource.js';

const parquetFixture = new URL('../../../data/src/__fixtures__/kinds.parquet', import.meta.url);

describeWithMoto('S3DataSource against moto S3', (aws) => {
  const put = (key: string, body: string | Uint8Array) => aws.s3.send(new PutObjectCommand({ Bucket: 'data', Key: key, Body: body }));

  beforeAll(async () => {
    await aws.s3.send(new CreateBucketCommand({ Bucket: 'data' }));
    await put('one/ref.csv', 'x,c\n1,a\n2,b\n');
    await put('parts/2025-01.csv', 'x,c\n1,a\n2,b');
    await put('parts/2025-02.csv', 'x,c\n3,c\n');
    await put('parts/readme.md', 'ignored');
    await put('mixed/a.csv', 'x,c\n1,a\n');
    await put('mixed/b.csv', 'x,d\n1,a\n');
    await put('lines/a.jsonl', '{"x":1}\n{"x":2}');
    await put('lines/b.jsonl', '{"x":3}\n');
    await put('bad/v.csv', 'x\n1\nnope\n');
    const parquet = readFileSync(parquetFixture);
    await put('pq/a.parquet', parquet);
    await put('pq/b.parquet', parquet);
  });

  const source = (uri: string, extra: Record<string, unknown> = {}) =>
    new S3DataSource(aws.s3, s3SourceOptions.parse({ uri, ...extra, ...noRetry }), { pageSize: 1 });
  const numbers = (frame: Awaited<ReturnType<S3DataSource['read']>>, name: string) => [
    ...(getColumn(frame, name) as { values: Float64Array }).values,
  ];

  it('reads one CSV object', async () => {
    const frame = await source('s3://data/one/ref.csv').read();
    expect(frame.source).toBe('s3://data/one/ref.csv');
    expect(numbers(frame, 'x')).toEqual([1, 2]);
    expect((await source('s3://data/one/ref.csv').inferSchema()).columns.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'x:numeric',
      'c:categorical',
    ]);
  });

  it('concatenates the CSV and JSONL objects of a prefix, one header kept', async () => {
    expect(numbers(await source('s3://data/parts/').read(), 'x')).toEqual([1, 2, 3]);
    expect(numbers(await source('s3://data/lines/').read(), 'x')).toEqual([1, 2, 3]);
  });

  it('concatenates Parquet objects', async () => {
    const single = await readParquet(parquetFixture.pathname);
    const frame = await source('s3://data/pq/').read();
    expect(frame.rowCount).toBe(single.rowCount * 2);
    expect(frame.columns.map((c) => c.name)).toEqual(single.columns.map((c) => c.name));
  });

  it('names the object whose header differs, the S3 URI of bad values, and an empty prefix', async () => {
    const mismatch = await source('s3://data/mixed/')
      .read()
      .catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(InputError);
    expect((mismatch as InputError).message).toContain('s3://data/mixed/b.csv:1: header');
    const strict = await source('s3://data/bad/v.csv')
      .read({ schema: { columns: [{ name: 'x', kind: 'numeric' }] }, strict: true })
      .catch((e: unknown) => e);
    expect(strict).toBeInstanceOf(InputError);
    expect((strict as InputError).message).toMatch(/^s3:\/\/data\/bad\/v\.csv:3/);
    await expect(source('s3://data/none/').read()).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND' });
  });

  it('fetches each object once for a schema read then a full read, and removes its copies after the full read', async () => {
    const gets: string[] = [];
    // Counted on the real client's middleware stack, as the requests go out.
    aws.s3.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetObjectCommand') gets.push((args.input as { Key: string }).Key);
        return next(args);
      },
      { step: 'initialize', name: 'countGetObject' },
    );
    try {
      const parts = new S3DataSource(aws.s3, s3SourceOptions.parse({ uri: 's3://data/parts/', ...noRetry }), { pageSize: 1 });
      const schema = await parts.inferSchema();
      expect(gets).toEqual(['parts/2025-01.csv']);
      expect(numbers(await parts.read({ schema }), 'x')).toEqual([1, 2, 3]);
      expect(gets).toEqual(['parts/2025-01.csv', 'parts/2025-02.csv']);
      // The full read released the copies: reading again fetches again.
      await parts.read({ schema });
      expect(gets).toHaveLength(4);
    } finally {
      aws.s3.middlewareStack.remove('countGetObject');
    }
  });
});
