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
  type SinkDelivery,
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
import { prepareSinkDelivery } from '../sinks/deliverToSink.js';
import { defaultSinkDeliveryOptions, type SinkDeliveryOptions } from '../sinks/SinkDeliveryOptions.js';
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
  'sinks',
  'error',
]);

/**
 * Runs a monitor once, under a per-monitor lock: records the run as `started` (marking a run of
 * the monitor left `started` by a killed process `interrupted`), computes drift and the
 * extensions, publishes every point (with a `monitor` dimension and the run's id) to the
 * top-level and the monitor's sinks through their outboxes (see {@link deliverToSink}: a failed
 * or hung sink does not stop the others and is recorded), fires alert rules to their channels
 * with retries, and records the finished run. A run that fails is recorded as `failed` and its
 * error rethrown.
 */
@injectable()
export class MonitorRunner {
  readonly #options: Required<Omit<MonitorRunnerOptions, 'delivery' | 'postRun' | 'sinks' | 'reference'>> &
    Pick<MonitorRunnerOptions, 'reference'> & {
      delivery: DeliveryPolicy;
      sinks: SinkDeliveryOptions;
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
      sinks: {
        ...defaultSinkDeliveryOptions,
        redact: options.redact ?? defaultSinkDeliveryOptions.redact,
        now: () => (options.now ?? (() => new Date()))().getTime(),
        ...options.sinks,
      },
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
      await this.#markInterrupted(monitor.name, runId);
      // Recorded before anything is published: every point carries this id, so no point can name a run that is not recorded.
      await this.store.saveRun({ id: runId, monitor: monitor.name, startedAt, status: 'started', result: null });
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
          sinks: [],
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

  /** Runs of the monitor still `started` cannot be running: this run holds the monitor's lock. */
  async #markInterrupted(monitor: string, runId: string): Promise<void> {
    for (const run of await this.store.listRuns({ monitor, limit: 10 })) {
      if (run.status === 'started' && run.monitor === monitor && run.id !== runId)
        await this.store.saveRun({ ...run, status: 'interrupted' });
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
    const points: MetricPoint[] = driftMetricPoints(report, { monitor: monitor.name }).map((p) => ({ ...p, runId }));
    for (const extension of this.#options.extensions) {
      const out = await extension({ monitor, report, ...frames });
      for (const [key, value] of Object.entries(out?.sections ?? {})) {
        if (reservedKeys.has(key) || key in sections) throw new Error(`a monitor extension returned the section "${key}", which is taken`);
        sections[key] = value;
      }
      for (const p of out?.points ?? []) points.push({ ...p, dimensions: { ...p.dimensions, monitor: monitor.name }, runId });
    }

    const failedSinks: FailedSink[] = [];
    const sinks: SinkDelivery[] = [];
    // Every outbox is read first, then every sink gets its points at once (see prepareSinkDelivery).
    const targets = this.sinksFor(monitor.name);
    const prepared = await Promise.all(targets.map((sink) => prepareSinkDelivery(sink, this.store, runId, this.#options.sinks)));
    await Promise.all(
      prepared.map(async (delivery, i) => {
        const outcome = await delivery.send(points);
        sinks.push(outcome.delivery);
        if (outcome.failure !== undefined)
          failedSinks.push({ sink: targets[i]!.path, type: targets[i]!.provider.type, reason: outcome.failure });
      }),
    );
    failedSinks.sort((a, b) => a.sink.localeCompare(b.sink));
    sinks.sort((a, b) => a.sink.localeCompare(b.sink));

    const alerts: FiredAlert[] = [];
    for (const { rule, alert } of evaluateAlertRules(monitor.name, monitor.alerts, points)) {
      const targets = rule.channels ? this.channels.filter((c) => rule.channels!.includes(c.name)) : this.channels;
      const deliveries = await Promise.all(
        targets.map((c) =>
          deliverAlert(
            { name: c.name, channel: c.provider },
            alert,
            c.timeoutMs === undefined ? this.#options.delivery : { ...this.#options.delivery, timeoutMs: c.timeoutMs },
          ),
        ),
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
      sinks,
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
