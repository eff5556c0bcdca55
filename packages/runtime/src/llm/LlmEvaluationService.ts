import { randomBytes } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import {
  type AlertChannel,
  ConfigError,
  DriftwatchError,
  evaluateAlertRules,
  type FailedSink,
  type FiredAlert,
  isDriftwatchError,
  type MetricPoint,
  type RetrainingOutcome,
  type RunStore,
  type SinkDelivery,
  StateError,
  UsageError,
} from '@driftwatch/core';
import type { Configured, MonitorSinks } from '../composition/tokens.js';
import type { EvaluationConfig } from '../config/evaluationConfigSchema.js';
import { type DeliveryPolicy, deliverAlert } from '../monitor/deliverAlert.js';
import { prepareSinkDelivery } from '../sinks/deliverToSink.js';
import type { SinkDeliveryOptions } from '../sinks/SinkDeliveryOptions.js';
import type { LlmEvaluationEngine, LlmEvaluationEngineLoader, LlmEvaluationResult, LlmSuite, LlmTarget } from './LlmEvaluationEngine.js';

/** One run of a suite as `eval`, `run` and the server record it: the engine's result with the run's delivery. */
export type LlmRunResult = LlmEvaluationResult & {
  readonly runId: string;
  readonly alerts: readonly FiredAlert[];
  readonly failedSinks: readonly FailedSink[];
  readonly sinks: readonly SinkDelivery[];
  readonly publishedPoints: number;
  /** What the suite's `promotion:` did after the run, when its alerts started an attempt (or tried to). */
  readonly promotion?: RetrainingOutcome;
};

/** What runs after a suite's run: the promotion loop (see `LlmPromotionService.afterRun`). */
export type LlmPostRun = (suite: EvaluationConfig, run: LlmRunResult) => Promise<RetrainingOutcome | undefined>;

/** What {@link LlmEvaluationService} is built from (the composition root gives it). */
export interface LlmEvaluationServiceDeps {
  readonly suites: readonly EvaluationConfig[];
  /** The config's folder: relative dataset and cache paths resolve against it. */
  readonly dir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The engine (the Bedrock plugin's); undefined when the process has none. */
  readonly engine?: LlmEvaluationEngineLoader;
  readonly store: RunStore;
  readonly sinksFor: MonitorSinks;
  readonly channels: readonly Configured<AlertChannel>[];
  readonly delivery: DeliveryPolicy;
  readonly sinks: SinkDeliveryOptions;
  readonly redact: (text: string) => string;
  readonly now?: () => Date;
  /** How long a run holds the suite's lock at most, ms; default 1 hour. */
  readonly lockTtlMs?: number;
}

/**
 * The golden-set suites of the config (`evaluations:`) as monitors: runs one under the same
 * `monitor-<name>` lock a monitor takes, records it (`kind: llm`, `started` first, then `ok` or
 * `failed`), compares it item by item with the suite's previous run, publishes its `llm.*` points to
 * the sinks through their outboxes, fires the suite's alert rules to the channels and hands the run
 * to the promotion loop. `driftwatch eval`, `driftwatch run` and the server's scheduler share it.
 */
export class LlmEvaluationService {
  readonly #deps: LlmEvaluationServiceDeps;
  #engine: Promise<LlmEvaluationEngine> | undefined;
  /** Set by the composition root when a suite has `promotion:`. */
  postRun: LlmPostRun | undefined;
  /** Resolves the model and prompt a suite asks now (the champion a promotion registry names); default the configured target. */
  targetOf: (suite: EvaluationConfig) => Promise<LlmTarget> = async (suite) => suite.target;

  constructor(deps: LlmEvaluationServiceDeps) {
    this.#deps = deps;
  }

  /** The suites' names, in config order. */
  get names(): readonly string[] {
    return this.#deps.suites.map((s) => s.name);
  }

