import type { ModelVersion, RetrainingAttempt, RunRecord, StoredAlert, StoredSeries } from '@driftwatch/core';

export type { ModelVersion, RetrainingAttempt, RunRecord, StoredAlert, StoredSeries };

/** `GET /api/v1/session`. */
export interface Session {
  readonly name: string;
  readonly scopes: readonly ('read' | 'ingest' | 'admin')[];
  /** Null when authenticated by a Bearer token (not the dashboard's case). */
  readonly csrfToken: string | null;
}

/** A monitor's state as the overview shows it. */
export type MonitorStatus = 'ok' | 'drift' | 'failed' | 'running' | 'never-run';

/** One run in a list. */
export interface RunSummary {
  readonly id: string;
  readonly monitor: string;
  readonly status: 'ok' | 'drift' | 'failed' | 'started' | 'interrupted';
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly driftShare?: number;
  readonly driftedColumns?: number;
  readonly columns?: number;
}

/** One monitor in `GET /api/v1/monitors`. */
export interface MonitorOverview {
  readonly name: string;
  readonly status: MonitorStatus;
  readonly schedule?: string | Readonly<Record<string, unknown>>;
  readonly nextRunAt?: string;
  readonly lastRun?: RunSummary;
  readonly driftShare?: number;
  readonly sparkline: readonly { readonly timestamp: string; readonly value: number }[];
}

/** `GET /api/v1/monitors/{monitor}`. */
export interface MonitorDetail extends MonitorOverview {
  readonly columns: readonly { readonly name: string; readonly kind: string; readonly role?: string }[];
  readonly config?: {
    readonly reference?: unknown;
    readonly current?: unknown;
    readonly drift?: { readonly datasetShare?: number };
    readonly performance?: { readonly metrics?: readonly string[] };
    readonly retraining?: boolean;
    readonly sinks?: number;
    readonly alerts?: readonly string[];
  };
}

/** A model in `GET /api/v1/models`. */
export interface ModelSummary {
  readonly name: string;
  readonly monitors: readonly string[];
  readonly registry: string;
  readonly champion?: ModelVersion;
  readonly versions: number;
}

/** `GET /api/v1/models/{model}`. */
export interface ModelDetail {
  readonly name: string;
  readonly monitors: readonly string[];
  readonly registry: string;
  readonly champion?: ModelVersion;
  readonly versions: readonly ModelVersion[];
}
