import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { type AwsCaller, type RetrySeams, retryPolicyFrom, sendAws } from '@driftwatch/aws-common';
import { type DataSource, type Frame, InputError, isInputError, type ReadOptions, type Schema } from '@driftwatch/core';
import { inferSchemaFromFile, readDataFile } from '@driftwatch/data';
import type { BedrockInvocationLogsOptions } from './bedrockInvocationLogsOptions.js';
import { decodeInvocationRecord, type InvocationRow, type ResolvedBodies } from './decodeInvocationRecord.js';
import { eachLogRecord } from './eachLogRecord.js';

/** Seams for tests. */
export interface BedrockInvocationLogsDependencies extends RetrySeams {
  /** MaxKeys of a ListObjectsV2 page (default 1000). */
  readonly pageSize?: number;
}

/** The row columns, in frame order. */
export const invocationColumns = [
  'timestamp',
  'request_id',
  'operation',
  'model_id',
  'prompt',
  'response',
  'input_tokens',
  'output_tokens',
  'latency_ms',
  'stop_reason',
] as const;

const s3UriPattern = /^s3:\/\/([^/]+)\/?(.*)$/;

/**
 * Reads Bedrock model invocation logs from S3 as rows of an LLM
 * application's traffic: prompt and response text, token counts, latency,
 * model, operation and stop reason (see {@link decodeInvocationRecord}).
 * It reads every log object under the prefix in key order (time order, by
 * Bedrock's key layout): the JSON Lines objects invocation logging writes
 * (`.json.gz`, or plain `.json`/`.jsonl`) and CloudWatch Logs export files
 * (`.gz`, `<ISO time> <record>` lines). Bodies Bedrock moved to S3 because
 * they were large (`inputBodyS3Path`/`outputBodyS3Path`) are fetched; the
 * objects under a `data/` folder (those bodies) are not read as logs. A bad
 * record is an `InputError` naming the object and line. The rows go
 * through a temporary JSONL file into `@driftwatch/data`'s reader, so kinds,
 * schema and invalid values behave as for local files.
 */
export class BedrockInvocationLogsDataSource implements DataSource {
  readonly uri: string;
  readonly #client: S3Client;
  readonly #options: BedrockInvocationLogsOptions;
  readonly #caller: AwsCaller;
  readonly #pageSize: number;
  #staged: Promise<{ dir: string; file: string }> | undefined;

  constructor(client: S3Client, options: BedrockInvocationLogsOptions, dependencies: BedrockInvocationLogsDependencies = {}) {
    this.uri = options.uri;
    this.#client = client;
    this.#options = options;
    this.#pageSize = dependencies.pageSize ?? 1000;
    this.#caller = { provider: 'bedrock-invocation-logs', retry: retryPolicyFrom(options, dependencies) };
  }

  inferSchema(options: { readonly sampleRows?: number } = {}): Promise<Schema> {
    return this.#withRowsFile((file) => inferSchemaFromFile(file, { format: 'jsonl', sampleRows: options.sampleRows }));
  }

  async read(options: ReadOptions = {}): Promise<Frame> {
    try {
      const frame = await this.#withRowsFile((file) => readDataFile(file, { ...options, format: 'jsonl' }));
      return { ...frame, source: this.uri };
    } finally {
      await this.close();
    }
  }

  /** Removes the decoded rows a schema read kept for the full read. Idempotent. */
  async close(): Promise<void> {
    const staged = this.#staged;
    this.#staged = undefined;
    const made = staged === undefined ? undefined : await staged.catch(() => undefined);
    if (made !== undefined) await rm(made.dir, { recursive: true, force: true });
  }

  /** The lifecycle's end: removes the decoded rows and releases the client. */
  async shutdown(): Promise<void> {
    await this.close();
    this.#client.destroy();
  }

