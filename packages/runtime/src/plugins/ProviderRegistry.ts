import {
  ConfigError,
  type DriftwatchPlugin,
  isConfigError,
  isDriftwatchError,
  isProviderError,
  type PortName,
  type PortTypes,
  type ProviderContext,
  type ProviderDefinition,
  ProviderError,
  type RunStore,
} from '@driftwatch/core';
import type { PlannedProvider } from '../config/ProviderPlan.js';
import { type DeclaredPlugin, isDeclaredPlugin } from './DeclaredPlugin.js';
import { LifecycleManager } from './LifecycleManager.js';

/** A provider together with the plugin that brought it. */
export interface RegisteredProvider {
  readonly plugin: string;
  readonly definition: ProviderDefinition;
}

/**
 * The explicit map from (port, type) to provider that config selection goes
 * through. An unknown type fails with the known ones; option errors are
 * reported all at once, each with its config path.
 */
export class ProviderRegistry {
  readonly #providers = new Map<string, RegisteredProvider>();
  /** The providers of declared plugins not imported yet, by `port:type`. */
  readonly #declared = new Map<string, DeclaredPlugin>();
  /** Each declared plugin's import, started once. */
  readonly #imports = new Map<DeclaredPlugin, Promise<DriftwatchPlugin>>();
  /** The plugins in the order registered; a declared one until it is imported. */
  readonly #plugins: (DriftwatchPlugin | DeclaredPlugin)[] = [];
  /** Every provider this registry creates is tracked here: started once made, flushed and shut down at the end. */
  readonly lifecycle: LifecycleManager;
  #store: RunStore | undefined;

  constructor(options: { readonly lifecycle?: LifecycleManager } = {}) {
    this.lifecycle = options.lifecycle ?? new LifecycleManager();
  }

  /**
   * Adds every provider of a plugin, or of a declared plugin its declarations (imported by {@link load}); a (port, type)
   * already taken is a config error naming both plugins.
   */
  register(plugin: DriftwatchPlugin | DeclaredPlugin): void {
    this.#plugins.push(plugin);
    const declared = isDeclaredPlugin(plugin);
    for (const provider of declared ? plugin.declares : plugin.providers) {
      const key = `${provider.port}:${provider.type}`;
      const existing = this.#providers.get(key)?.plugin ?? this.#declared.get(key)?.name;
      if (existing !== undefined) {
        throw new ConfigError(
          `plugin "${plugin.name}" registers ${provider.port} type "${provider.type}", already registered by "${existing}"`,
          { code: 'CONFIG_PLUGIN' },
        );
      }
      if (declared) this.#declared.set(key, plugin);
      else this.#providers.set(key, { plugin: plugin.name, definition: provider as ProviderDefinition });
    }
  }

