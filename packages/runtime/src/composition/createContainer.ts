import { extname, isAbsolute, relative, resolve } from 'node:path';
import {
  type AlarmManager,
  type AlertChannel,
  ConfigError,
  type DriftwatchPlugin,
  driftEngineToken,
  InputError,
  type MetricsSink,
  metricsSinkToken,
  type ProviderContext,
  runStoreToken,
} from '@driftwatch/core';
import { ExactDriftEngine } from '@driftwatch/drift';
import { Container } from 'inversify';
import { CheckService } from '../check/CheckService.js';
import { ChunkedCheck } from '../check/ChunkedCheck.js';
import { chunkedCheckToken } from '../check/ChunkedCheckToken.js';
import type { LoadedConfig } from '../config/loadConfig.js';
import { providerEntries } from '../config/loadConfig.js';
import { MonitorRunner, type MonitorRunnerOptions } from '../monitor/MonitorRunner.js';
import { modelQualityExtension } from '../monitor/modelQualityExtension.js';
import { PerformanceService } from '../performance/PerformanceService.js';
import { performanceServiceToken } from '../performance/performanceServiceToken.js';
import { ProviderRegistry } from '../plugins/ProviderRegistry.js';
import { type RetrainingBundle, RetrainingService, type RetrainingServiceOptions } from '../retraining/RetrainingService.js';
import { retrainingBundlesToken, retrainingOptionsToken, retrainingServiceToken } from '../retraining/retrainingTokens.js';
import {
  alarmManagersToken,
  alertChannelsToken,
  type Configured,
  checkServiceToken,
  type DataSourceFactory,
  dataSourceFactoryToken,
  loadedConfigToken,
  monitorRunnerOptionsToken,
  monitorRunnerToken,
  monitorSinksToken,
  providerRegistryToken,
} from './tokens.js';

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
  /**
   * A loaded config (`loadConfig`): its plugins replace `plugins`, relative
   * paths resolve against its folder, and the run store, every sink, channel
   * and alarm manager it names are created and bound with the monitor runner.
   * `sinks` are then ignored (sinks come from the config).
   */
  readonly config?: LoadedConfig;
  /** Options of the monitor runner (extensions that add performance or windows, retries, clock). */
  readonly runner?: MonitorRunnerOptions;
  /** Options of the retraining service (clock, sleep, progress lines, the attempts' folder). */
  readonly retraining?: RetrainingServiceOptions;
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

/** Where each retraining port's provider goes in a monitor's {@link RetrainingBundle}. */
const retrainingRoles = { TrainingProvider: 'trainer', Evaluator: 'evaluator', ModelRegistry: 'registry', Deployer: 'deployer' } as const;

/**
 * The composition root: one inversify container per process. Registers the
 * plugins' providers, creates the configured sinks, and binds the services
 * the commands use. Nothing outside runtime and the apps calls `get`.
 */
export async function createContainer(spec: ContainerSpec): Promise<Container> {
  const config = spec.config;
  const registry = new ProviderRegistry();
  for (const plugin of config?.plugins ?? spec.plugins) registry.register(plugin);
  const context: ProviderContext = config ? { baseDir: config.dir, env: config.env } : spec.context;

  const container = new Container();
  container.bind(providerRegistryToken).toConstantValue(registry);
  container
    .bind(driftEngineToken)
    .toResolvedValue(() => new ExactDriftEngine())
    .inSingletonScope();
  const openSource: DataSourceFactory = async ({ type, path, ...options }, configPath) => {
    if (type === undefined && path === undefined) throw new ConfigError(`${configPath}: give a path or a type`);
    return registry.create(
      'DataSource',
      type ?? sourceTypeFor(path as string),
      path === undefined ? options : { path, ...options },
      context,
      configPath,
    );
  };
  container.bind(dataSourceFactoryToken).toConstantValue(openSource);

  if (!config) {
    for (const sink of spec.sinks ?? []) {
      const created = await registry.create('MetricsSink', sink.type, sink.options, context, sink.configPath);
      container.bind(metricsSinkToken).toConstantValue(created);
    }
  } else {
    await bindConfigured(container, registry, config, context, spec.runner ?? {}, spec.retraining ?? {});
  }
  container.bind(checkServiceToken).to(CheckService).inSingletonScope();
  container.bind(chunkedCheckToken).to(ChunkedCheck).inSingletonScope();
  container.bind(performanceServiceToken).to(PerformanceService).inSingletonScope();
  return container;
}

/**
 * Creates every provider a config names and binds them. Monitor runs publish
 * through the monitor runner (which adds each monitor's own sinks), so no sink
 * is bound for the check service itself.
 */
