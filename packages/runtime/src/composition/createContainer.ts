import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve } from 'node:path';
import {
  type AlarmManager,
  type AlertChannel,
  ConfigError,
  type DriftwatchPlugin,
  driftEngineToken,
  type MetricsSink,
  metricsSinkToken,
  type ProviderContext,
  runStoreToken,
} from '@driftwatch/core';
import { ExactDriftEngine } from '@driftwatch/drift';
import { Container } from 'inversify';
import { CheckService } from '../check/CheckService.js';
import { ChunkedCheck } from '../check/ChunkedCheck.js';
import type { LoadedConfig } from '../config/loadConfig.js';
import { sourceTypeFor } from '../config/sourceTypeFor.js';
import type { LlmBundle } from '../llm/LlmBundle.js';
import type { LlmEvaluationEngineLoader } from '../llm/LlmEvaluationEngine.js';
import { LlmEvaluationService } from '../llm/LlmEvaluationService.js';
import { type LlmPromotionOptions, LlmPromotionService } from '../llm/LlmPromotionService.js';
import { defaultMemoryShare } from '../memory/parseMemorySize.js';
import { distributionsExtension } from '../monitor/distributionsExtension.js';
import { MonitorRunner } from '../monitor/MonitorRunner.js';
import type { MonitorRunnerOptions } from '../monitor/MonitorRunnerOptions.js';
import { modelMonitorExtension } from '../monitor/modelMonitorExtension.js';
import { modelQualityExtension } from '../monitor/modelQualityExtension.js';
import { multivariateExtension } from '../monitor/multivariateExtension.js';
import { PerformanceService } from '../performance/PerformanceService.js';
import { baseProviderContext, type ProviderContextInit } from '../plugins/baseProviderContext.js';
import { ProviderRegistry } from '../plugins/ProviderRegistry.js';
import type { RetrainingBundle } from '../retraining/RetrainingBundle.js';
import { RetrainingService } from '../retraining/RetrainingService.js';
import type { RetrainingServiceOptions } from '../retraining/RetrainingServiceOptions.js';
import { resolveReference } from '../retraining/resolveReference.js';
import { defaultSinkDeliveryOptions } from '../sinks/SinkDeliveryOptions.js';
import { SinkFlushService } from '../sinks/SinkFlushService.js';
import {
  checkServiceToken,
  chunkedCheckToken,
  llmEvaluationServiceToken,
  llmPromotionServiceToken,
  monitorRunnerToken,
  performanceServiceToken,
  retrainingServiceToken,
  sinkFlushServiceToken,
} from './serviceTokens.js';
import {
  alarmManagersToken,
  alertChannelsToken,
  type Configured,
  configuredSinksToken,
  type DataSourceFactory,
  dataSourceFactoryToken,
  monitorRunnerOptionsToken,
  monitorSinksToken,
  providerLifecycleToken,
  providerRegistryToken,
  retrainingBundlesToken,
  retrainingOptionsToken,
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
  /** Paths and environment of the providers (a config's folder and environment win), and optionally their logger and clock. */
  readonly context: ProviderContextInit;
  /** Deadline of each provider lifecycle call (start, flush, shutdown) in ms; default `DRIFTWATCH_LIFECYCLE_DEADLINE_MS`, else 5 000. */
  readonly lifecycleDeadlineMs?: number;
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
  /**
   * The LLM evaluation engine of `evaluations:` suites (the apps bind the Bedrock plugin's, loaded
   * on first use) and the promotion loop's options (progress lines, clock, spec folder).
   */
  readonly llm?: { readonly engine?: LlmEvaluationEngineLoader } & LlmPromotionOptions;
}

/**
 * The composition root: one inversify container per process. With a loaded
 * config it creates every provider of the config's plan (options parsed once,
 * by `loadConfig`) and binds them with the services the commands use;
 * without one, the given plugins and flag-named sinks. Nothing outside
 * runtime and the apps calls `get`.
 */
