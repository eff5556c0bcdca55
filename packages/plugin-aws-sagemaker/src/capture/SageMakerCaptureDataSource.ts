import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { type RetrySeams, retryPolicyFrom } from '@driftwatch/aws-common';
import { type DataSource, type Frame, InputError, type ReadOptions, type Schema } from '@driftwatch/core';
import { inferSchemaFromFile, readDataFile } from '@driftwatch/data';
import type { AwsCaller } from '../client/callAws.js';
import type { SageMakerCaptureOptions } from '../options/sageMakerCaptureOptions.js';
import { listObjectKeys } from '../s3/listObjectKeys.js';
import { getObjectText } from '../s3/objectIo.js';
import { parseS3Uri, s3Uri } from '../s3/parseS3Uri.js';
import { renameInputError, withTempDir } from '../s3/withTempDir.js';
import { type CaptureRow, decodeCaptureRecord } from './decodeCaptureRecord.js';

/** Seams for tests. */
export interface SageMakerCaptureDependencies extends RetrySeams {
  /** MaxKeys of a ListObjectsV2 page (default 1000). */
  readonly pageSize?: number;
}

/**
 * Reads SageMaker endpoint data capture from S3: every `.jsonl` object under
 * the prefix, in key order (time order, by capture's key layout), each line
 * decoded into rows of inputs and outputs (see {@link decodeCaptureRecord})
 * with `event_id` and `inference_time` columns, filtered by `from`/`to`. The
 * rows go through a temporary JSONL file into `@driftwatch/data`'s reader,
 * so kinds, schema and invalid values behave as for local files.
 */
export class SageMakerCaptureDataSource implements DataSource {
  readonly uri: string;
  readonly #client: S3Client;
  readonly #options: SageMakerCaptureOptions;
  readonly #caller: AwsCaller;
  readonly #pageSize: number | undefined;

  constructor(client: S3Client, options: SageMakerCaptureOptions, dependencies: SageMakerCaptureDependencies = {}) {
    this.uri = options.uri;
    this.#client = client;
    this.#options = options;
    this.#pageSize = dependencies.pageSize;
    this.#caller = { provider: 'sagemaker-capture', retry: retryPolicyFrom(options, dependencies) };
  }

  inferSchema(options: { readonly sampleRows?: number } = {}): Promise<Schema> {
    return this.#withRowsFile((file) => inferSchemaFromFile(file, { format: 'jsonl', sampleRows: options.sampleRows }));
  }

  async read(options: ReadOptions = {}): Promise<Frame> {
    const frame = await this.#withRowsFile((file) => readDataFile(file, { ...options, format: 'jsonl' }));
    return { ...frame, source: this.uri };
  }

  /** The decoded rows of every capture object, in key and line order. */
  async rows(signal?: AbortSignal): Promise<CaptureRow[]> {
    const prefix = parseS3Uri(this.uri)!;
    const from = this.#options.from === undefined ? -Infinity : Date.parse(this.#options.from);
    const to = this.#options.to === undefined ? Infinity : Date.parse(this.#options.to);
    const objects = await listObjectKeys(this.#client, this.#caller, prefix, (key) => key.endsWith('.jsonl'), this.#pageSize);
    const rows: CaptureRow[] = [];
    for (const object of objects) {
      signal?.throwIfAborted();
      const where = s3Uri({ bucket: prefix.bucket, key: object.key });
      const lines = (await getObjectText(this.#client, this.#caller, { bucket: prefix.bucket, key: object.key })).split('\n');
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!.trim();
        if (line.length === 0) continue;
        let decoded: ReturnType<typeof decodeCaptureRecord>;
        try {
          decoded = decodeCaptureRecord(JSON.parse(line), this.#options);
        } catch (error) {
          const what = error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
          throw new InputError('INPUT_BAD_JSON', `${where}:${i + 1}: ${what}`, { cause: error, location: { file: where, line: i + 1 } });
        }
        const time = decoded.inferenceTime === undefined ? Number.NaN : Date.parse(decoded.inferenceTime);
        if ((from !== -Infinity || to !== Infinity) && !(time >= from && time < to)) continue;
        rows.push(...decoded.rows);
      }
    }
    return rows;
  }

  async #withRowsFile<T>(use: (file: string) => Promise<T>): Promise<T> {
    const rows = await this.rows();
    if (rows.length === 0) {
      const window = this.#options.from !== undefined || this.#options.to !== undefined ? ' in the from/to window' : '';
      throw new InputError('INPUT_NO_ROWS', `${this.uri}: no captured records${window} (.jsonl objects under the prefix)`, {
        location: { file: this.uri },
      });
    }
    return withTempDir(async (dir) => {
      const file = join(dir, 'capture.jsonl');
      await writeFile(file, rowsAsJsonl(rows));
      try {
        return await use(file);
      } catch (error) {
        throw renameInputError(error, file, this.uri);
      }
    });
  }
}

/** Rows as JSON Lines with every column in every row (the reader takes the columns from the first object). */
function rowsAsJsonl(rows: readonly CaptureRow[]): string {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (key !== 'event_id' && key !== 'inference_time') columns.add(key);
  columns.add('event_id');
  columns.add('inference_time');
  const names = [...columns];
  let out = '';
  for (const row of rows) {
    const full: CaptureRow = {};
    for (const name of names) full[name] = row[name] ?? null;
    out += `${JSON.stringify(full)}\n`;
  }
  return out;
}
