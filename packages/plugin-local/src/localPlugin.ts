import { isAbsolute, relative, resolve } from 'node:path';
import { awsClientConfig, awsConnectionOptions } from '@driftwatch/aws-common';
import { definePlugin, defineProvider, durationAtLeast, type ProviderContext } from '@driftwatch/core';
import { z } from 'zod';
import { LocalFileDataSource, type LocalFormat } from './sources/LocalFileDataSource.js';
import { storeFolder } from './store/storeFolder.js';

const filePath = z.string().min(1, 'a file path is required');
/**
 * A relative path resolves against the config's folder; it stays relative to the
 * working directory when it can, so messages and reports show it as the user wrote it.
 */
const resolvePath = (path: string, context: ProviderContext) => {
  if (isAbsolute(path)) return path;
  const absolute = resolve(context.baseDir, path);
  const fromCwd = relative(process.cwd(), absolute);
  return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd;
};

/** A command: an argv array (run without a shell) or a command line (run with `/bin/sh -c`). */
const command = z
  .union([z.string().min(1, 'a command is required'), z.array(z.string().min(1)).min(1, 'the argv needs the program at least')])
  .describe('an argv array, run without a shell, or a command line, run with /bin/sh -c');

/** Variables set for a command, over the environment. */
const commandEnv = z.record(z.string(), z.string()).optional().describe('variables set for the command, over the environment');

/** A time limit: milliseconds, or a number with a unit (`30s`, `10m`, `1h`, `2d`; see core's `parseDuration`), longer than 0; read as milliseconds. */
const duration = (fallback: string) => durationAtLeast(1).prefault(fallback);

const fileSource = (type: LocalFormat, description: string, withDelimiter: boolean) =>
  defineProvider({
    port: 'DataSource',
    type,
    description,
    options: withDelimiter
      ? z.object({ path: filePath, delimiter: z.string().length(1, 'the delimiter is one character').optional() }).strict()
      : z.object({ path: filePath }).strict(),
    create: (options: { path: string; delimiter?: string }, context) =>
      new LocalFileDataSource(resolvePath(options.path, context), type, options.delimiter),
  });

/**
 * The always-available local providers: file data sources, file metric sinks, the file run store, log and webhook alerts,
 * and the local retraining providers (command training and evaluation, folder model registry, champion-pointer deployer).
 * Each provider but the data sources imports its module when it is created: a command that reads two files (`check`)
 * then does not load the others (nor `node:crypto` and `node:child_process`, which they import) at start-up.
 */
