import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { type AwsCaller, type RetrySeams, retryPolicyFrom } from '@driftwatch/aws-common';
import { type DataSource, type Frame, InputError, type ReadOptions, type Schema } from '@driftwatch/core';
import { type DataFormat, extensionFormat, formatByExtension, formatForPath, inferSchemaFromFile, readDataFile } from '@driftwatch/data';
import type { S3SourceOptions } from '../options/s3SourceOptions.js';
import { concatFrames } from './concatFrames.js';
import { listObjectKeys } from './listObjectKeys.js';
import { downloadObject } from './objectIo.js';
import { parseS3Uri, type S3Location, s3Uri } from './parseS3Uri.js';
import { renameInputError } from './renameInputError.js';
import { StagingDir } from './StagingDir.js';

/** Seams for tests. */
export interface S3DataSourceDependencies extends RetrySeams {
  /** MaxKeys of a ListObjectsV2 page (default 1000). */
  readonly pageSize?: number;
}

/** A downloaded object: where it is now and where it came from. */
interface LocalCopy {
  readonly file: string;
  readonly uri: string;
}

/**
 * A CSV, TSV, JSONL or Parquet object on S3, or every such object under a
 * prefix (a URI ending in `/`), downloaded to a temporary folder and read by
 * `@driftwatch/data`'s local readers. Objects under a prefix are read in key
 * order as one table: CSV headers must all equal the first one's (checked
 * once per object, then the header line is dropped), Parquet objects must
 * have the first one's columns.
 */
export class S3DataSource implements DataSource {
  readonly uri: string;
  readonly #client: S3Client;
  readonly #options: S3SourceOptions;
  readonly #caller: AwsCaller;
  readonly #pageSize: number | undefined;
  readonly #location: S3Location;
  readonly #staging = new StagingDir();
  #listing: Promise<{ keys: string[]; format: DataFormat }> | undefined;

  constructor(client: S3Client, options: S3SourceOptions, dependencies: S3DataSourceDependencies = {}) {
    this.uri = options.uri;
    this.#client = client;
    this.#options = options;
    this.#location = parseS3Uri(options.uri)!;
    this.#pageSize = dependencies.pageSize;
    this.#caller = { provider: 's3', retry: retryPolicyFrom(options, dependencies) };
  }

  inferSchema(options: { readonly sampleRows?: number } = {}): Promise<Schema> {
    return this.#withCopies(true, async (copies, format) =>
      this.#renamed(copies[0]!, () =>
        inferSchemaFromFile(copies[0]!.file, { format, delimiter: this.#options.delimiter, sampleRows: options.sampleRows }),
      ),
    );
  }

  async read(options: ReadOptions = {}): Promise<Frame> {
    try {
      return await this.#read(options);
    } finally {
      await this.close();
    }
  }