async function bindConfigured(
  container: Container,
  registry: ProviderRegistry,
  config: LoadedConfig,
  context: ProviderContext,
  runner: MonitorRunnerOptions,
  retraining: RetrainingServiceOptions,
): Promise<void> {
  const sinks = new Map<string, Configured<MetricsSink>>();
  type Parts = { -readonly [K in 'trainer' | 'evaluator' | 'registry' | 'deployer']?: RetrainingBundle[K] };
  const retrainingParts = new Map<number, Parts>();
  const part = (path: string): Parts => {
    const index = Number(/^monitors\[(\d+)\]/.exec(path)?.[1]);
    let p = retrainingParts.get(index);
    if (!p) retrainingParts.set(index, (p = {}));
    return p;
  };
  const channels: Configured<AlertChannel>[] = [];
  const alarms: Configured<AlarmManager>[] = [];
  for (const entry of providerEntries(config.config)) {
    const named = { path: entry.path, name: entry.name };
    switch (entry.port) {
      case 'RunStore':
        container.bind(runStoreToken).toConstantValue(await registry.create('RunStore', entry.type, entry.options, context, entry.path));
        break;
      case 'MetricsSink':
        sinks.set(entry.path, { ...named, provider: await registry.create('MetricsSink', entry.type, entry.options, context, entry.path) });
        break;
      case 'AlertChannel':
        channels.push({ ...named, provider: await registry.create('AlertChannel', entry.type, entry.options, context, entry.path) });
        break;
      case 'AlarmManager':
        alarms.push({ ...named, provider: await registry.create('AlarmManager', entry.type, entry.options, context, entry.path) });
        break;
      case 'TrainingProvider':
      case 'Evaluator':
      case 'ModelRegistry':
      case 'Deployer': {
        const provider = await registry.create(entry.port, entry.type, entry.options, context, entry.path);
        (part(entry.path) as Record<string, unknown>)[retrainingRoles[entry.port]] = provider;
        break;
      }
      default:
        // Data sources are opened per run by the data-source factory.
        break;
    }
  }
  const topLevel = [...sinks.values()].filter((s) => s.path.startsWith('sinks['));
  const byMonitor = new Map(
    config.config.monitors.map((m, i) => [
      m.name,
      [...topLevel, ...[...sinks.values()].filter((s) => s.path.startsWith(`monitors[${i}].`))],
    ]),
  );
  container.bind(loadedConfigToken).toConstantValue(config);
  container.bind(monitorSinksToken).toConstantValue((monitor) => byMonitor.get(monitor) ?? topLevel);
  container.bind(alertChannelsToken).toConstantValue(channels);
  container.bind(alarmManagersToken).toConstantValue(alarms);
  // Model quality and windows are built in; more extensions may follow.
  const extensions = [modelQualityExtension(new ExactDriftEngine(), config.config.monitors), ...(runner.extensions ?? [])];
  const custom = (runner.extensions?.length ?? 0) > 0;
  const bundles = new Map<string, RetrainingBundle>();
  for (const [index, p] of retrainingParts) {
    const monitor = config.config.monitors[index]!;
    if (!monitor.retraining || !p.trainer || !p.evaluator || !p.registry || !p.deployer) continue;
    bundles.set(monitor.name, {
      monitor,
      index,
      config: monitor.retraining,
      trainer: p.trainer,
      evaluator: p.evaluator,
      registry: p.registry,
      deployer: p.deployer,
    });
  }
  container.bind(retrainingBundlesToken).toConstantValue(bundles);
  container.bind(retrainingOptionsToken).toConstantValue({
    workDir: displayPath(resolve(config.dir, '.driftwatch', 'retraining')),
    redact: (t) => config.redactor.text(t),
    ...retraining,
  });
  container.bind(retrainingServiceToken).to(RetrainingService).inSingletonScope();
  container.bind(monitorRunnerOptionsToken).toConstantValue({
    redact: (t) => config.redactor.text(t),
    needsFrames: (m) => custom || m.performance !== undefined || m.windows !== undefined,
    ...(bundles.size > 0 ? { postRun: (m, r) => container.get(retrainingServiceToken).afterRun(m, r) } : {}),
    ...runner,
    extensions,
  });
  container.bind(monitorRunnerToken).to(MonitorRunner).inSingletonScope();
}

/** A path relative to the working directory when it is inside it (as users write paths), else absolute. */
function displayPath(absolute: string): string {
  const fromCwd = relative(process.cwd(), absolute);
  return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd;
}