  /** Every invocation under the prefix in the since/until window (and of `modelId`), in key and line order. */
  async rows(signal?: AbortSignal): Promise<InvocationRow[]> {
    const [, bucket, prefix] = s3UriPattern.exec(this.uri)!;
    const from = this.#options.since === undefined ? -Infinity : Date.parse(this.#options.since);
    const to = this.#options.until === undefined ? Infinity : Date.parse(this.#options.until);
    const rows: InvocationRow[] = [];
    for (const key of await this.#logKeys(bucket!, prefix!)) {
      signal?.throwIfAborted();
      const where = `s3://${bucket}/${key}`;
      const text = await this.#text(bucket!, key);
      await eachLogRecord(text, where, async (record) => {
        const row = decodeInvocationRecord(record, await this.#bodies(record));
        const time = Date.parse(row.timestamp);
        if (!(time >= from && time < to)) return;
        if (this.#options.modelId !== undefined && row.model_id !== this.#options.modelId) return;
        rows.push(row);
      });
    }
    return rows;
  }

  /** The keys of log objects under the prefix, sorted. */
  async #logKeys(bucket: string, prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await sendAws(this.#caller, 'ListObjectsV2', () =>
        this.#client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: this.#pageSize, ContinuationToken: token })),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key;
        if (key !== undefined && /\.(json|jsonl|gz)$/.test(key) && !/(^|\/)data\//.test(key.slice(prefix.length))) keys.push(key);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys.sort();
  }

  /** An object's text, gunzipped when it is gzip (by its magic bytes, whatever its name). */
  async #text(bucket: string, key: string): Promise<string> {
    const bytes = await sendAws(this.#caller, 'GetObject', async () => {
      const reply = await this.#client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await reply.Body?.transformToByteArray()) ?? new Uint8Array();
    });
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        return gunzipSync(bytes).toString('utf8');
      } catch (error) {
        throw new InputError('INPUT_UNREADABLE', `s3://${bucket}/${key}: not a readable gzip file (${(error as Error).message})`, {
          cause: error,
          location: { file: `s3://${bucket}/${key}` },
        });
      }
    }
    return Buffer.from(bytes).toString('utf8');
  }

  /** The bodies a record keeps in S3 (`inputBodyS3Path`, `outputBodyS3Path`), fetched and parsed. */
  async #bodies(record: unknown): Promise<ResolvedBodies> {
    const r = record as { input?: { inputBodyS3Path?: unknown }; output?: { outputBodyS3Path?: unknown } } | null;
    const input = typeof r?.input?.inputBodyS3Path === 'string' ? await this.#body(r.input.inputBodyS3Path, 'inputBodyS3Path') : undefined;
    const output =
      typeof r?.output?.outputBodyS3Path === 'string' ? await this.#body(r.output.outputBodyS3Path, 'outputBodyS3Path') : undefined;
    return { ...(input !== undefined && { input }), ...(output !== undefined && { output }) };
  }

  async #body(uri: string, field: string): Promise<unknown> {
    const match = s3UriPattern.exec(uri);
    if (!match) throw new Error(`${field} ${JSON.stringify(uri)} is not an s3:// URI`);
    const text = await this.#text(match[1]!, match[2]!);
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new InputError(
        'INPUT_BAD_JSON',
        `${uri}: the body the record's ${field} names is not valid JSON (${(error as Error).message})`,
        {
          cause: error,
          location: { file: uri },
        },
      );
    }
  }

  /** The rows as one JSONL file, fetched and decoded once per run (kept until {@link close}). */
  async #withRowsFile<T>(use: (file: string) => Promise<T>): Promise<T> {
    this.#staged ??= (async () => {
      const rows = await this.rows();
      if (rows.length === 0) {
        const window = this.#options.since !== undefined || this.#options.until !== undefined ? ' in the since/until window' : '';
        const model = this.#options.modelId !== undefined ? ` of model ${this.#options.modelId}` : '';
        throw new InputError('INPUT_NO_ROWS', `${this.uri}: no invocation log records${model}${window}`, { location: { file: this.uri } });
      }
      const dir = await mkdtemp(join(tmpdir(), 'driftwatch-bedrock-logs-'));
      const file = join(dir, 'invocations.jsonl');
      let out = '';
      for (const row of rows) {
        const full: Record<string, string | number | null> = {};
        for (const column of invocationColumns) full[column] = row[column] ?? null;
        out += `${JSON.stringify(full)}\n`;
      }
      await writeFile(file, out);
      return { dir, file };
    })();
    const staged = this.#staged;
    staged.catch(() => {
      if (this.#staged === staged) this.#staged = undefined;
    });
    const { file } = await staged;
    try {
      return await use(file);
    } catch (error) {
      if (!isInputError(error) || !error.message.includes(file)) throw error;
      const location = error.location === undefined ? undefined : { ...error.location, file: this.uri };
      throw new InputError(error.code, error.message.split(file).join(this.uri), { cause: error, location });
    }
  }
}
