import {
  ConfigError,
  type DriftwatchPlugin,
  type PortName,
  type PortTypes,
  type ProviderContext,
  type ProviderDefinition,
} from '@driftwatch/core';

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

  /** Adds every provider of a plugin; a (port, type) already taken is a config error naming both plugins. */
  register(plugin: DriftwatchPlugin): void {
    for (const definition of plugin.providers) {
      const key = `${definition.port}:${definition.type}`;
      const existing = this.#providers.get(key);
      if (existing) {
        throw new ConfigError(
          `plugin "${plugin.name}" registers ${definition.port} type "${definition.type}", already registered by "${existing.plugin}"`,
          { code: 'CONFIG_PLUGIN' },
        );
      }
      this.#providers.set(key, { plugin: plugin.name, definition });
    }
  }

  /** Types registered for a port, sorted. */
  types(port: PortName): string[] {
    return [...this.#providers.values()]
      .filter((p) => p.definition.port === port)
      .map((p) => p.definition.type)
      .sort();
  }

  /** Every provider, for `driftwatch plugins`. */
  list(): RegisteredProvider[] {
    return [...this.#providers.values()];
  }

  /**
   * Validates `options` against the provider's schema and creates it.
   * `path` is the config path of the options, used in error messages
   * (e.g. `sinks[1]`).
   */
  async create<P extends PortName>(port: P, type: string, options: unknown, context: ProviderContext, path: string): Promise<PortTypes[P]> {
    const found = this.#providers.get(`${port}:${type}`);
    if (!found) {
      const known = this.types(port);
      throw new ConfigError(`${path}.type: unknown ${describePort(port)} "${type}" (known: ${known.join(', ') || 'none'})`, {
        issues: [{ path: `${path}.type`, message: `unknown ${describePort(port)} "${type}"` }],
      });
    }
    const parsed = found.definition.options.safeParse(options ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: [path, ...i.path.map(String)].join('.'), message: i.message }));
      throw new ConfigError(`invalid options for ${port} "${type}":\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`, {
        issues,
      });
    }
    return (await found.definition.create(parsed.data, context)) as PortTypes[P];
  }
}

function describePort(port: PortName): string {
  switch (port) {
    case 'MetricsSink':
      return 'sink';
    case 'DataSource':
      return 'data source';
    default:
      return `${port} provider`;
  }
}
