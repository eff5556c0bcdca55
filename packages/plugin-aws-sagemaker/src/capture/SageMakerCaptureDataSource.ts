import { writeFile } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { type AwsCaller, type RetrySeams, retryPolicyFrom } from '@driftwatch/aws-common';
import { type DataSource, type Frame, InputError, type ReadOptions, type Schema } from '@driftwatch/core';
import { inferSchemaFromFile, readDataFile } from '@driftwatch/data';
import { defaultTargetColumn, type SageMakerCaptureOptions } from '../options/sageMakerCaptureOptions.js';
import { listObjectKeys } from '../s3/listObjectKeys.js';
import { getObjectText } from '../s3/objectIo.js';
import { parseS3Uri, type S3Location, s3Uri } from '../s3/parseS3Uri.js';
import { renameInputError } from '../s3/renameInputError.js';
import { StagingDir } from '../s3/StagingDir.js';
import { type CaptureRow, decodeCaptureRecord } from './decodeCaptureRecord.js';
import { eachJsonLine } from './eachJsonLine.js';
import { readGroundTruth } from './readGroundTruth.js';

/** Seams for tests. */
export interface SageMakerCaptureDependencies extends RetrySeams {
  /** MaxKeys of a ListObjectsV2 page (default 1000). */
  readonly pageSize?: number;
}

/**
 * Reads SageMaker endpoint data capture from S3: every `.jsonl` object under
 * the prefix, in key order (time order, by capture's key layout), each line
 * decoded into rows of inputs and outputs (see {@link decodeCaptureRecord})
 * with `event_id` and `inference_time` columns, filtered by `from`/`to`;
 * with `groundTruthUri`, joined by event id with Model Monitor ground-truth
 * labels into `targetColumn` (see {@link readGroundTruth}); with
 * `predictionFromProbability`, a binary model's predicted label from its
 * probability column and threshold (1 at or above it). The
 * rows go through a temporary JSONL file into `@driftwatch/data`'s reader,
 * so kinds, schema and invalid values behave as for local files.
 */
