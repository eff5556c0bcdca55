import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import {
  type AwsCaller,
  type AwsClientSettings,
  type RetryPolicy,
  type RetrySeams,
  retryPolicyFrom,
  sendAws,
} from '@driftwatch/aws-common';
import {
  type ColumnKind,
  type ColumnSpec,
  type DataSource,
  type EmbeddingColumn,
  type Frame,
  InputError,
  isInputError,
  type Logger,
  type ReadOptions,
  type Schema,
  type SourceFigure,
} from '@driftwatch/core';
import { readDataFile } from '@driftwatch/data';
import { ResponseCache } from '../evaluation/ResponseCache.js';
import { createBedrockRuntimeClient } from '../runtime-client/createBedrockRuntimeClient.js';
import { EmbeddingCache } from '../traffic/EmbeddingCache.js';
import { embedTexts } from '../traffic/embedTexts.js';
import { inJudgeSample } from '../traffic/inJudgeSample.js';
import { judgeTraffic, trafficRubrics } from '../traffic/judgeTraffic.js';
import { refusalDetector } from '../traffic/refusalDetector.js';
import { type TrafficJudgeFacts, trafficFigures } from '../traffic/trafficFigures.js';
import type { BedrockInvocationLogsOptions } from './bedrockInvocationLogsOptions.js';
import { decodeInvocationRecord, type InvocationRow, type ResolvedBodies } from './decodeInvocationRecord.js';
import { eachLogRecord } from './eachLogRecord.js';

/** Seams for tests, and what the source gets from its provider context. */
export interface BedrockInvocationLogsDependencies extends RetrySeams {
  /** MaxKeys of a ListObjectsV2 page (default 1000). */
  readonly pageSize?: number;
  /** Folder a relative `cache` resolves against (the config file's); default the working directory. */
  readonly baseDir?: string;
  /** Environment of the Bedrock Runtime clients' defaults (AWS_REGION…); default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The Bedrock Runtime client of `embeddings` or `judge` for its connection settings; default `createBedrockRuntimeClient`. */
  readonly runtimeClient?: (settings: AwsClientSettings) => BedrockRuntimeClient;
  /** Where progress and cost lines go (info level); default none. */
  readonly logger?: Logger;
  /** Stops embedding and judging when aborted. */
  readonly signal?: AbortSignal;
}

/** A column the source computes besides the decoded ones, with its kind (and role). */
const signalColumns: readonly ColumnSpec[] = [
  { name: 'refusal', kind: 'boolean' },
  { name: 'response_words', kind: 'numeric' },
  { name: 'response_chars', kind: 'numeric' },
];

/** The kinds (and roles) of the decoded columns, declared so that no sample decides them (`prompt` of 40 rows is text, not categories). */
const declaredKinds: Readonly<Record<string, Omit<ColumnSpec, 'name'>>> = {
  timestamp: { kind: 'datetime', role: 'timestamp' },
  request_id: { kind: 'text', role: 'id' },
  operation: { kind: 'categorical' },
  model_id: { kind: 'categorical' },
  prompt: { kind: 'text' },
  response: { kind: 'text' },
  input_tokens: { kind: 'numeric' },
  output_tokens: { kind: 'numeric' },
  latency_ms: { kind: 'numeric' },
  stop_reason: { kind: 'categorical' },
};

/** A row as staged: the decoded invocation, its signals and judge scores. */
type StagedRow = Record<string, string | number | boolean | null>;

/** The rows of one read, decoded and enriched once, kept until {@link BedrockInvocationLogsDataSource.close}. */
interface Staged {
  readonly dir: string;
  /** The scalar columns as JSON Lines, read by `@driftwatch/data`. */
  readonly file: string;
  /** Every column, in frame order, with the kinds the source declares. */
  readonly schema: Schema;
  /** Embedding columns built in memory: rows × dim float32. */
  readonly embeddings: readonly EmbeddingColumn[];
  readonly figures: readonly SourceFigure[];
}

