import { randomBytes } from 'node:crypto';
import {
  type AlertChannel,
  ConfigError,
  DriftwatchError,
  type FailedSink,
  type FiredAlert,
  type MetricPoint,
  type MonitorRunResult,
  monitorRunSchemaVersion,
  type RunRecord,
  type RunStore,
  runStoreToken,
  StateError,
  UsageError,
} from '@driftwatch/core';
import { inject, injectable } from 'inversify';
import type { CheckRequest, CheckService } from '../check/CheckService.js';
import { driftMetricPoints } from '../check/driftMetricPoints.js';
import {
  alertChannelsToken,
  type Configured,
  checkServiceToken,
  type DataSourceFactory,
  dataSourceFactoryToken,
  type MonitorSinks,
  monitorRunnerOptionsToken,
  monitorSinksToken,
} from '../composition/tokens.js';
import type { MonitorConfig } from '../config/driftwatchConfigSchema.js';
import { type DeliveryPolicy, deliverAlert } from './deliverAlert.js';
import { evaluateAlertRules } from './evaluateAlertRules.js';
import type { MonitorExtension } from './MonitorExtension.js';
import { kindsSchema, readMonitorFrames } from './readMonitorFrames.js';

/** Settings of the {@link MonitorRunner}; every field has a default. */
export interface MonitorRunnerOptions {
  /** Add result sections and points to every run (model quality, windows). Default none. */
  readonly extensions?: readonly MonitorExtension[];
  /** Whether a monitor's run reads the frames for the extensions (a second read of both sides). Default: always, when there are extensions. */
  readonly needsFrames?: (monitor: MonitorConfig) => boolean;
  /** Alert delivery retries. */
  readonly delivery?: Partial<DeliveryPolicy>;
  /** How long a run's lock on its monitor lasts before another process may take it over. Default 1 hour. */
  readonly lockTtlMs?: number;
  /** Scrubs secrets from error messages and reasons kept in results. Default: identity. */
  readonly redact?: (text: string) => string;
  /** Clock, for tests. */
  readonly now?: () => Date;
  /**
   * Called with each computed result before it is recorded; the sections it
   * returns are added to the result (retraining adds `retraining`). It must
   * not throw for outcomes it can record itself.
   */
  readonly postRun?: (monitor: MonitorConfig, result: MonitorRunResult) => Promise<Readonly<Record<string, unknown>> | undefined>;
}

/** Result keys extensions may not replace. */
const reservedKeys = new Set([
  'schemaVersion',
  'runId',
  'monitor',
  'startedAt',
  'finishedAt',
  'status',
  'drift',
  'alerts',
  'failedSinks',
  'publishedPoints',
  'error',
]);

/**
 * Runs a monitor once: drift through the {@link CheckService}, then the
 * extensions, publishes every point (with a `monitor` dimension) to the
 * top-level and the monitor's sinks (a failed sink does not stop the others
 * and is recorded), fires alert rules to their channels with retries, and
 * records the run in the run store under a per-monitor lock. A run that
 * fails is recorded as `failed` and its error rethrown.
 */