export class SageMakerCaptureDataSource implements DataSource {
  readonly uri: string;
  readonly #client: S3Client;
  readonly #options: SageMakerCaptureOptions;
  readonly #caller: AwsCaller;
  readonly #pageSize: number | undefined;
  readonly #staging = new StagingDir();

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
    try {
      const frame = await this.#withRowsFile((file) => readDataFile(file, { ...options, format: 'jsonl' }));
      return { ...frame, source: this.uri };
    } finally {
      await this.close();
    }
  }

  /** Removes the decoded rows a schema read kept for the full read. Idempotent. */
  close(): Promise<void> {
    return this.#staging.close();
  }

  /** The lifecycle's end (a run stopped by SIGTERM before the full read): removes the decoded rows, and releases the client. */
  async shutdown(): Promise<void> {
    await this.close();
    this.#client.destroy();
  }

  /**
   * The decoded rows of every capture object, in key and line order; with
   * `groundTruthUri`, each with its label in `targetColumn` (null when none).
   */
  async rows(signal?: AbortSignal): Promise<CaptureRow[]> {
    const prefix = parseS3Uri(this.uri)!;
    const from = this.#options.from === undefined ? -Infinity : Date.parse(this.#options.from);
    const to = this.#options.to === undefined ? Infinity : Date.parse(this.#options.to);
    const objects = await listObjectKeys(this.#client, this.#caller, prefix, (key) => key.endsWith('.jsonl'), this.#pageSize);
    const records: CapturedRecord[] = [];
    const derived = this.#options.predictionFromProbability;
    for (const object of objects) {
      signal?.throwIfAborted();
      const where = s3Uri({ bucket: prefix.bucket, key: object.key });
      const text = await getObjectText(this.#client, this.#caller, { bucket: prefix.bucket, key: object.key });
      eachJsonLine(text, where, (value, line) => {
        const decoded = decodeCaptureRecord(value, this.#options);
        const time = decoded.inferenceTime === undefined ? Number.NaN : Date.parse(decoded.inferenceTime);
        if ((from !== -Infinity || to !== Infinity) && !(time >= from && time < to)) return;
        if (derived !== undefined) {
          for (const row of decoded.rows) {
            if (Object.hasOwn(row, derived.column)) {
              throw new InputError(
                'INPUT_COLUMNS_MISMATCH',
                `${where}:${line}: the captured record already has a column "${derived.column}" (predictionFromProbability.column); set it to another name`,
                { location: { file: where, line } },
              );
            }
            const p = row[derived.probability];
            row[derived.column] = typeof p === 'number' && Number.isFinite(p) ? (p >= derived.threshold ? 1 : 0) : null;
          }
        }
        records.push({ rows: decoded.rows, eventId: decoded.eventId, where: `${where}:${line}` });
      });
    }
    if (this.#options.groundTruthUri !== undefined) await this.#joinLabels(records, parseS3Uri(this.#options.groundTruthUri)!, signal);
    return records.flatMap((record) => record.rows);
  }

  /**
   * Adds `targetColumn` to every row: the labels of its event, in row order
   * when there is one per row, the single label for all rows otherwise; null
   * without labels (or without an eventId).
   */
  async #joinLabels(records: readonly CapturedRecord[], groundTruth: S3Location, signal?: AbortSignal): Promise<void> {
    const target = this.#options.targetColumn ?? defaultTargetColumn;
    const wanted = new Set<string>();
    for (const record of records) if (record.eventId !== undefined) wanted.add(record.eventId);
    const labelsByEvent = await readGroundTruth({
      client: this.#client,
      caller: this.#caller,
      prefix: groundTruth,
      targetColumn: target,
      wanted,
      pageSize: this.#pageSize,
      signal,
    });
    for (const record of records) {
      const found = record.eventId === undefined ? undefined : labelsByEvent.get(record.eventId);
      if (found !== undefined && found.labels.length !== 1 && found.labels.length !== record.rows.length) {
        throw new InputError(
          'INPUT_FIELD_COUNT',
          `${found.where}: ground truth of event ${record.eventId} has ${found.labels.length} labels but its captured record ${record.where} has ${record.rows.length} rows (one label for all rows, or one per row)`,
          { location: locationOf(found.where) },
        );
      }
      record.rows.forEach((row, i) => {
        if (Object.hasOwn(row, target)) {
          throw new InputError(
            'INPUT_COLUMNS_MISMATCH',
            `${record.where}: the captured record already has a column "${target}" (targetColumn); set targetColumn to another name`,
            { location: locationOf(record.where) },
          );
        }
        row[target] = found === undefined ? null : (found.labels[found.labels.length === 1 ? 0 : i] ?? null);
      });
    }
  }

  /** The capture's rows as one JSONL file, fetched and decoded once per run (kept until {@link close}). */
  async #withRowsFile<T>(use: (file: string) => Promise<T>): Promise<T> {
    const file = await this.#staging.file('capture.jsonl', async (path) => {
      const rows = await this.rows();
      if (rows.length === 0) {
        const window = this.#options.from !== undefined || this.#options.to !== undefined ? ' in the from/to window' : '';
        throw new InputError('INPUT_NO_ROWS', `${this.uri}: no captured records${window} (.jsonl objects under the prefix)`, {
          location: { file: this.uri },
        });
      }
      await writeFile(path, rowsAsJsonl(rows));
    });
    try {
      return await use(file);
    } catch (error) {
      throw renameInputError(error, file, this.uri);
    }
  }
}

/** The rows of one capture line and where it is. */
interface CapturedRecord {
  readonly rows: CaptureRow[];
  readonly eventId: string | undefined;
  /** `s3://bucket/key:line`. */
  readonly where: string;
}

/** The input location of an `s3://bucket/key:line` string. */
function locationOf(where: string): { file: string; line: number } {
  const colon = where.lastIndexOf(':');
  return { file: where.slice(0, colon), line: Number(where.slice(colon + 1)) };
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
