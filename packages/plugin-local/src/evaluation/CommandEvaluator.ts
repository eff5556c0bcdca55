import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import {
  type EvaluationSet,
  type Evaluator,
  InputError,
  isInputError,
  isProviderError,
  type ModelVersion,
  type Predictions,
  ProviderError,
  type Schema,
} from '@driftwatch/core';
import { inferSchemaFromFile, parseNumberText, readCsv } from '@driftwatch/data';
import { describeFailure, runCommand } from '../process/runCommand.js';
import { localModelDir, type ModelCacheOptions } from './localModelDir.js';

/** Options of {@link CommandEvaluator}. */
export interface CommandEvaluatorOptions {
  /** An argv array (run without a shell) or a command line (run with `/bin/sh -c`). */
  readonly command: string | readonly string[];
  /** Working directory of the command. Default: the current one. */
  readonly cwd?: string;
  /** Variables set for the command, over the environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Time limit of one prediction run, ms. Default ten minutes. */
  readonly timeoutMs?: number;
  /** Column of the predictions file with the predicted class or value. Default `prediction`. */
  readonly predictionColumn?: string;
  /** Column with the positive class's score, read when present. Default `proba`. */
  readonly scoreColumn?: string;
  /** Time between SIGTERM and SIGKILL on timeout, ms. Default 5 000. */
  readonly killGraceMs?: number;
  /** Scrubs secrets from the command's log and from the messages made of it (the provider context's redactor). */
  readonly redact?: (text: string) => string;
  /**
   * Where artifacts that are not a local folder (`s3://…/model.tar.gz`, a tarball, a file) are
   * downloaded and unpacked, once per version, and how S3 is reached. Default: `.driftwatch/model-cache`
   * under the current folder, S3 through the SDK's default chain.
   */
  readonly modelCache?: Omit<ModelCacheOptions, 'signal'>;
}

const provider = 'command';

/**
 * Scores a model version by running a local command that reads the rows at
 * `DRIFTWATCH_INPUT` (the label column is `DRIFTWATCH_TARGET`, which the
 * model must not use) with the model in `DRIFTWATCH_MODEL_DIR` — always a
 * local folder: a folder artifact as is, a tarball (SageMaker's
 * `s3://…/model.tar.gz`) downloaded and unpacked, cached per version — the
 * artifact's own URI being `DRIFTWATCH_MODEL_URI`, and writes a
 * CSV with a header to `DRIFTWATCH_PREDICTIONS`: one row per input row, in
 * order, with a prediction column (classes or values) and, optionally, a
 * score column (the positive class's probability).
 */
export class CommandEvaluator implements Evaluator {
  readonly type = provider;
  readonly #options: CommandEvaluatorOptions;
  readonly #predictionColumn: string;
  readonly #scoreColumn: string;
  readonly #timeoutMs: number;

  constructor(options: CommandEvaluatorOptions) {
    this.#options = options;
    this.#predictionColumn = options.predictionColumn ?? 'prediction';
    this.#scoreColumn = options.scoreColumn ?? 'proba';
    this.#timeoutMs = options.timeoutMs ?? 600_000;
  }

