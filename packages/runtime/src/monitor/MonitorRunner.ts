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
  UsageError,
} from '@driftwatch/core';
import { driftMetricPoints, ExactDriftEngine } from '@driftwatch/drift';
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
import { parseMemorySize } from '../memory/parseMemorySize.js';
import { monitorDriftOptions } from '../pipeline/monitorDriftOptions.js';
import { monitorFrameSetRequest } from '../pipeline/monitorFrameSetRequest.js';
import { formatBytes, type MemoryPlan, profileFrameSet } from '../pipeline/profileFrameSet.js';
import { type FrameSet, type FrameSetRequest, readFrameSet } from '../pipeline/readFrameSet.js';
import type { SourceSpec } from '../pipeline/SourceSpec.js';
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
  'sourceFigures',
]);

/**
 * Runs a monitor once, under a per-monitor lock: records the run as `started` (marking a run of
 * the monitor left `started` by a killed process `interrupted`), computes drift and the
 * extensions, publishes every point (with a `monitor` dimension and the run's id) to the
 * top-level and the monitor's sinks through their outboxes (see {@link deliverToSink}: a failed
 * or hung sink does not stop the others and is recorded), fires alert rules to their channels
 * with retries, and records the finished run. A run that fails is recorded as `failed` and its
 * error rethrown. A run whose `signal` aborts stops at the next step boundary (after reading,
 * drift, the extensions, publishing, alerting) and is recorded `interrupted`, never with a
 * result that ends later.
 */