@injectable()
export class MonitorRunner {
  readonly #options: Required<Omit<MonitorRunnerOptions, 'delivery' | 'postRun'>> & {
    delivery: DeliveryPolicy;
    postRun?: MonitorRunnerOptions['postRun'];
  };

  constructor(
    @inject(checkServiceToken) private readonly checkService: CheckService,
    @inject(dataSourceFactoryToken) private readonly openSource: DataSourceFactory,
    @inject(monitorSinksToken) private readonly sinksFor: MonitorSinks,
    @inject(alertChannelsToken) private readonly channels: readonly Configured<AlertChannel>[],
    @inject(runStoreToken) private readonly store: RunStore,
    @inject(monitorRunnerOptionsToken) options: MonitorRunnerOptions,
  ) {
    this.#options = {
      extensions: options.extensions ?? [],
      needsFrames: options.needsFrames ?? (() => true),
      lockTtlMs: options.lockTtlMs ?? 3_600_000,
      redact: options.redact ?? ((t) => t),
      now: options.now ?? (() => new Date()),
      ...(options.postRun ? { postRun: options.postRun } : {}),
      delivery: {
        attempts: 3,
        baseDelayMs: 1000,
        maxDelayMs: 30_000,
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        ...options.delivery,
      },
    };
  }

  /** Runs `monitor` once; `index` is its position in `monitors:`, for messages. */
  async run(monitor: MonitorConfig, index = 0): Promise<MonitorRunResult> {
    const { redact, now } = this.#options;
    const startedAt = now().toISOString();
    const runId = `${startedAt.replace(/[-:.]/g, '')}-${monitor.name}-${randomBytes(3).toString('hex')}`;
    const lock = `monitor-${monitor.name}`;
    if (!(await this.store.acquireLock(lock, runId, this.#options.lockTtlMs))) {
      const minutes = Math.ceil(this.#options.lockTtlMs / 60_000);
      throw new StateError(
        'STATE_CONFLICT',
        `monitor "${monitor.name}" is being run by another process (lock "${lock}"); try again when it ends (a lock left by a crashed run expires ${minutes} min after it was taken)`,
      );
    }
    try {
      let result: MonitorRunResult;
      try {
        result = await this.#run(monitor, index, runId, startedAt);
        const extra = await this.#options.postRun?.(monitor, result);
        for (const [key, value] of Object.entries(extra ?? {})) {
          if (reservedKeys.has(key) || key in result) throw new Error(`a post-run step returned the section "${key}", which is taken`);
          result = { ...result, [key]: value };
        }
      } catch (error) {
        const code = error instanceof DriftwatchError ? error.code : 'INTERNAL';
        const failed: MonitorRunResult = {
          schemaVersion: monitorRunSchemaVersion,
          runId,
          monitor: monitor.name,
          startedAt,
          finishedAt: now().toISOString(),
          status: 'failed',
          drift: null,
          alerts: [],
          failedSinks: [],
          publishedPoints: 0,
          error: { code, message: redact((error as Error).message ?? String(error)) },
        };
        await this.store.saveRun(toRecord(failed));
        throw error;
      }
      await this.store.saveRun(toRecord(result));
      return result;
    } finally {
      await this.store.releaseLock(lock, runId);
    }
  }

  async #run(monitor: MonitorConfig, index: number, runId: string, startedAt: string): Promise<MonitorRunResult> {
    const { redact, now } = this.#options;
    const request = checkRequestFor(monitor);
    let report: Awaited<ReturnType<CheckService['check']>>['report'];
    try {
      ({ report } = await this.checkService.check(request));
    } catch (error) {
      // The check service speaks in CLI flags; a config user needs config paths.
      if (error instanceof UsageError) {
        const message = error.message
          .replace(/^--ignore names/, 'schema.ignore, schema.id or schema.timestamp names')
          .replace(/^--columns names/, 'drift.columns names');
        throw new ConfigError(`monitors[${index}] "${monitor.name}": ${message}`, { cause: error });
      }
      throw error;
    }

    const sections: Record<string, unknown> = {};
    const points: MetricPoint[] = driftMetricPoints(report, { monitor: monitor.name });
    // The frames are read a second time, in file order, only for monitors with settings the extensions use.
    if (this.#options.extensions.length > 0 && this.#options.needsFrames(monitor)) {
      const frames = await readMonitorFrames(this.openSource, monitor);
      for (const extension of this.#options.extensions) {
        const out = await extension({ monitor, report, ...frames });
        for (const [key, value] of Object.entries(out?.sections ?? {})) {
          if (reservedKeys.has(key) || key in sections)
            throw new Error(`a monitor extension returned the section "${key}", which is taken`);
          sections[key] = value;
        }
        for (const p of out?.points ?? []) points.push({ ...p, dimensions: { ...p.dimensions, monitor: monitor.name } });
      }
    }

    const failedSinks: FailedSink[] = [];
    await Promise.all(
      this.sinksFor(monitor.name).map(async ({ path, provider }) => {
        try {
          await provider.publish(points);
          await provider.flush();
        } catch (error) {
          failedSinks.push({ sink: path, type: provider.type, reason: redact((error as Error).message) });
        }
      }),
    );
    failedSinks.sort((a, b) => a.sink.localeCompare(b.sink));

    const alerts: FiredAlert[] = [];
    for (const { rule, alert } of evaluateAlertRules(monitor.name, monitor.alerts, points)) {
      const targets = rule.channels ? this.channels.filter((c) => rule.channels!.includes(c.name)) : this.channels;
      const deliveries = await Promise.all(
        targets.map((c) => deliverAlert({ name: c.name, channel: c.provider }, alert, this.#options.delivery)),
      );
      alerts.push({ alert, deliveries: deliveries.map((d) => (d.reason ? { ...d, reason: redact(d.reason) } : d)) });
    }

    return {
      schemaVersion: monitorRunSchemaVersion,
      runId,
      monitor: monitor.name,
      startedAt,
      finishedAt: now().toISOString(),
      status: report.dataset.drifted ? 'drift' : 'ok',
      drift: report,
      ...sections,
      alerts,
      failedSinks,
      publishedPoints: points.length,
    };
  }
}

/**
 * The check a monitor's drift settings describe. The id and timestamp
 * columns are left out of drift tests (they always "drift"); the target and
 * prediction stay in (target and prediction drift are signals of their own).
 */
export function checkRequestFor(monitor: MonitorConfig): CheckRequest {
  const { schema: s, drift: d } = monitor;
  const ignore = [...new Set([...s.ignore, ...[s.id, s.timestamp].filter((c): c is string => c !== undefined)])];
  return {
    reference: monitor.reference,
    current: monitor.current,
    schema: kindsSchema(monitor),
    drift: {
      columns: d.columns,
      ignore,
      methods: typeof d.methods === 'string' ? { '*': d.methods } : d.methods,
      thresholds: typeof d.thresholds === 'number' ? { '*': d.thresholds } : d.thresholds,
      datasetShare: d.datasetShare,
      correction: d.correction,
      seed: d.seed,
    },
    dimensions: { monitor: monitor.name },
  };
}

function toRecord(result: MonitorRunResult): RunRecord {
  return {
    id: result.runId,
    monitor: result.monitor,
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    status: result.status,
    result,
    failedSinks: result.failedSinks.map((f) => ({ type: f.type, reason: f.reason })),
  };
}
