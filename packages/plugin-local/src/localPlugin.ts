import { isAbsolute, relative, resolve } from 'node:path';
import { definePlugin, defineProvider, type ProviderContext } from '@driftwatch/core';
import { z } from 'zod';
import { CsvMetricsSink } from './sinks/CsvMetricsSink.js';
import { JsonlMetricsSink } from './sinks/JsonlMetricsSink.js';
import { LocalFileDataSource, type LocalFormat } from './sources/LocalFileDataSource.js';

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

/** The always-available local providers: file data sources and file metric sinks. */
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
  ],
});
