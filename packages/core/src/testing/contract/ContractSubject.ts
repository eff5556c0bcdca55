import type { DriftwatchPlugin } from '../../plugin/definePlugin.js';
import type { ProviderContext } from '../../plugin/ProviderContext.js';

/**
 * The provider a contract suite exercises: it is taken from the plugin by port
 * and `type`, its options are validated by its own schema and it is created
 * and started as the runtime does, once per test.
 */
export interface ContractSubject {
  /** The plugin, as its module's default export. */
  readonly plugin: DriftwatchPlugin;
  /** The provider's `type`. */
  readonly type: string;
  /**
   * Options as a config file would give them (before the schema), made anew for
   * each test. Relative paths resolve against `context.baseDir`, a fresh
   * temporary folder per test.
   */
  readonly options: () => unknown | Promise<unknown>;
  /** Context fields to use instead of the test ones (e.g. `env`, `clock`, `store`). */
  readonly context?: () => Partial<ProviderContext> | Promise<Partial<ProviderContext>>;
  /** Deadline of each lifecycle call, in ms; default 5 000 (the runtime's). */
  readonly deadlineMs?: number;
}
