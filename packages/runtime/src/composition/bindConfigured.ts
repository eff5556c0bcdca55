import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve } from 'node:path';
import {
  type AlarmManager,
  type AlertChannel,
  type JobQueue,
  jobQueueToken,
  type MetricsSink,
  type ProviderContext,
  runStoreToken,
} from '@driftwatch/core';
import { ExactDriftEngine } from '@driftwatch/drift';
import type { Container } from 'inversify';
import type { LoadedConfig } from '../config/loadConfig.js';
import type { LlmBundle } from '../llm/LlmBundle.js';
import { LlmEvaluationService } from '../llm/LlmEvaluationService.js';
import { LlmPromotionService } from '../llm/LlmPromotionService.js';
import { defaultMemoryShare } from '../memory/parseMemorySize.js';
import { distributionsExtension } from '../monitor/distributionsExtension.js';
import { MonitorRunner } from '../monitor/MonitorRunner.js';
import type { MonitorRunnerOptions } from '../monitor/MonitorRunnerOptions.js';
import { modelMonitorExtension } from '../monitor/modelMonitorExtension.js';
import { modelQualityExtension } from '../monitor/modelQualityExtension.js';
import { multivariateExtension } from '../monitor/multivariateExtension.js';
import type { ProviderRegistry } from '../plugins/ProviderRegistry.js';
import { InProcessJobQueue } from '../queue/InProcessJobQueue.js';
import type { RetrainingBundle } from '../retraining/RetrainingBundle.js';
import { RetrainingService } from '../retraining/RetrainingService.js';
import type { RetrainingServiceOptions } from '../retraining/RetrainingServiceOptions.js';
import { resolveReference } from '../retraining/resolveReference.js';
import { defaultSinkDeliveryOptions } from '../sinks/SinkDeliveryOptions.js';
import { SinkFlushService } from '../sinks/SinkFlushService.js';
import type { ContainerSpec } from './ContainerSpec.js';
import {
  llmEvaluationServiceToken,
  llmPromotionServiceToken,
  monitorRunnerToken,
  retrainingServiceToken,
  sinkFlushServiceToken,
} from './serviceTokens.js';
import {
  alarmManagersToken,
  alertChannelsToken,
  type Configured,
  configuredSinksToken,
  monitorRunnerOptionsToken,
  monitorSinksToken,
  retrainingBundlesToken,
  retrainingOptionsToken,
} from './tokens.js';

type RetrainingParts = { -readonly [K in 'trainer' | 'evaluator' | 'registry' | 'deployer']?: RetrainingBundle[K] };

/**
 * Creates every provider of the config's plan (data sources excepted: a run
 * opens them) and binds them. Monitor runs publish through the monitor
 * runner, which adds each monitor's own sinks to the top-level ones, so no
 * sink is bound for the check service itself.
 */
export async function bindConfigured(
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
  let queue: JobQueue | undefined;
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
      case 'JobQueue':
        queue = await registry.instantiate('JobQueue', planned, context);
        break;
      case 'DataSource':
        // Opened per run by the data-source factory, from the same plan entry.
        break;
    }
  }
  // `queue: { type: in-process }` (the default) has no provider: jobs run where they are enqueued.
  const jobQueue: JobQueue = queue ?? new InProcessJobQueue();
  container.bind(jobQueueToken).toConstantValue(jobQueue);
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
    ...(jobQueue.shared ? { queue: jobQueue } : {}),
    ...retraining,
  });
  container.bind(retrainingServiceToken).to(RetrainingService).inSingletonScope();
  const { providers } = config.config;
  container.bind(monitorRunnerOptionsToken).toConstantValue({
    redact: (t) => config.redactor.text(t),
    ...(bundles.size > 0 ? { postRun: (m, r, frames) => container.get(retrainingServiceToken).afterRun(m, r, frames) } : {}),
    reference: (monitor, index) => resolveReference(monitor, index, bundles),
    defaultMaxMemory: config.config.maxMemory ?? defaultMemoryShare,
    // A job's run holds the monitor's lock as long as the job may run: the lock of a killed worker's run
    // expires with its job, and the retry (same run id, so same owner) may retake it before.
    ...(jobQueue.expireAfterMs !== undefined ? { lockTtlMs: jobQueue.expireAfterMs } : {}),
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