export async function createContainer(spec: ContainerSpec): Promise<Container> {
  const config = spec.config;
  const registry = config?.registry ?? registryOf(spec.plugins);
  const context = baseProviderContext(
    config ? { ...spec.context, baseDir: config.dir, env: config.env } : spec.context,
    registry.lifecycle,
    {
      redactor: config?.redactor,
      deadlineMs: config?.config.providers.lifecycleTimeout ?? spec.lifecycleDeadlineMs,
    },
  );

  const container = new Container();
  container.bind(providerRegistryToken).toConstantValue(registry);
  container.bind(providerLifecycleToken).toConstantValue(registry.lifecycle);
  container
    .bind(driftEngineToken)
    .toResolvedValue(() => new ExactDriftEngine())
    .inSingletonScope();
  // A monitor's sides were parsed into the plan; a side named by flags is parsed here, once.
  const plannedSources = new Map((config?.plan ?? []).filter((p) => p.port === 'DataSource').map((p) => [p.configPath, p]));
  const openSource: DataSourceFactory = async ({ type, path, ...options }, configPath) => {
    const planned = plannedSources.get(configPath);
    if (planned) return registry.instantiate('DataSource', planned, context);
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
    await bindConfigured(container, registry, config, context, spec.runner ?? {}, spec.retraining ?? {}, spec.llm ?? {});
  }
  container.bind(checkServiceToken).to(CheckService).inSingletonScope();
  container.bind(chunkedCheckToken).to(ChunkedCheck).inSingletonScope();
  container.bind(performanceServiceToken).to(PerformanceService).inSingletonScope();
  return container;
}

function registryOf(plugins: readonly DriftwatchPlugin[]): ProviderRegistry {
  const registry = new ProviderRegistry();
  for (const plugin of plugins) registry.register(plugin);
  return registry;
}

type RetrainingParts = { -readonly [K in 'trainer' | 'evaluator' | 'registry' | 'deployer']?: RetrainingBundle[K] };

/**
 * Creates every provider of the config's plan (data sources excepted: a run
 * opens them) and binds them. Monitor runs publish through the monitor
 * runner, which adds each monitor's own sinks to the top-level ones, so no
 * sink is bound for the check service itself.
 */
async function bindConfigured(
  container: Container,
  registry: ProviderRegistry,
  config: LoadedConfig,
  context: ProviderContext,
  runner: MonitorRunnerOptions,
  retraining: RetrainingServiceOptions,
  llm: NonNullable<ContainerSpec['llm']>,
): Promise<void> {
  const llmParts = new Map<string, { registry?: LlmBundle['registry']; deployer?: LlmBundle['deployer'] }>();
  const topLevelSinks: Configured<MetricsSink>[] = [];
  const monitorSinks = new Map<string, Configured<MetricsSink>[]>();
  const retrainingParts = new Map<string, RetrainingParts>();
  const channels: Configured<AlertChannel>[] = [];
  const alarms: Configured<AlarmManager>[] = [];
  for (const planned of config.plan) {
    const named = {
      path: planned.configPath,
      name: planned.name,
      ...(planned.timeoutMs !== undefined ? { timeoutMs: planned.timeoutMs } : {}),
    };
    switch (planned.port) {
      case 'RunStore':
        container.bind(runStoreToken).toConstantValue(await registry.instantiate('RunStore', planned, context));
        break;
      case 'MetricsSink': {
        const sink = {
          ...named,
          key: outboxKey(planned.type, planned.options),
          provider: await registry.instantiate('MetricsSink', planned, context),
        };
        if (planned.monitor === undefined) topLevelSinks.push(sink);
        else monitorSinks.set(planned.monitor, [...(monitorSinks.get(planned.monitor) ?? []), sink]);
        break;
      }
      case 'AlertChannel':
        channels.push({ ...named, provider: await registry.instantiate('AlertChannel', planned, context) });
        break;
      case 'AlarmManager':
        alarms.push({ ...named, provider: await registry.instantiate('AlarmManager', planned, context) });
        break;
      case 'TrainingProvider':
      case 'Evaluator':
      case 'ModelRegistry':
      case 'Deployer': {
        if (planned.evaluation !== undefined) {
          const parts = llmParts.get(planned.evaluation) ?? {};
          llmParts.set(planned.evaluation, parts);
          if (planned.port === 'Deployer') parts.deployer = await registry.instantiate('Deployer', planned, context);
          else if (planned.port === 'ModelRegistry') parts.registry = await registry.instantiate('ModelRegistry', planned, context);
          break;
        }
        const monitor = planned.monitor as string;
        const parts = retrainingParts.get(monitor) ?? {};
        retrainingParts.set(monitor, parts);
        (parts as Record<string, unknown>)[planned.role as string] = await registry.instantiate(planned.port, planned, context);
        break;
      }
      case 'DataSource':
        // Opened per run by the data-source factory, from the same plan entry.
        break;
    }
  }
  container.bind(monitorSinksToken).toConstantValue((monitor) => [...topLevelSinks, ...(monitorSinks.get(monitor) ?? [])]);
  container.bind(configuredSinksToken).toConstantValue([...topLevelSinks, ...[...monitorSinks.values()].flat()]);
  container.bind(alertChannelsToken).toConstantValue(channels);
  container.bind(alarmManagersToken).toConstantValue(alarms);
  // Model quality and windows are built in; more extensions may follow.
  const extensions = [
    modelQualityExtension(new ExactDriftEngine(), config.config.monitors),
    multivariateExtension(),
    distributionsExtension(),
    modelMonitorExtension(),
    ...(runner.extensions ?? []),
  ];
  const bundles = new Map<string, RetrainingBundle>();
  config.config.monitors.forEach((monitor, index) => {
    const p = retrainingParts.get(monitor.name);
    if (!monitor.retraining || !p?.trainer || !p.evaluator || !p.registry || !p.deployer) return;
    bundles.set(monitor.name, {
      monitor,
      index,
      config: monitor.retraining,
      trainer: p.trainer,
      evaluator: p.evaluator,
      registry: p.registry,
      deployer: p.deployer,
    });
  });
  container.bind(retrainingBundlesToken).toConstantValue(bundles);
  container.bind(retrainingOptionsToken).toConstantValue({
    workDir: displayPath(resolve(config.dir, '.driftwatch', 'retraining')),
    redact: (t) => config.redactor.text(t),
    ...retraining,
  });
  container.bind(retrainingServiceToken).to(RetrainingService).inSingletonScope();
  const { providers } = config.config;
  container.bind(monitorRunnerOptionsToken).toConstantValue({
    redact: (t) => config.redactor.text(t),
    ...(bundles.size > 0 ? { postRun: (m, r, frames) => container.get(retrainingServiceToken).afterRun(m, r, frames) } : {}),
    reference: (monitor, index) => resolveReference(monitor, index, bundles),
    defaultMaxMemory: config.config.maxMemory ?? defaultMemoryShare,
    ...runner,
    delivery: { timeoutMs: providers.timeout, ...runner.delivery },
    sinks: {
      timeoutMs: providers.timeout,
      maxPoints: providers.outbox.maxPoints,
      maxAgeMs: providers.outbox.maxAge,
      redact: (t) => config.redactor.text(t),
      ...runner.sinks,
    },
    extensions,
  });
  container.bind(sinkFlushServiceToken).to(SinkFlushService).inSingletonScope();
  container.bind(monitorRunnerToken).to(MonitorRunner).inSingletonScope();
  bindLlm(container, config, llm, llmParts);
}