export const localPlugin = definePlugin({
  name: '@driftwatch/plugin-local',
  providers: [
    fileSource('csv', 'a local CSV file (RFC 4180; `delimiter` defaults to ",")', true),
    fileSource('tsv', 'a local tab-separated file', false),
    fileSource('jsonl', 'a local JSON Lines file, one object per row', false),
    fileSource('parquet', 'a local Parquet file', false),
    defineProvider({
      port: 'MetricsSink',
      type: 'jsonl',
      description: 'appends metric points to a JSON Lines file, one batch per atomic append',
      options: z.object({ path: filePath }).strict(),
      create: async (options, context) =>
        new (await import('./sinks/JsonlMetricsSink.js')).JsonlMetricsSink(resolvePath(options.path, context)),
    }),
    defineProvider({
      port: 'MetricsSink',
      type: 'csv',
      description: 'appends metric points to a CSV file (timestamp,name,value,unit,dimensions)',
      options: z.object({ path: filePath }).strict(),
      create: async (options, context) =>
        new (await import('./sinks/CsvMetricsSink.js')).CsvMetricsSink(resolvePath(options.path, context)),
    }),
    defineProvider({
      port: 'RunStore',
      type: 'files',
      description:
        'records runs as JSON files in a folder (atomic writes, an index, lock files); no server capabilities (use sqlite, the default, for driftwatch serve)',
      options: z
        .object({
          path: filePath.default('.driftwatch').describe('folder of the store, relative to the config file'),
        })
        .strict(),
      create: async (options, context) =>
        new (await import('./store/FileRunStore.js')).FileRunStore(storeFolder(resolve(context.baseDir, options.path), options.path), {
          warn: (m) => context.logger.warn(m),
          now: () => context.clock.now(),
          redact: (record) => context.redactor.strings(record),
        }),
    }),
    defineProvider({
      port: 'TrainingProvider',
      type: 'command',
      description: 'runs a local training command in the background; it writes the model to DRIFTWATCH_OUTPUT_DIR',
      options: z
        .object({
          command,
          /** Working directory of the command, relative to the config file; default the config file's folder. */
          cwd: filePath.optional().describe("working directory, relative to the config file; default the config file's folder"),
          env: commandEnv,
          /** Time limit of one training job; default 1h. */
          timeout: duration('1h').describe('time limit of a job: ms, or 30s, 10m, 1h, 2d; default 1h'),
          /** Folder of the job folders (output/, train.log, result.json), relative to the config file. */
          workDir: filePath.default('.driftwatch/training').describe('folder of the job folders, relative to the config file'),
        })
        .strict(),
      create: async (options, context) =>
        new (await import('./training/CommandTrainingProvider.js')).CommandTrainingProvider({
          command: options.command,
          cwd: resolve(context.baseDir, options.cwd ?? '.'),
          env: options.env,
          timeoutMs: options.timeout,
          workDir: resolve(context.baseDir, options.workDir),
          redact: (text) => context.redactor.text(text),
        }),
    }),
    defineProvider({
      port: 'Evaluator',
      type: 'command',
      description: 'scores a model version with a local command that writes a predictions CSV to DRIFTWATCH_PREDICTIONS',
      options: z
        .object({
          command,
          /** Working directory of the command, relative to the config file; default the config file's folder. */
          cwd: filePath.optional().describe("working directory, relative to the config file; default the config file's folder"),
          env: commandEnv,
          /** Time limit of one prediction run; default 10m. */
          timeout: duration('10m').describe('time limit of a run: ms, or 30s, 10m, 1h; default 10m'),
          /** Column of the predictions CSV with the predicted class or value. */
          predictionColumn: z.string().min(1).default('prediction').describe('column with the predicted class or value'),
          /** Column with the positive class's score, read when present. */
          scoreColumn: z.string().min(1).default('proba').describe("column with the positive class's probability, read when present"),
          /** Folder where non-folder artifacts (s3://…/model.tar.gz, tarballs) are downloaded and unpacked, per version. */
          modelCache: filePath
            .default('.driftwatch/model-cache')
            .describe(
              'folder where s3:// and tarball artifacts are downloaded and unpacked, once per version; relative to the config file',
            ),
          /** How `s3://` artifacts are downloaded (credentials come from the SDK's default chain). */
          s3: awsConnectionOptions
            .pick({ region: true, endpoint: true, profile: true })
            .extend({ forcePathStyle: z.boolean().default(false).describe('path-style S3 URLs (local emulators such as moto)') })
            .strict()
            .optional()
            .describe('how s3:// artifacts are downloaded: region, endpoint, profile, forcePathStyle'),
        })
        .strict(),
      create: async (options, context) =>
        new (await import('./evaluation/CommandEvaluator.js')).CommandEvaluator({
          command: options.command,
          cwd: resolve(context.baseDir, options.cwd ?? '.'),
          env: options.env,
          timeoutMs: options.timeout,
          predictionColumn: options.predictionColumn,
          scoreColumn: options.scoreColumn,
          redact: (text) => context.redactor.text(text),
          modelCache: {
            dir: resolve(context.baseDir, options.modelCache),
            baseDir: context.baseDir,
            s3: {
              ...awsClientConfig(options.s3 ?? {}, context.env),
              maxAttempts: 3,
              ...(options.s3?.forcePathStyle ? { forcePathStyle: true } : {}),
            },
          },
        }),
    }),
    defineProvider({
      port: 'ModelRegistry',
      type: 'folder',
      description: 'keeps model versions as copied folders with one registry.json per model (atomic champion flip, lock file)',
      options: z
        .object({
          /** Folder of the registry, relative to the config file. */
          path: filePath.default('.driftwatch/models').describe('folder of the registry, relative to the config file'),
        })
        .strict(),
      create: async (options, context) =>
        new (await import('./registry/FolderModelRegistry.js')).FolderModelRegistry(resolve(context.baseDir, options.path), {
          warn: (m) => context.logger.warn(m),
          now: () => context.clock.now(),
        }),
    }),
    defineProvider({
      port: 'Deployer',
      type: 'champion-pointer',
      description: 'deploys by rewriting <path>/<model>.json (the version that serves), then runs an optional hook',
      options: z
        .object({
          /** Folder of the pointer files, relative to the config file. */
          path: filePath.default('.driftwatch/serving').describe('folder of the pointer files, relative to the config file'),
          /** Command run after the pointer moved (reload a server); a failure puts the previous pointer back. */
          hook: command.optional().describe('command run after the pointer moved; a failure puts the previous pointer back'),
          /** Time limit of the hook; default 10m. */
          timeout: duration('10m').describe('time limit of the hook: ms, or 30s, 10m, 1h; default 10m'),
        })
        .strict(),
      create: async (options, context) =>
        new (await import('./deploy/ChampionPointerDeployer.js')).ChampionPointerDeployer({
          path: resolve(context.baseDir, options.path),
          hook: options.hook,
          cwd: context.baseDir,
          timeoutMs: options.timeout,
          now: () => context.clock.now(),
          redact: (text) => context.redactor.text(text),
        }),
    }),
    defineProvider({
      port: 'AlertChannel',
      type: 'log',
      description: 'writes one JSON line per alert to stderr or appends it to a file',
      options: z
        .object({
          path: filePath.optional().describe('file to append to, relative to the config file; stderr when absent'),
        })
        .strict(),
      create: async (options, context) =>
        new (await import('./alerts/LogAlertChannel.js')).LogAlertChannel(
          options.path === undefined ? undefined : resolvePath(options.path, context),
          process.stderr,
          (alert) => context.redactor.strings(alert),
        ),
    }),
    defineProvider({
      port: 'AlertChannel',
      type: 'webhook',
      description: 'POSTs each alert as JSON, signed with a shared secret, with timeout and retries',
      options: z
        .object({
          url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).describe('where alerts are POSTed'),
          secret: z.string().min(1).optional().meta({
            secret: true,
            // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's ${VAR} syntax, not a template
            description: 'shared secret for the X-Driftwatch-Signature header (sha256 HMAC of the body); use ${ENV_VAR}',
          }),
          headers: z
            .record(z.string(), z.string())
            .optional()
            .describe(
              'extra request headers; the values of Authorization, Proxy-Authorization, Cookie, X-Api-Key and any header named like a credential are secrets',
            ),
          secretHeaders: z
            .array(z.string().min(1))
            .optional()
            .describe('names of further headers whose values are secrets (redacted wherever config or messages are shown)'),
          timeoutMs: z.number().int().positive().default(10_000).describe('per-attempt timeout, ms'),
          retries: z.number().int().min(0).max(10).default(3).describe('retries on 5xx, 429 and network errors'),
          backoffMs: z.number().int().positive().default(500).describe('first backoff, doubled each retry (Retry-After wins), ms'),
        })
        .strict(),
      create: async (options, context) =>
        new (await import('./alerts/WebhookAlertChannel.js')).WebhookAlertChannel(options, {
          signal: context.signal,
          sleep: (ms, signal) => context.clock.sleep(ms, signal),
          now: () => context.clock.now(),
          redact: (alert) => context.redactor.strings(alert),
        }),
    }),
  ],
});
