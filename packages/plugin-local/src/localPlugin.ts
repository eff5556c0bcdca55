import { isAbsolute, relative, resolve } from 'node:path';
import { definePlugin, defineProvider, type ProviderContext } from '@driftwatch/core';
import { z } from 'zod';
import { LogAlertChannel } from './alerts/LogAlertChannel.js';
import { WebhookAlertChannel } from './alerts/WebhookAlertChannel.js';
import { CsvMetricsSink } from './sinks/CsvMetricsSink.js';
import { JsonlMetricsSink } from './sinks/JsonlMetricsSink.js';
import { LocalFileDataSource, type LocalFormat } from './sources/LocalFileDataSource.js';
import { FileRunStore } from './store/FileRunStore.js';

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

/** The always-available local providers: file data sources, file metric sinks, the file run store, log and webhook alerts. */
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
      create: (options, context) => new JsonlMetricsSink(resolvePath(options.path, context)),
    }),
    defineProvider({
      port: 'MetricsSink',
      type: 'csv',
      description: 'appends metric points to a CSV file (timestamp,name,value,unit,dimensions)',
      options: z.object({ path: filePath }).strict(),
      create: (options, context) => new CsvMetricsSink(resolvePath(options.path, context)),
    }),
    defineProvider({
      port: 'RunStore',
      type: 'files',
      description: 'records runs as JSON files in a folder (atomic writes, an index, lock files); the default store',
      options: z
        .object({
          path: filePath.default('.driftwatch').describe('folder of the store, relative to the config file'),
        })
        .strict(),
      create: (options, context) => new FileRunStore(resolve(context.baseDir, options.path)),
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
      create: (options, context) => new LogAlertChannel(options.path === undefined ? undefined : resolvePath(options.path, context)),
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
          headers: z.record(z.string(), z.string()).optional().describe('extra request headers'),
          timeoutMs: z.number().int().positive().default(10_000).describe('per-attempt timeout, ms'),
          retries: z.number().int().min(0).max(10).default(3).describe('retries on 5xx, 429 and network errors'),
          backoffMs: z.number().int().positive().default(500).describe('first backoff, doubled each retry (Retry-After wins), ms'),
        })
        .strict(),
      create: (options) => new WebhookAlertChannel(options),
    }),
  ],
});
