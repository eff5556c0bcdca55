import type { ColumnKind } from '@driftwatch/core';
import { type DataSourceFactory, type DriftwatchConfig, type MonitorConfig, monitorSchema } from '@driftwatch/runtime';
import { ProblemError } from '../http/ProblemError.js';
import { featureKinds } from '../ingest/validateBatch.js';

/** The feature columns (with kinds) of each monitor, read once from its reference's head and kept. */
export class MonitorSchemas {
  readonly #cache = new Map<
    string,
    Promise<{ columns: ReadonlyMap<string, ColumnKind>; all: { name: string; kind: ColumnKind; role?: string }[] }>
  >();

  constructor(
    private readonly config: DriftwatchConfig,
    private readonly openSource: DataSourceFactory,
  ) {}

  /** The monitor's config and index; a 404 problem for an unknown monitor. */
  monitor(name: string): { readonly monitor: MonitorConfig; readonly index: number } {
    const index = this.config.monitors.findIndex((m) => m.name === name);
    if (index < 0)
      throw new ProblemError(404, 'not-found', `no monitor "${name}" (monitors: ${this.config.monitors.map((m) => m.name).join(', ')})`);
    return { monitor: this.config.monitors[index] as MonitorConfig, index };
  }

  /** The monitor's columns; a failure to read the reference is not kept (the next call tries again). */
  async columns(
    name: string,
  ): Promise<{ columns: ReadonlyMap<string, ColumnKind>; all: { name: string; kind: ColumnKind; role?: string }[] }> {
    const { monitor, index } = this.monitor(name);
    let entry = this.#cache.get(name);
    if (!entry) {
      entry = monitorSchema(this.openSource, monitor, index).then((schema) => ({
        columns: featureKinds(schema),
        all: schema.columns.map((c) => ({ name: c.name, kind: c.kind, ...(c.role ? { role: c.role } : {}) })),
      }));
      this.#cache.set(name, entry);
      entry.catch(() => this.#cache.delete(name));
    }
    try {
      return await entry;
    } catch (error) {
      throw new ProblemError(503, 'not-ready', `monitor "${name}": its reference schema could not be read: ${(error as Error).message}`);
    }
  }
}