  /**
   * Imports the declared plugin that provides (port, type), unless it is imported already or none declares it,
   * and registers its providers in place of its declarations; {@link get} and {@link check} know them afterwards.
   * A plugin that does not register exactly what it declared is a config error naming it.
   */
  async load(port: PortName, type: string): Promise<void> {
    const key = `${port}:${type}`;
    const declared = this.#declared.get(key);
    if (declared === undefined) return;
    let imported = this.#imports.get(declared);
    if (imported === undefined) {
      imported = declared.load();
      this.#imports.set(declared, imported);
    }
    const plugin = await imported;
    // A concurrent call registered it meanwhile.
    if (this.#declared.get(key) !== declared) return;
    const registers = `${plugin.name}: ${plugin.providers
      .map((d) => `${d.port} ${d.type}`)
      .sort()
      .join(', ')}`;
    const declares = `${declared.name}: ${declared.declares
      .map((d) => `${d.port} ${d.type}`)
      .sort()
      .join(', ')}`;
    if (registers !== declares) {
      throw new ConfigError(
        `plugin "${declared.name}" does not register what its manifest declares (registers ${registers}; declares ${declares})`,
        {
          code: 'CONFIG_PLUGIN',
        },
      );
    }
    for (const definition of plugin.providers) {
      const at = `${definition.port}:${definition.type}`;
      this.#declared.delete(at);
      this.#providers.set(at, { plugin: plugin.name, definition });
    }
    this.#plugins[this.#plugins.indexOf(declared)] = plugin;
  }

  /** The plugins imported, in the order registered (a declared plugin once {@link load} imported it). */
  plugins(): DriftwatchPlugin[] {
    return this.#plugins.filter((p): p is DriftwatchPlugin => !isDeclaredPlugin(p));
  }

  /** Types registered for a port, sorted. */
  types(port: PortName): string[] {
    return [...this.#providers.keys(), ...this.#declared.keys()]
      .filter((key) => key.startsWith(`${port}:`))
      .map((key) => key.slice(port.length + 1))
      .sort();
  }

  /** Every provider imported, for `driftwatch plugins`. */
  list(): RegisteredProvider[] {
    return [...this.#providers.values()];
  }

  /** The provider registered for (port, type), if any. */
  get(port: PortName, type: string): RegisteredProvider | undefined {
    return this.#providers.get(`${port}:${type}`);
  }

  /**
   * Validates `options` against the provider's schema without creating it:
   * every problem comes back as an issue whose path starts with `path` (the
   * config path of the options, e.g. `monitors[0].sinks[1]`).
   */
  check(
    port: PortName,
    type: string,
    options: unknown,
    path: string,
  ): { readonly ok: true; readonly options: unknown } | { readonly ok: false; readonly issues: ConfigIssue[] } {
    const found = this.#providers.get(`${port}:${type}`);
    if (!found) {
      const known = this.types(port);
      return {
        ok: false,
        issues: [{ path: `${path}.type`, message: `unknown ${describePort(port)} "${type}" (known: ${known.join(', ') || 'none'})` }],
      };
    }
    const parsed = found.definition.options.safeParse(options ?? {});
    if (parsed.success) return { ok: true, options: parsed.data };
    return {
      ok: false,
      issues: parsed.error.issues.flatMap((i) => {
        const at = [path, ...i.path.map(String)].join('.');
        // One issue per unknown key, each with its own path, as for the rest of the config.
        if (i.code === 'unrecognized_keys')
          return i.keys.map((k) => ({ path: `${at}.${k}`, message: `unknown option "${k}" for ${type}` }));
        return [{ path: at, message: i.message }];
      }),
    };
  }

  /** Creates a provider of a config's plan: its options were parsed by `loadConfig`, and are not parsed again. */
  async instantiate<P extends PortName>(port: P, planned: PlannedProvider, context: ProviderContext): Promise<PortTypes[P]> {
    const own = planned.monitor === undefined ? context : { ...context, monitor: planned.monitor };
    return this.#make(port, planned.definition, planned.options, own, planned.configPath);
  }

  /**
   * Validates `options` against the provider's schema and creates it (a
   * provider named by a flag rather than a config).
   * `path` is the config path of the options, used in error messages
   * (e.g. `sinks[1]`).
   */
  async create<P extends PortName>(port: P, type: string, options: unknown, context: ProviderContext, path: string): Promise<PortTypes[P]> {
    await this.load(port, type);
    const checked = this.check(port, type, options, path);
    if (!checked.ok) {
      const [first] = checked.issues;
      const message =
        checked.issues.length === 1 && first.path.endsWith('.type')
          ? `${first.path}: ${first.message}`
          : `invalid options for ${port} "${type}":\n${checked.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`;
      throw new ConfigError(message, { issues: checked.issues });
    }
    return this.#make(port, this.get(port, type)!.definition, checked.options, context, path);
  }

  /**
   * Where every creation passes: the provider gets its own context (a child
   * logger with `provider` and `configPath`; the run store, once one was made —
   * the store itself gets none), and is tracked and started by {@link lifecycle}
   * (a data source until the pipeline closes it).
   */
  async #make<P extends PortName>(
    port: P,
    definition: ProviderDefinition,
    options: unknown,
    context: ProviderContext,
    configPath: string,
  ): Promise<PortTypes[P]> {
    const logger = context.logger.child({ provider: definition.type, configPath });
    const store = port === 'RunStore' ? undefined : (context.store ?? this.#store);
    const own: ProviderContext = { ...context, logger, store };
    let provider: PortTypes[P];
    try {
      provider = (await definition.create(options, own)) as PortTypes[P];
    } catch (error) {
      throw this.#creationError(port, definition, configPath, error);
    }
    if (port === 'RunStore') this.#store ??= provider as RunStore;
    // A data source lives for one read of a run: tracked (so a SIGTERM mid-read still shuts it down) until the
    // pipeline closes it, then released, so a long-running process opening one per run does not keep them all.
    if (port === 'DataSource' && Object.isExtensible(provider)) {
      const source = provider as PortTypes['DataSource'];
      const close = source.close?.bind(source);
      source.close = async () => {
        try {
          await close?.();
        } finally {
          this.lifecycle.release(source);
        }
      };
    }
    await this.lifecycle.track(provider as object, { port, type: definition.type, configPath, logger });
    return provider;
  }

  /**
   * What a factory that threw becomes: a provider failure (exit 4) naming the
   * config path, the plugin and the type, whatever the plugin threw (a plain
   * `Error`, a string); a config error stays one (exit 2), with the same
   * context; input and state errors are rethrown as they are.
   */
  #creationError(port: PortName, definition: ProviderDefinition, configPath: string, error: unknown): Error {
    const plugin = this.#providers.get(`${port}:${definition.type}`)?.plugin;
    const by = plugin === undefined ? '' : ` of plugin "${plugin}"`;
    const message = typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error);
    if (isConfigError(error)) {
      const text = `${configPath}: ${describePort(port)} "${definition.type}"${by}: ${message}`;
      return new ConfigError(text, {
        cause: error,
        // A factory's own check names no path: the problem is the provider's config path.
        issues:
          Array.isArray(error.issues) && error.issues.length > 0
            ? error.issues
            : [{ path: configPath, message: text.slice(configPath.length + 2) }],
        code: error.code as 'CONFIG_INVALID' | 'CONFIG_PLUGIN',
      });
    }
    if (isDriftwatchError(error) && !isProviderError(error)) return error;
    return new ProviderError(
      definition.type,
      'create',
      `${configPath}: the factory${by} could not create the ${describePort(port)}: ${message}`,
      { cause: error, configPath },
    );
  }
}

/** A problem in a config, with its path. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** How a port is named in messages: `sink`, `data source`, `alert channel`… */
export function describePort(port: PortName): string {
  switch (port) {
    case 'MetricsSink':
      return 'sink';
    case 'DataSource':
      return 'data source';
    case 'AlertChannel':
      return 'alert channel';
    case 'RunStore':
      return 'run store';
    case 'AlarmManager':
      return 'alarm manager';
    case 'JobQueue':
      return 'job queue';
    default:
      return `${port} provider`;
  }
}