const wordCount = (text: string): number => {
  let n = 0;
  for (const w of text.split(/\s+/u)) if (w.length > 0) n++;
  return n;
};

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
 * model, operation and stop reason (see {@link decodeInvocationRecord}),
 * with the traffic's signals: `refusal` (a refusal pattern or stop reason,
 * see `refusalDetector`), `response_words`, `response_chars`; with
 * `embeddings`, Titan vectors of the prompts and/or responses
 * (`prompt_embedding`, `response_embedding`: embedding columns, cached on
 * disk); with `judge`, an LLM judge's scores on a deterministic sample
 * (`judge_<rubric>`, NaN outside the sample). The schema declares every
 * kind (`prompt`/`response` are text, so the drift engine applies its text
 * descriptors to them) and the roles of `request_id` (id) and `timestamp`,
 * which stay out of drift tests. {@link figures} are the window's
 * `llm.*` figures per model (`trafficFigures`): requests, refusal rate,
 * tokens, latency, judge means and pass rates.
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
  readonly #dependencies: BedrockInvocationLogsDependencies;
  #staged: Promise<Staged> | undefined;
  #figures: readonly SourceFigure[] | undefined;

  constructor(client: S3Client, options: BedrockInvocationLogsOptions, dependencies: BedrockInvocationLogsDependencies = {}) {
    this.uri = options.uri;
    this.#client = client;
    this.#options = options;
    this.#pageSize = dependencies.pageSize ?? 1000;
    this.#dependencies = dependencies;
    this.#caller = { provider: 'bedrock-invocation-logs', retry: retryPolicyFrom(options, dependencies) };
  }

  /** The columns and the kinds the source declares (text for prompt and response; roles of request_id and timestamp). */
  inferSchema(_options: { readonly sampleRows?: number } = {}): Promise<Schema> {
    return this.#withStaged(async (staged) => staged.schema);
  }

  async read(options: ReadOptions = {}): Promise<Frame> {
    try {
      const frame = await this.#withStaged(async (staged) => {
        // Embedding columns are built in memory; the reader gets the rest of the schema.
        const built = new Set(staged.embeddings.map((c) => c.name));
        const given = options.schema?.columns;
        const schema: Schema = { columns: (given ?? staged.schema.columns).filter((c) => !built.has(c.name)) };
        const scalar = await readDataFile(staged.file, { ...options, schema, format: 'jsonl' });
        const wanted = staged.embeddings.filter((c) => {
          const spec = given?.find((g) => g.name === c.name);
          return spec === undefined ? true : spec.role !== 'ignored';
        });
        return { ...scalar, columns: [...scalar.columns, ...wanted] };
      });
      this.#figures = (await this.#staged)?.figures;
      return { ...frame, source: this.uri };
    } finally {
      await this.close();
    }
  }

  /** The `llm.*` figures of the rows the last read returned (see `trafficFigures`); none before a read. */
  figures(): readonly SourceFigure[] {
    return this.#figures ?? [];
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

  /** The rows fetched, decoded and enriched once per run (kept until {@link close}). */
  async #withStaged<T>(use: (staged: Staged) => Promise<T>): Promise<T> {
    this.#staged ??= this.#stage();
    const staged = this.#staged;
    staged.catch(() => {
      if (this.#staged === staged) this.#staged = undefined;
    });
    const { file } = await staged;
    try {
      return await use(await staged);
    } catch (error) {
      if (!isInputError(error) || !error.message.includes(file)) throw error;
      const location = error.location === undefined ? undefined : { ...error.location, file: this.uri };
      throw new InputError(error.code, error.message.split(file).join(this.uri), { cause: error, location });
    }
  }

  async #stage(): Promise<Staged> {
    const { signal, logger } = this.#dependencies;
    const decoded = await this.rows(signal);
    if (decoded.length === 0) {
      const window = this.#options.since !== undefined || this.#options.until !== undefined ? ' in the since/until window' : '';
      const model = this.#options.modelId !== undefined ? ` of model ${this.#options.modelId}` : '';
      throw new InputError('INPUT_NO_ROWS', `${this.uri}: no invocation log records${model}${window}`, { location: { file: this.uri } });
    }
    const isRefusal = refusalDetector(this.#options.refusals);
    const rows: StagedRow[] = decoded.map((row) => {
      const full: StagedRow = {};
      for (const column of invocationColumns) full[column] = row[column] ?? null;
      full.refusal = isRefusal(row.response, row.stop_reason);
      full.response_words = row.response === null ? null : wordCount(row.response);
      full.response_chars = row.response === null ? null : [...row.response].length;
      return full;
    });
    const columns: ColumnSpec[] = [...invocationColumns.map((name) => ({ name, ...declaredKinds[name]! })), ...signalColumns];
    const judge = await this.#judge(decoded, rows);
    for (const rubric of judge?.rubrics ?? []) columns.push({ name: `judge_${rubric.name}`, kind: 'numeric' as ColumnKind });
    const embeddings = await this.#embeddings(decoded);
    for (const column of embeddings) columns.push({ name: column.name, kind: 'embedding' });
    const figures = trafficFigures(
      decoded.map((row, i) => ({
        model_id: row.model_id,
        refusal: rows[i]!.refusal as boolean | null,
        input_tokens: row.input_tokens,
        output_tokens: row.output_tokens,
        latency_ms: row.latency_ms,
        response_words: rows[i]!.response_words as number | null,
      })),
      judge,
    );
    logger?.info({ uri: this.uri, rows: rows.length }, 'bedrock-invocation-logs: rows decoded');
    const dir = await mkdtemp(join(tmpdir(), 'driftwatch-bedrock-logs-'));
    const file = join(dir, 'invocations.jsonl');
    let out = '';
    for (const row of rows) out += `${JSON.stringify(row)}\n`;
    await writeFile(file, out);
    return { dir, file, schema: { columns }, embeddings, figures };
  }

  /** A Bedrock Runtime client for an `embeddings`/`judge` block: its own region, endpoint and profile, else the source's region and profile. */
  #runtimeClient(block: Pick<AwsClientSettings, 'region' | 'endpoint' | 'profile'>): BedrockRuntimeClient {
    const settings: AwsClientSettings = {
      ...((block.region ?? this.#options.region) !== undefined && { region: block.region ?? this.#options.region }),
      ...(block.endpoint !== undefined && { endpoint: block.endpoint }),
      ...((block.profile ?? this.#options.profile) !== undefined && { profile: block.profile ?? this.#options.profile }),
    };
    return this.#dependencies.runtimeClient?.(settings) ?? createBedrockRuntimeClient(settings, this.#dependencies.env ?? process.env);
  }

  #retry(): RetryPolicy {
    return retryPolicyFrom(this.#options, this.#dependencies);
  }

  #cacheDir(cache: string | false): string | undefined {
    return cache === false ? undefined : resolve(this.#dependencies.baseDir ?? process.cwd(), cache);
  }

  /** The `embeddings` columns: one vector per row of each text named in `of` (a missing text: the zero vector). */
  async #embeddings(rows: readonly InvocationRow[]): Promise<EmbeddingColumn[]> {
    const options = this.#options.embeddings;
    if (options === undefined) return [];
    const { signal, logger } = this.#dependencies;
    const texts = new Set<string>();
    for (const of of options.of) for (const row of rows) texts.add(row[of] ?? '');
    const cacheDir = this.#cacheDir(options.cache);
    const client = this.#runtimeClient(options);
    try {
      const out = await embedTexts(client, texts, {
        modelId: options.modelId,
        dimensions: options.dimensions,
        normalize: options.normalize,
        concurrency: options.batch,
        ...(cacheDir !== undefined && { cache: new EmbeddingCache(cacheDir) }),
        retry: this.#retry(),
        ...(signal !== undefined && { signal }),
      });
      logger?.info(
        {
          uri: this.uri,
          texts: texts.size,
          invoked: out.invoked,
          cacheHits: out.cacheHits,
          retries: out.retries,
          inputTokens: out.inputTokens,
        },
        'bedrock-invocation-logs: texts embedded',
      );
      return options.of.map((of) => {
        const dim = options.dimensions;
        const values = new Float32Array(rows.length * dim);
        for (let i = 0; i < rows.length; i++) values.set(out.vectors.get(rows[i]![of] ?? '')!, i * dim);
        return { kind: 'embedding', name: `${of}_embedding`, dim, values, invalid: 0 };
      });
    } finally {
      client.destroy();
    }
  }

  /** The `judge` scores: requests with a response whose id falls in the sample, scored by each rubric; columns `judge_<rubric>` on `rows`. */
  async #judge(decoded: readonly InvocationRow[], rows: StagedRow[]): Promise<TrafficJudgeFacts | undefined> {
    const options = this.#options.judge;
    if (options === undefined) return undefined;
    const { signal, logger } = this.#dependencies;
    const rubrics = trafficRubrics(options);
    const sampled = decoded.map(
      (row) =>
        row.response !== null && inJudgeSample(row.request_id ?? `${row.timestamp}\u0000${row.prompt ?? ''}`, options.sample, options.seed),
    );
    const indices = sampled.flatMap((s, i) => (s ? [i] : []));
    const cacheDir = this.#cacheDir(options.cache);
    const client = this.#runtimeClient(options);
    try {
      const out = await judgeTraffic(
        client,
        indices.map((i) => ({ prompt: decoded[i]!.prompt, response: decoded[i]!.response! })),
        rubrics,
        {
          modelId: options.modelId,
          ...(options.inference !== undefined && { inference: options.inference }),
          concurrency: options.concurrency,
          ...(cacheDir !== undefined && { cache: new ResponseCache(join(cacheDir, 'judgements')) }),
          retry: this.#retry(),
          ...(signal !== undefined && { signal }),
        },
      );
      logger?.info(
        { uri: this.uri, sampled: indices.length, invoked: out.invoked, cacheHits: out.cacheHits, retries: out.retries },
        'bedrock-invocation-logs: sample judged',
      );
      const scores = new Map<string, Float64Array>();
      const unparseable = new Map<string, Uint8Array>();
      for (const rubric of rubrics) {
        const byItem = out.scores.get(rubric.name)!;
        const full = new Float64Array(rows.length).fill(Number.NaN);
        const bad = new Uint8Array(rows.length);
        indices.forEach((row, k) => {
          full[row] = byItem[k]!;
          if (Number.isNaN(byItem[k]!)) bad[row] = 1;
        });
        rows.forEach((row, i) => {
          row[`judge_${rubric.name}`] = Number.isNaN(full[i]!) ? null : full[i]!;
        });
        scores.set(rubric.name, full);
        unparseable.set(rubric.name, bad);
      }
      return { rubrics, sampled, scores, unparseable };
    } finally {
      client.destroy();
    }
  }
}