/** The LLM use cases: the suites as monitors, and the promotion loops of those with a `promotion:` block. */
function bindLlm(
  container: Container,
  config: LoadedConfig,
  llm: NonNullable<ContainerSpec['llm']>,
  parts: ReadonlyMap<string, { registry?: LlmBundle['registry']; deployer?: LlmBundle['deployer'] }>,
): void {
  const runner = container.get(monitorRunnerOptionsToken);
  const store = container.get(runStoreToken);
  const redact = (t: string) => config.redactor.text(t);
  const evaluation = new LlmEvaluationService({
    suites: config.config.evaluations,
    dir: config.dir,
    env: config.env,
    ...(llm.engine ? { engine: llm.engine } : {}),
    store,
    sinksFor: container.get(monitorSinksToken),
    channels: container.get(alertChannelsToken),
    delivery: {
      attempts: 3,
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      ...runner.delivery,
    },
    sinks: { ...defaultSinkDeliveryOptions, ...runner.sinks },
    redact,
  });
  const bundles = new Map<string, LlmBundle>();
  config.config.evaluations.forEach((suite, index) => {
    const p = parts.get(suite.name);
    if (!suite.promotion || !p?.registry || !p.deployer) return;
    bundles.set(suite.name, { suite, index, promotion: suite.promotion, registry: p.registry, deployer: p.deployer });
  });
  const promotion = new LlmPromotionService(bundles, evaluation, store, {
    workDir: resolve(config.dir, '.driftwatch', 'llm'),
    redact,
    ...llm,
  });
  if (bundles.size > 0) {
    evaluation.targetOf = (suite) => promotion.servingTarget(suite);
    evaluation.postRun = (suite, run) => promotion.afterRun(suite, run);
  }
  container.bind(llmEvaluationServiceToken).toConstantValue(evaluation);
  container.bind(llmPromotionServiceToken).toConstantValue(promotion);
}

/**
 * The key of a sink's outbox: its type and a hash of its parsed options, so the outbox follows the
 * sink when the config's sinks are reordered, and a sink pointed elsewhere (another namespace,
 * file or account) starts an outbox of its own.
 */
function outboxKey(type: string, options: unknown): string {
  const hash = createHash('sha256').update(stableJson(options)).digest('hex').slice(0, 16);
  return `${type.replace(/[^\w.-]+/g, '_')}-${hash}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** A path relative to the working directory when it is inside it (as users write paths), else absolute. */
function displayPath(absolute: string): string {
  const fromCwd = relative(process.cwd(), absolute);
  return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd;
}
