import { ConfigError, type DriftwatchPlugin, driftEngineToken, metricsSinkToken } from '@driftwatch/core';
import { ExactDriftEngine } from '@driftwatch/drift';
import { Container } from 'inversify';
import { CheckService } from '../check/CheckService.js';
import { ChunkedCheck } from '../check/ChunkedCheck.js';
import { sourceTypeFor } from '../config/sourceTypeFor.js';
import { PerformanceService } from '../performance/PerformanceService.js';
import { baseProviderContext } from '../plugins/baseProviderContext.js';
import { ProviderRegistry } from '../plugins/ProviderRegistry.js';
import type { ContainerSpec } from './ContainerSpec.js';
import { checkServiceToken, chunkedCheckToken, performanceServiceToken } from './serviceTokens.js';
import { type DataSourceFactory, dataSourceFactoryToken, providerLifecycleToken, providerRegistryToken } from './tokens.js';

export type { ContainerSpec, ProviderSpec } from './ContainerSpec.js';

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
    // The monitor runner, retraining, LLM and queue services (and what they import) load only with a config.
    const { bindConfigured } = await import('./bindConfigured.js');
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
