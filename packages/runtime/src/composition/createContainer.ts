import { extname } from 'node:path';
import { type DriftwatchPlugin, driftEngineToken, InputError, metricsSinkToken, type ProviderContext } from '@driftwatch/core';
import { ExactDriftEngine } from '@driftwatch/drift';
import { Container } from 'inversify';
import { CheckService } from '../check/CheckService.js';
import { ProviderRegistry } from '../plugins/ProviderRegistry.js';
import { checkServiceToken, type DataSourceFactory, dataSourceFactoryToken, providerRegistryToken } from './tokens.js';

/** A provider picked by `type`, with its options, and where it was configured (for messages). */
export interface ProviderSpec {
  readonly type: string;
  readonly options?: unknown;
  /** Config path or flag that named it, e.g. `sinks[0]` or `--metrics-out`. */
  readonly configPath: string;
}

/** What the process is composed of. */
export interface ContainerSpec {
  /** Built-in plugins first, then the user's. */
  readonly plugins: readonly DriftwatchPlugin[];
  readonly sinks?: readonly ProviderSpec[];
  readonly context: ProviderContext;
}

const extensionTypes: Readonly<Record<string, string>> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.pq': 'parquet',
};

/** The data-source type for a file name, from its extension. */
export function sourceTypeFor(path: string): string {
  const type = extensionTypes[extname(path).toLowerCase()];
  if (type === undefined) {
    throw new InputError(
      'INPUT_UNREADABLE',
      `${path}: cannot tell the format from the extension "${extname(path)}" (known: ${Object.keys(extensionTypes).join(', ')}); rename the file or pass the format`,
      {
        location: { file: path },
      },
    );
  }
  return type;
}

/**
 * The composition root: one inversify container per process. Registers the
 * plugins' providers, creates the configured sinks, and binds the services
 * the commands use. Nothing outside runtime and the apps calls `get`.
 */
export async function createContainer(spec: ContainerSpec): Promise<Container> {
  const registry = new ProviderRegistry();
  for (const plugin of spec.plugins) registry.register(plugin);

  const container = new Container();
  container.bind(providerRegistryToken).toConstantValue(registry);
  container
    .bind(driftEngineToken)
    .toResolvedValue(() => new ExactDriftEngine())
    .inSingletonScope();
  const openSource: DataSourceFactory = async ({ type, path, ...options }, configPath) =>
    registry.create('DataSource', type ?? sourceTypeFor(path), { path, ...options }, spec.context, configPath);
  container.bind(dataSourceFactoryToken).toConstantValue(openSource);

  for (const sink of spec.sinks ?? []) {
    const created = await registry.create('MetricsSink', sink.type, sink.options, spec.context, sink.configPath);
    container.bind(metricsSinkToken).toConstantValue(created);
  }
  container.bind(checkServiceToken).to(CheckService).inSingletonScope();
  return container;
}
