import { randomBytes } from 'node:crypto';
import { type MetricsSink, type RunStore, runStoreToken, type SinkDelivery } from '@driftwatch/core';
import { inject, injectable } from 'inversify';
import { type Configured, configuredSinksToken, monitorRunnerOptionsToken } from '../composition/tokens.js';
import type { MonitorRunnerOptions } from '../monitor/MonitorRunnerOptions.js';
import { deliverToSink } from './deliverToSink.js';
import { defaultSinkDeliveryOptions, type SinkDeliveryOptions } from './SinkDeliveryOptions.js';

/** What one sink's flush did. */
export interface SinkFlushResult {
  readonly delivery: SinkDelivery;
  /** Why some points are still pending (secrets redacted). */
  readonly failure?: string;
}

/**
 * `driftwatch sinks flush`: sends every configured sink's outbox (the points earlier runs could not
 * deliver) as a run would before its own points, each sink under its outbox lock, all at once.
 */
@injectable()
export class SinkFlushService {
  readonly #options: SinkDeliveryOptions;

  constructor(
    @inject(configuredSinksToken) private readonly sinks: readonly Configured<MetricsSink>[],
    @inject(runStoreToken) private readonly store: RunStore,
    @inject(monitorRunnerOptionsToken) options: MonitorRunnerOptions,
  ) {
    this.#options = { ...defaultSinkDeliveryOptions, ...(options.redact ? { redact: options.redact } : {}), ...options.sinks };
  }

  /** Flushes every sink's outbox; results in config order. */
  async flush(): Promise<SinkFlushResult[]> {
    const owner = `sinks-flush-${process.pid}-${randomBytes(3).toString('hex')}`;
    const seen = new Set<string>();
    const sinks = this.sinks.filter((s) => {
      const key = s.key ?? s.path;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return Promise.all(
      sinks.map(async (sink) => {
        const { delivery, failure } = await deliverToSink(sink, [], this.store, owner, this.#options);
        return failure === undefined ? { delivery } : { delivery, failure };
      }),
    );
  }
}
