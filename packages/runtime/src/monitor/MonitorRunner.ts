import { randomBytes } from 'node:crypto';
import {
  type AlertChannel,
  ConfigError,
  type DriftEngine,
  type DriftReport,
  driftEngineToken,
  evaluateAlertRules,
  type FailedSink,
  type FiredAlert,
  type Frame,
  InputError,
  isColumnSelectionError,
  isDriftwatchError,
  type MetricPoint,
  type MonitorRunResult,
  monitorRunSchemaVersion,
  type OptionWording,
  type RunRecord,
  type RunStore,
  runStoreToken,
  StateError,
} from '@driftwatch/core';
import { driftMetricPoints } from '@driftwatch/drift';
import { inject, injectable } from 'inversify';
import {
  alertChannelsToken,
  type Configured,
  type DataSourceFactory,
  dataSourceFactoryToken,
  type MonitorSinks,
  monitorRunnerOptionsToken,
  monitorSinksToken,
} from '../composition/tokens.js';
import type { MonitorConfig } from '../config/driftwatchConfigSchema.js';
import { monitorDriftOptions } from '../pipeline/monitorDriftOptions.js';
import { monitorFrameSetRequest } from '../pipeline/monitorFrameSetRequest.js';
import { readFrameSet } from '../pipeline/readFrameSet.js';
import { sortableCopy } from '../pipeline/sortableCopy.js';
import { type DeliveryPolicy, deliverAlert } from './deliverAlert.js';
import type { MonitorFrames } from './MonitorExtension.js';
import type { MonitorRunnerOptions } from './MonitorRunnerOptions.js';

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
  readonly #options: Required<Omit<MonitorRunnerOptions, 'delivery' | 'postRun' | 'reference'>> &
    Pick<MonitorRunnerOptions, 'reference'> & {
      delivery: DeliveryPolicy;
      postRun?: MonitorRunnerOptions['postRun'];
    };

  constructor(
    @inject(driftEngineToken) private readonly engine: DriftEngine,
    @inject(dataSourceFactoryToken) private readonly openSource: DataSourceFactory,
    @inject(monitorSinksToken) private readonly sinksFor: MonitorSinks,
    @inject(alertChannelsToken) private readonly channels: readonly Configured<AlertChannel>[],
    @inject(runStoreToken) private readonly store: RunStore,
    @inject(monitorRunnerOptionsToken) options: MonitorRunnerOptions,
  ) {
    this.#options = {
      extensions: options.extensions ?? [],
      lockTtlMs: options.lockTtlMs ?? 3_600_000,
      redact: options.redact ?? ((t) => t),
      now: options.now ?? (() => new Date()),
      ...(options.postRun ? { postRun: options.postRun } : {}),
      ...(options.reference ? { reference: options.reference } : {}),
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
        let frames: MonitorFrames;
        ({ result, frames } = await this.#run(monitor, index, runId, startedAt));
        const extra = await this.#options.postRun?.(monitor, result, frames);
        for (const [key, value] of Object.entries(extra ?? {})) {
          if (reservedKeys.has(key) || key in result) throw new Error(`a post-run step returned the section "${key}", which is taken`);
          result = { ...result, [key]: value };
        }
      } catch (error) {
        const code = isDriftwatchError(error) ? error.code : 'INTERNAL';
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

  async #run(
    monitor: MonitorConfig,
    index: number,
    runId: string,
    startedAt: string,
  ): Promise<{ result: MonitorRunResult; frames: MonitorFrames }> {
    const { redact, now } = this.#options;
    // Each side is read once; drift, the extensions and retraining share the frames.
    let frames: MonitorFrames;
    let driftColumns: readonly string[];
    let report: DriftReport;
    try {
      const reference = await this.#options.reference?.(monitor, index);
      const set = await readFrameSet(this.openSource, monitorFrameSetRequest(monitor, index, reference));
      frames = { reference: set.reference as Frame, current: set.current };
      driftColumns = set.driftColumns;
      // The engine sorts numeric columns in place: it gets copies, the other steps need file order.
      report = this.engine.compare(sortableCopy(frames.reference, driftColumns), sortableCopy(frames.current, driftColumns), {
        ...monitorDriftOptions(monitor),
        columns: driftColumns,
        ignore: [],
        reorderRows: true,
      });
    } catch (error) {
      // The engine names its options; a config user needs config paths.
      if (isColumnSelectionError(error)) {
        const message = `monitors[${index}] "${monitor.name}": ${error.wordedFor(configWording)}`;
        if (error.problem.kind === 'unknown') throw new ConfigError(message, { cause: error });
        throw new InputError('INPUT_COLUMNS_MISMATCH', message, { cause: error });
      }
      throw error;
    }

    const sections: Record<string, unknown> = {};
    const points: MetricPoint[] = driftMetricPoints(report, { monitor: monitor.name });
    for (const extension of this.#options.extensions) {
      const out = await extension({ monitor, report, ...frames });
      for (const [key, value] of Object.entries(out?.sections ?? {})) {
        if (reservedKeys.has(key) || key in sections) throw new Error(`a monitor extension returned the section "${key}", which is taken`);
        sections[key] = value;
      }
      for (const p of out?.points ?? []) points.push({ ...p, dimensions: { ...p.dimensions, monitor: monitor.name } });
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

    const result: MonitorRunResult = {
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
    return { result, frames };
  }
}

/** How a monitor's config names the drift options. */
const configWording: OptionWording = (option) =>
  ({
    columns: 'drift.columns',
    ignore: 'schema.ignore, schema.id or schema.timestamp',
    methods: 'drift.methods',
    thresholds: 'drift.thresholds',
  })[option];

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