  /** A suite by name; a UsageError naming the suites otherwise. */
  suite(name: string): { readonly config: EvaluationConfig; readonly index: number } {
    const index = this.#deps.suites.findIndex((s) => s.name === name);
    if (index < 0)
      throw new UsageError(`no evaluation suite "${name}" (suites: ${this.names.join(', ') || 'none: add an evaluations: section'})`);
    return { config: this.#deps.suites[index]!, index };
  }

  /** The engine, loaded once. */
  engine(): Promise<LlmEvaluationEngine> {
    const load = this.#deps.engine;
    if (!load)
      return Promise.reject(
        new ConfigError('evaluations: this process has no LLM evaluation engine (install @driftwatch/plugin-aws-bedrock)'),
      );
    this.#engine ??= load();
    return this.#engine;
  }

  /** The suite the engine runs for `target` (the configured one by default): paths absolute. */
  suiteFor(config: EvaluationConfig, target: LlmTarget = config.target): LlmSuite {
    const at = (p: string) => (isAbsolute(p) ? p : resolve(this.#deps.dir, p));
    return {
      name: config.name,
      dataset: at(config.dataset),
      target,
      scorers: config.scorers,
      ...(config.judge !== undefined ? { judge: config.judge } : {}),
      ...(config.embedding !== undefined ? { embedding: config.embedding } : {}),
      concurrency: config.concurrency,
      ...(config.tokenBudget !== undefined ? { tokenBudget: config.tokenBudget } : {}),
      ...(config.cache !== undefined ? { cacheDir: at(config.cache) } : {}),
      prices: config.prices,
      bootstrap: config.bootstrap,
    };
  }

  /** Evaluates `target` on the suite's golden set once, recording nothing (the promotion gate's evaluations). */
  async evaluate(name: string, target: LlmTarget, options: { readonly signal?: AbortSignal } = {}): Promise<LlmEvaluationResult> {
    const { config, index } = this.suite(name);
    const engine = await this.engine();
    return engine.evaluate(this.suiteFor(config, target), connectionOf(config), this.#deps.env, {
      configPath: `evaluations[${index}]`,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /**
   * Runs a suite once as a monitor run (see the class). A failed evaluation is recorded `failed` and
   * rethrown; a sink or channel that fails is recorded in the result (`failedSinks`, alert deliveries).
   */
  async run(name: string, options: { readonly signal?: AbortSignal; readonly runId?: string } = {}): Promise<LlmRunResult> {
    const { config, index } = this.suite(name);
    const { store, redact } = this.#deps;
    const now = this.#deps.now ?? (() => new Date());
    options.signal?.throwIfAborted();
    const startedAt = now().toISOString();
    // A queued job's retry passes the id its job derives, so it retakes the lock and replaces the run's record.
    const runId = options.runId ?? `${startedAt.replace(/[-:.]/g, '')}-${name}-${randomBytes(3).toString('hex')}`;
    const lock = `monitor-${name}`;
    if (!(await store.acquireLock(lock, runId, this.#deps.lockTtlMs ?? 3_600_000)))
      throw new StateError(
        'STATE_CONFLICT',
        `evaluation "${name}" is being run by another process (lock "${lock}"); try again when it ends`,
      );
    try {
      const previous = (await store.listRuns({ monitor: name, limit: 20 })).find(
        (r) => r.status === 'ok' && (r.result as Partial<LlmEvaluationResult> | undefined)?.kind === 'llm',
      );
      await store.saveRun({ id: runId, monitor: name, startedAt, status: 'started', result: null });
      let run: LlmRunResult;
      try {
        const engine = await this.engine();
        const target = await this.targetOf(config);
        let result = await engine.evaluate(this.suiteFor(config, target), connectionOf(config), this.#deps.env, {
          configPath: `evaluations[${index}]`,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        if (previous !== undefined) result = engine.compare(previous.result as LlmEvaluationResult, result, config.bootstrap);
        const points = engine.points(result).map((p) => ({ ...p, runId }));
        run = { ...result, runId, ...(await this.#deliver(config, runId, points)) };
      } catch (error) {
        const message = redact(error instanceof Error ? error.message : String(error));
        await store.saveRun({
          id: runId,
          monitor: name,
          startedAt,
          finishedAt: now().toISOString(),
          status: options.signal?.aborted ? 'interrupted' : 'failed',
          result: {
            schemaVersion: 1,
            kind: 'llm',
            suite: name,
            model: config.target.modelId,
            runId,
            error: { code: isDriftwatchError(error) ? error.code : 'INTERNAL', message },
          },
        });
        throw error;
      }
      await store.saveRun({
        id: runId,
        monitor: name,
        startedAt,
        finishedAt: run.finishedAt,
        status: 'ok',
        result: run,
        ...(run.failedSinks.length > 0 ? { failedSinks: run.failedSinks.map((f) => ({ type: f.type, reason: f.reason })) } : {}),
      });
      const promotion = await this.#afterRun(config, run);
      if (promotion === undefined) return run;
      const withPromotion = { ...run, promotion };
      await store.saveRun({ id: runId, monitor: name, startedAt, finishedAt: run.finishedAt, status: 'ok', result: withPromotion });
      return withPromotion;
    } finally {
      await store.releaseLock(lock, runId);
    }
  }

  async #afterRun(config: EvaluationConfig, run: LlmRunResult): Promise<RetrainingOutcome | undefined> {
    if (!this.postRun) return undefined;
    try {
      return await this.postRun(config, run);
    } catch (error) {
      if (!(error instanceof DriftwatchError)) throw error;
      return {
        schemaVersion: 1,
        monitor: config.name,
        model: config.promotion?.model ?? config.name,
        decision: { retrain: false, blockedBy: [] },
        resumed: [],
        error: { code: error.code, message: this.#deps.redact(error.message) },
      };
    }
  }

  /** Publishes the points to every sink of the suite (through the outboxes), then fires its alert rules. */
  async #deliver(
    config: EvaluationConfig,
    runId: string,
    points: readonly MetricPoint[],
  ): Promise<Pick<LlmRunResult, 'alerts' | 'failedSinks' | 'sinks' | 'publishedPoints'>> {
    const { store, redact } = this.#deps;
    const targets = this.#deps.sinksFor(config.name);
    const prepared = await Promise.all(targets.map((sink) => prepareSinkDelivery(sink, store, runId, this.#deps.sinks)));
    const failedSinks: FailedSink[] = [];
    const sinks: SinkDelivery[] = [];
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
    for (const { rule, alert } of evaluateAlertRules(config.name, config.alerts, points)) {
      const channels = rule.channels ? this.#deps.channels.filter((c) => rule.channels!.includes(c.name)) : this.#deps.channels;
      const deliveries = await Promise.all(
        channels.map((c) =>
          deliverAlert(
            { name: c.name, channel: c.provider },
            alert,
            c.timeoutMs === undefined ? this.#deps.delivery : { ...this.#deps.delivery, timeoutMs: c.timeoutMs },
          ),
        ),
      );
      alerts.push({ alert, deliveries: deliveries.map((d) => (d.reason ? { ...d, reason: redact(d.reason) } : d)) });
    }
    await store.series?.().append(points);
    if (alerts.length > 0) await store.alerts?.().append(alerts.map(({ alert }) => ({ ...alert, runId })));
    return { alerts, failedSinks, sinks, publishedPoints: points.length };
  }
}

function connectionOf(config: EvaluationConfig) {
  return {
    region: config.region,
    endpoint: config.endpoint,
    profile: config.profile,
    maxAttempts: config.maxAttempts,
    retryBaseDelayMs: config.retryBaseDelayMs,
    retryMaxDelayMs: config.retryMaxDelayMs,
  };
}