@injectable()
export class MonitorRunner {
  readonly #options: Required<
    Omit<MonitorRunnerOptions, 'delivery' | 'postRun' | 'sinks' | 'reference' | 'maxMemoryBytes' | 'defaultMaxMemory'>
  > &
    Pick<MonitorRunnerOptions, 'reference' | 'maxMemoryBytes' | 'defaultMaxMemory'> & {
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
      ...(options.maxMemoryBytes !== undefined ? { maxMemoryBytes: options.maxMemoryBytes } : {}),
      ...(options.defaultMaxMemory !== undefined ? { defaultMaxMemory: options.defaultMaxMemory } : {}),
      delivery: {
        attempts: 3,
        baseDelayMs: 1000,
        maxDelayMs: 30_000,
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        ...options.delivery,
      },
    };
  }

  /**
   * Runs `monitor` once; `index` is its position in `monitors:`, for messages.
   * @param options.signal - aborts the run between its steps (a scheduler stopping past its deadline):
   *   the run is recorded `interrupted` and a {@link StateError} naming the monitor is thrown.
   */
  async run(monitor: MonitorConfig, index = 0, options: { readonly signal?: AbortSignal } = {}): Promise<MonitorRunResult> {
    const { redact, now } = this.#options;
    const { signal } = options;
    const checkAborted = () => {
      if (signal?.aborted) throw abortedError(monitor.name, signal.reason);
    };
    checkAborted();
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
        let frames: MonitorFrames | undefined;
        ({ result, frames } = await this.#run(monitor, index, runId, startedAt, checkAborted));
        checkAborted();
        const extra = await this.#options.postRun?.(monitor, result, frames);
        for (const [key, value] of Object.entries(extra ?? {})) {
          if (reservedKeys.has(key) || key in result) throw new Error(`a post-run step returned the section "${key}", which is taken`);
          result = { ...result, [key]: value };
        }
        checkAborted();
      } catch (error) {
        if (signal?.aborted) {
          // Whatever failed after the abort: the run did not end, and nothing it did later may replace this record.
          await this.store.saveRun({ id: runId, monitor: monitor.name, startedAt, status: 'interrupted', result: null });
          throw isAbortedError(error) ? error : abortedError(monitor.name, signal.reason, error);
        }
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
      const retention = monitor.events?.retention;
      if (retention !== undefined) await this.store.events?.().prune(monitor.name, new Date(now().getTime() - retention).toISOString());
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
    checkAborted: () => void,
  ): Promise<{ result: MonitorRunResult; frames: MonitorFrames | undefined }> {
    const { redact, now } = this.#options;
    // Each side is read once; drift, the extensions and retraining share the frames.
    // Over the memory budget, drift is summarised while reading and no frames are kept.
    let frames: MonitorFrames | undefined;
    let figures: FrameSet['figures'];
    let report: DriftReport;
    try {
      const reference = await this.#options.reference?.(monitor, index);
      const request = monitorFrameSetRequest(monitor, index, reference);
      const profiled = await this.#overBudget(monitor, index, request);
      if (profiled) report = profiled;
      else {
        const set = await readFrameSet(this.openSource, request);
        checkAborted();
        frames = { reference: set.reference as Frame, current: set.current, currentColumnNames: set.currentColumnNames };
        figures = set.figures;
        const driftColumns = set.driftColumns;
        // The engine sorts numeric columns in place: it gets copies, the other steps need file order.
        report = this.engine.compare(sortableCopy(frames.reference, driftColumns), sortableCopy(frames.current, driftColumns), {
          ...monitorDriftOptions(monitor),
          columns: driftColumns,
          ignore: [],
          reorderRows: true,
        });
      }
    } catch (error) {
      // The engine names its options; a config user needs config paths.
      if (isColumnSelectionError(error)) {
        const message = `monitors[${index}] "${monitor.name}": ${error.wordedFor(configWording)}`;
        if (error.problem.kind === 'unknown') throw new ConfigError(message, { cause: error });
        throw new InputError('INPUT_COLUMNS_MISMATCH', message, { cause: error });
      }
      throw error;
    }
    checkAborted();

    const sections: Record<string, unknown> = {};
    const points: MetricPoint[] = driftMetricPoints(report, { monitor: monitor.name }).map((p) => ({ ...p, runId }));
    // What the sources computed over their rows: the current side's are this run's figures (stamped like its drift points).
    for (const f of figures?.current ?? [])
      points.push({ ...f, timestamp: report.generatedAt, dimensions: { ...f.dimensions, monitor: monitor.name }, runId });
    if (figures !== undefined) sections.sourceFigures = figures;
    // Extensions need the rows: a monitor with performance or windows never runs summarised (see #overBudget).
    for (const extension of this.#options.extensions) {
      if (!frames) break;
      const out = await extension({ monitor, report, ...frames });
      checkAborted();
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
    checkAborted();
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

    checkAborted();
    // A store with the server's capabilities keeps the run's figures and fired alerts (API, dashboard, /metrics).
    await this.store.series?.().append(points);
    if (alerts.length > 0) await this.store.alerts?.().append(alerts.map(({ alert }) => ({ ...alert, runId })));

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

  /**
   * The drift report of a run whose data is over its memory budget, summarised while reading
   * (the path `check --max-memory` takes, see `profileFrameSet`); undefined when there is no
   * budget, the data fits, or a side is not a local CSV, TSV or JSON Lines file: the run then
   * reads whole. A monitor whose other steps need whole rows (`performance`, `windows`,
   * `retraining`) is refused with a config error before anything is read: a sample would
   * silently change what the model is trained and judged on.
   */
  async #overBudget(monitor: MonitorConfig, index: number, request: FrameSetRequest): Promise<DriftReport | undefined> {
    const budget = this.#budget(monitor, index);
    if (budget === undefined || !(this.engine instanceof ExactDriftEngine) || request.reference === undefined) return undefined;
    const engine = this.engine;
    const paths = request.sourcePaths ?? { reference: 'reference', current: 'current' };
    const [reference, current] = await Promise.all([
      this.#localSpec(request.reference, paths.reference),
      this.#localSpec(request.current, paths.current),
    ]);
    const wholeRows = (['performance', 'windows', 'retraining'] as const).filter((step) => monitor[step] !== undefined);
    const refuse = (plan: MemoryPlan) => {
      if (wholeRows.length === 0) return;
      const steps = wholeRows.join(', ');
      throw budget.error(
        `monitors[${index}] "${monitor.name}": its data is over the memory budget (${budget.name} ${formatBytes(plan.budgetBytes)}; the drift-tested columns alone need ~${formatBytes(plan.estimatedBytes)} in memory) and ${steps} need${wholeRows.length === 1 ? 's' : ''} whole rows, which are not summarised: raise ${budget.advice} above ${formatBytes(plan.estimatedBytes)} (whole rows take more), or test drift on this data in a monitor without ${steps}`,
      );
    };
    try {
      const profiled = await profileFrameSet({
        reference,
        current,
        ...(request.kinds ? { kinds: request.kinds } : {}),
        columns: request.drift?.columns,
        ignore: request.drift?.ignore,
        budgetBytes: budget.bytes,
        budgetName: budget.advice,
        onOverBudget: refuse,
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      });
      if (!profiled) return undefined;
      return engine.compareProfiled(
        profiled.reference,
        profiled.current,
        { ...monitorDriftOptions(monitor), ignore: [] },
        profiled.memory,
        budget.advice,
      );
    } catch (error) {
      // The budget's own errors name the monitor and, for a configured budget, are config errors.
      if (error instanceof UsageError && !error.message.startsWith(`monitors[${index}]`))
        throw budget.error(`monitors[${index}] "${monitor.name}": ${error.message}`, error);
      throw error;
    }
  }

  /** A monitor's budget: `run --max-memory`, else its `drift.maxMemory`, else the default; with how messages name it. */
  #budget(
    monitor: MonitorConfig,
    index: number,
  ): { bytes: number; name: string; advice: string; error: (message: string, cause?: unknown) => Error } | undefined {
    const own = `monitors[${index}].drift.maxMemory`;
    if (this.#options.maxMemoryBytes !== undefined)
      return {
        bytes: this.#options.maxMemoryBytes,
        name: '--max-memory',
        advice: '--max-memory',
        error: (message, cause) => new UsageError(message, { cause }),
      };
    const value = monitor.drift.maxMemory ?? this.#options.defaultMaxMemory;
    if (value === undefined) return undefined;
    const parsed = parseMemorySize(value);
    const name = monitor.drift.maxMemory !== undefined ? own : `the default ${value}`;
    if ('problem' in parsed) throw new ConfigError(`${monitor.drift.maxMemory !== undefined ? own : 'maxMemory'}: ${parsed.problem}`);
    return {
      bytes: parsed.bytes,
      name,
      advice: `${own} (or run --max-memory)`,
      error: (message, cause) => new ConfigError(message, { cause }),
    };
  }

  /** A side as the summarised path reads it: a file source's path as its provider resolves it (against the config's folder). */
  async #localSpec(spec: SourceSpec, configPath: string): Promise<SourceSpec> {
    if (typeof spec.path !== 'string') return spec;
    const source = await this.openSource(spec, configPath);
    try {
      return { ...spec, path: source.uri };
    } finally {
      await source.close?.();
    }
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

/** Marks the errors {@link abortedError} makes. */
const abortedMark = Symbol('driftwatch.runAborted');

/** The error of a run stopped by its abort signal: names the monitor and the abort's reason. */
function abortedError(monitor: string, reason: unknown, cause?: unknown): StateError {
  const why = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'aborted';
  const error = new StateError('STATE_CONFLICT', `monitor "${monitor}": the run was aborted (${why}); it is recorded as interrupted`, {
    cause: cause ?? reason,
  });
  return Object.assign(error, { [abortedMark]: true });
}

function isAbortedError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && abortedMark in error;
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
