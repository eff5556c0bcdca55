import type { AlertStore, EventStore, MetricSeriesStore, RunStore, TokenScope, TokenStore } from '@driftwatch/core';
import type { DriftwatchConfig, RetrainingService } from '@driftwatch/runtime';
import type { Principal } from '../auth/Principal.js';
import type { SessionStore } from '../auth/SessionStore.js';
import type { WriteQueue } from '../ingest/WriteQueue.js';
import type { ServerMetrics } from '../metrics/ServerMetrics.js';
import type { RunTrigger } from '../runs/RunTrigger.js';
import type { MonitorSchemas } from './MonitorSchemas.js';

/** A run store with every capability the server needs. */
export type ServerStore = RunStore & {
  series(): MetricSeriesStore;
  alerts(): AlertStore;
  tokens(): TokenStore;
  events(): EventStore;
};

/** The shared services of the server's plugins (decorated as `app.dw`). */
export interface ServerServices {
  readonly config: DriftwatchConfig;
  readonly store: ServerStore;
  readonly runs: RunTrigger;
  /** The retraining use cases (models, retrain, promote, rollback); the CLI's `retrain` and `models` call the same. */
  readonly retraining: RetrainingService;
  readonly schemas: MonitorSchemas;
  readonly sessions: SessionStore;
  readonly metrics: ServerMetrics;
  readonly queue: WriteQueue;
  /** Epoch ms. */
  readonly now: () => number;
  /** `ready` once every plugin started; `stopping` from the first shutdown signal on. */
  readonly state: { ready: boolean; stopping: boolean };
  /** Models being retrained by this process (a second request gets 409). */
  readonly retrainingModels: Set<string>;
}

declare module 'fastify' {
  interface FastifyInstance {
    dw: ServerServices;
  }
  interface FastifyRequest {
    /** Who made the request, once the auth hook has run on a route with a scope. */
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The scope a route needs (`authenticated`: any valid token or session); absent: no authentication. */
    scope?: TokenScope | 'authenticated';
  }
}