  async predict(version: ModelVersion, set: EvaluationSet, options: { readonly signal?: AbortSignal } = {}): Promise<Predictions> {
    const modelDir = await localModelDir(version, {
      dir: resolve('.driftwatch/model-cache'),
      ...this.#options.modelCache,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const work = await mkdtemp(join(tmpdir(), 'driftwatch-predict-'));
    let keep = false;
    try {
      const predictions = join(work, 'predictions.csv');
      const outcome = await runCommand({
        command: this.#options.command,
        cwd: this.#options.cwd,
        env: {
          ...this.#options.env,
          DRIFTWATCH_MODEL: version.model,
          DRIFTWATCH_MODEL_DIR: modelDir,
          DRIFTWATCH_MODEL_URI: version.artifactUri,
          DRIFTWATCH_MODEL_VERSION: version.version,
          DRIFTWATCH_INPUT: set.uri,
          DRIFTWATCH_TARGET: set.target,
          DRIFTWATCH_PREDICTIONS: predictions,
        },
        logFile: join(work, 'predict.log'),
        timeoutMs: this.#timeoutMs,
        killGraceMs: this.#options.killGraceMs,
        signal: options.signal,
        redact: this.#options.redact,
      });
      const who = `version ${version.version} of ${version.model}`;
      if (outcome.exitCode !== 0 || outcome.timedOut || outcome.stopped)
        throw new ProviderError(provider, 'predict', `${who}: ${describeFailure(outcome, this.#timeoutMs)}`);
      if (
        !(await stat(predictions).then(
          (s) => s.isFile(),
          () => false,
        ))
      )
        throw new ProviderError(
          provider,
          'predict',
          `${who}: the command exited 0 but wrote no predictions file to DRIFTWATCH_PREDICTIONS${outcome.logTail === '' ? '' : `: ${outcome.logTail}`}`,
        );
      try {
        return await this.#read(predictions, set, options.signal);
      } catch (error) {
        // Bad predictions: keep them (and the log) for the user to look at.
        keep = true;
        const kept = `(the predictions and the command's log are kept in ${work})`;
        if (isInputError(error)) throw new InputError(error.code, `${error.message} ${kept}`, { cause: error, location: error.location });
        if (isProviderError(error))
          throw new ProviderError(provider, 'predict', `${error.message.replace(/^command predict: /, '')} ${kept}`, { cause: error });
        throw error;
      }
    } finally {
      if (!keep) await rm(work, { recursive: true, force: true });
    }
  }

  /** Reads the predictions file: the prediction column as text, the score column as numbers. */
  async #read(file: string, set: EvaluationSet, signal: AbortSignal | undefined): Promise<Predictions> {
    const name = basename(file);
    const inferred = await inferSchemaFromFile(file, { format: 'csv', signal });
    const names = inferred.columns.map((c) => c.name);
    if (!names.includes(this.#predictionColumn))
      throw new InputError(
        'INPUT_UNKNOWN_COLUMN',
        `${file}: no column "${this.#predictionColumn}" (columns: ${names.join(', ') || 'none'}); write it, or set the evaluator's predictionColumn`,
        { location: { file, line: 1 } },
      );
    const withScores = names.includes(this.#scoreColumn);
    const schema: Schema = {
      columns: [
        { name: this.#predictionColumn, kind: 'text' },
        ...(withScores ? [{ name: this.#scoreColumn, kind: 'numeric' as const }] : []),
      ],
    };
    const frame = await readCsv(file, { format: 'csv', schema, signal });
    if (frame.rowCount !== set.rows)
      throw new ProviderError(provider, 'predict', `${basename(set.uri)} has ${set.rows} rows, ${name} ${frame.rowCount}`);
    const predicted = frame.columns.find((c) => c.name === this.#predictionColumn);
    if (predicted?.kind !== 'text') throw new Error(`${name}: the prediction column was not read as text`);
    const labels: string[] = new Array(frame.rowCount);
    const values = new Float64Array(frame.rowCount);
    let numeric = true;
    for (let i = 0; i < frame.rowCount; i++) {
      const text = predicted.values[i];
      if (text === null)
        throw new InputError('INPUT_INVALID_VALUE', `${file}: row ${i + 1} (line ${i + 2}) has no ${this.#predictionColumn}`, {
          location: { file, line: i + 2, field: this.#predictionColumn },
        });
      labels[i] = text;
      if (numeric) {
        const value = parseNumberText(text);
        if (value === undefined || Number.isNaN(value)) numeric = false;
        else values[i] = value;
      }
    }
    let scores: Float64Array | undefined;
    if (withScores) {
      const column = frame.columns.find((c) => c.name === this.#scoreColumn);
      if (column?.kind !== 'numeric') throw new Error(`${name}: the score column was not read as numbers`);
      const bad = column.values.findIndex((v) => Number.isNaN(v));
      if (bad >= 0) {
        const sample = column.invalidSamples.find((s) => s.line === bad + 2);
        throw new InputError(
          'INPUT_INVALID_VALUE',
          `${file}: ${this.#scoreColumn} of row ${bad + 1} (line ${bad + 2}) is ${sample ? `"${sample.text}", not a number` : 'missing'}`,
          { location: { file, line: bad + 2, field: this.#scoreColumn } },
        );
      }
      scores = column.values;
    }
    return { rows: frame.rowCount, labels, ...(numeric ? { values } : {}), ...(scores ? { scores } : {}) };
  }
}