  #read(options: ReadOptions): Promise<Frame> {
    return this.#withCopies(false, async (copies, format) => {
      const readOne = (copy: LocalCopy, schema = options.schema) =>
        this.#renamed(copy, () => readDataFile(copy.file, { ...options, schema, format, delimiter: this.#options.delimiter }));
      if (format !== 'parquet') return { ...(await readOne(copies[0]!)), source: this.uri };
      const schema = options.schema ?? (await this.#renamed(copies[0]!, () => inferSchemaFromFile(copies[0]!.file, { format })));
      const frames: Frame[] = [];
      for (const copy of copies) {
        const frame = await readOne(copy, schema);
        const names = frame.columns.map((c) => c.name).join(',');
        const expected = frames[0]?.columns.map((c) => c.name).join(',') ?? names;
        if (names !== expected) {
          throw new InputError('INPUT_COLUMNS_MISMATCH', `${copy.uri}: columns ${names} differ from the first object's ${expected}`, {
            location: { file: copy.uri },
          });
        }
        frames.push(frame);
      }
      return concatFrames(frames, this.uri);
    });
  }

  /**
   * Downloads the object(s) and calls `use` with local copies: one file for
   * CSV/TSV/JSONL (objects of a prefix concatenated into it), one per object
   * for Parquet (only the first when `firstOnly`).
   */
  async #withCopies<T>(firstOnly: boolean, use: (copies: LocalCopy[], format: DataFormat) => Promise<T>): Promise<T> {
    // The listing and the downloads are kept for the next read of this source (the schema read, then the full
    // read of a run), so each object is fetched once; close() removes them.
    this.#listing ??= this.#objects();
    this.#listing.catch(() => {
      this.#listing = undefined;
    });
    const { keys, format } = await this.#listing;
    const wanted = firstOnly ? keys.slice(0, 1) : keys;
    const copies: LocalCopy[] = [];
    for (const [i, key] of wanted.entries()) {
      const file = await this.#staging.file(`${i}-${basename(key)}`, (path) =>
        downloadObject(this.#client, this.#caller, { bucket: this.#location.bucket, key }, path),
      );
      copies.push({ file, uri: s3Uri({ bucket: this.#location.bucket, key }) });
    }
    if (format === 'parquet' || copies.length === 1) return use(copies, format);
    const joined = await this.#staging.file(`joined${format === 'jsonl' ? '.jsonl' : '.csv'}`, (path) => concatenate(copies, path, format));
    return use([{ file: joined, uri: this.uri }], format);
  }

  /** Removes the downloaded copies a schema read kept for the full read. Idempotent. */
  async close(): Promise<void> {
    this.#listing = undefined;
    await this.#staging.close();
  }

  /** The lifecycle's end (a run stopped by SIGTERM before the full read): removes the downloaded copies, and releases the client. */
  async shutdown(): Promise<void> {
    await this.close();
    this.#client.destroy();
  }

  async #objects(): Promise<{ keys: string[]; format: DataFormat }> {
    const { key } = this.#location;
    if (key !== '' && !key.endsWith('/')) {
      return { keys: [key], format: this.#options.format ?? formatForPath(key) };
    }
    const matches = (k: string) => {
      const f = extensionFormat(k);
      return f !== undefined && (this.#options.format === undefined || f === this.#options.format);
    };
    const objects = await listObjectKeys(this.#client, this.#caller, this.#location, matches, this.#pageSize);
    if (objects.length === 0) {
      const known = Object.keys(formatByExtension).join(', ');
      throw new InputError('INPUT_NOT_FOUND', `${this.uri}: no ${this.#options.format ?? known} objects under this prefix`, {
        location: { file: this.uri },
      });
    }
    const formats = new Set(objects.map((o) => extensionFormat(o.key)));
    if (formats.size > 1) {
      throw new InputError(
        'INPUT_UNREADABLE',
        `${this.uri}: objects of several formats (${[...formats].join(', ')}) under this prefix; set format`,
        {
          location: { file: this.uri },
        },
      );
    }
    return { keys: objects.map((o) => o.key), format: this.#options.format ?? [...formats][0]! };
  }

  async #renamed<T>(copy: LocalCopy, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw renameInputError(error, copy.file, copy.uri);
    }
  }
}

/** Appends the copies into `target`; for CSV/TSV checks each header against the first and drops it. */
async function concatenate(copies: readonly LocalCopy[], target: string, format: DataFormat): Promise<void> {
  const out = createWriteStream(target);
  try {
    let header: string | undefined;
    for (const copy of copies) {
      let start = 0;
      if (format !== 'jsonl') {
        const line = await firstLine(copy.file);
        if (header === undefined) header = line;
        else if (line !== header) {
          throw new InputError(
            'INPUT_COLUMNS_MISMATCH',
            `${copy.uri}:1: header ${JSON.stringify(line)} differs from the first object's ${JSON.stringify(header)}`,
            {
              location: { file: copy.uri, line: 1 },
            },
          );
        } else start = Buffer.byteLength(line) + 1;
      }
      await pipeline(createReadStream(copy.file, { start }), out, { end: false });
      if (!(await endsWithNewline(copy.file))) out.write('\n');
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

/** The first line of a file, without its line ending (read from its first 1 MiB). */
async function firstLine(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.indexOf('\n');
    return end < 0 ? text : text.slice(0, end);
  } finally {
    await handle.close();
  }
}

async function endsWithNewline(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const buffer = Buffer.alloc(1);
    await handle.read(buffer, 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    await handle.close();
  }
}
