import { randomBytes } from 'node:crypto';
import {
  type Frame,
  isDriftwatchError,
  type ModelListing,
  type ModelVersion,
  type MonitorRunResult,
  type PolicyDecision,
  ProviderError,
  type RetrainingAttempt,
  type RetrainingOutcome,
  type RunStore,
  retrainingOutcomeSchemaVersion,
  runStoreToken,
  StateError,
  UsageError,
} from '@driftwatch/core';
import { decideRetraining, type RetrainingContext, RetrainingOrchestrator, retrainingLockName, runSignals } from '@driftwatch/retraining';
import { inject, injectable } from 'inversify';
import { type DataSourceFactory, dataSourceFactoryToken, retrainingBundlesToken, retrainingOptionsToken } from '../composition/tokens.js';
import type { MonitorConfig } from '../config/driftwatchConfigSchema.js';
import type { MonitorFrames } from '../monitor/MonitorExtension.js';
import { monitorFrameSetRequest } from '../pipeline/monitorFrameSetRequest.js';
import { readFrameSet } from '../pipeline/readFrameSet.js';
import { retrainingJob, retrainingJobExpireAfterMs } from '../queue/retrainingJob.js';
import type { RetrainingBundle } from './RetrainingBundle.js';
import type { RetrainingServiceOptions } from './RetrainingServiceOptions.js';
import { resolveReference } from './resolveReference.js';

/**
 * The closed loop of the monitors that have a `retraining:` block: applies
 * the policy after each run, forces attempts by hand, and manages the
 * registry's champion (promote, roll back) through the deployer.
 */
@injectable()
export class RetrainingService {
  readonly #options: Required<Omit<RetrainingServiceOptions, 'progress' | 'queue'>> & Pick<RetrainingServiceOptions, 'progress' | 'queue'>;

  constructor(
    @inject(retrainingBundlesToken) private readonly bundles: ReadonlyMap<string, RetrainingBundle>,
    @inject(runStoreToken) private readonly store: RunStore,
    @inject(dataSourceFactoryToken) private readonly openSource: DataSourceFactory,
    @inject(retrainingOptionsToken) options: RetrainingServiceOptions,
  ) {
    this.#options = {
      workDir: options.workDir ?? '.driftwatch/retraining',
      now: options.now ?? (() => new Date()),
      sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      redact: options.redact ?? ((t) => t),
      ...(options.progress ? { progress: options.progress } : {}),
      ...(options.queue?.shared ? { queue: options.queue } : {}),
    };
  }

  /** Names of the monitors with a `retraining:` block. */
  get monitors(): readonly string[] {
    return [...this.bundles.keys()];
  }

  /** The bundle of a monitor; a UsageError naming the monitors that have one otherwise. */
  bundle(monitor: string): RetrainingBundle {
    const b = this.bundles.get(monitor);
    if (!b) {
      const known = this.monitors;
      throw new UsageError(
        `monitor "${monitor}" has no retraining: block${known.length > 0 ? ` (monitors with one: ${known.join(', ')})` : ' (no monitor of this config has one)'}`,
      );
    }
    return b;
  }

  /** The model name of a monitor's retraining block (its `model:`, default the monitor's name). */
  modelOf(bundle: RetrainingBundle): string {
    return bundle.config.model ?? bundle.monitor.name;
  }

  /**
   * After a monitor run: advances attempts an earlier process left
   * unfinished and, when there were none, applies the policy to the run's
   * signals and, when it says so, runs an attempt. Returns the `retraining` section of the run result
   * (nothing for monitors without a `retraining:` block).
   */
  async afterRun(
    monitor: MonitorConfig,
    result: MonitorRunResult,
    frames: MonitorFrames | undefined,
  ): Promise<{ retraining: RetrainingOutcome } | undefined> {
    const bundle = this.bundles.get(monitor.name);
    if (!bundle || result.status === 'failed') return undefined;
    return { retraining: await this.#apply(bundle, { run: result }, frames) };
  }

  /**
   * `driftwatch retrain`: a manual attempt (or its plan with `dryRun`). When an attempt an earlier
   * process left unfinished is resumed, that attempt answers the request and none is started,
   * unless `newAttempt` asks for one after it.
   */
  async retrain(
    monitor: string,
    options: { readonly dryRun?: boolean; readonly reason?: string; readonly newAttempt?: boolean } = {},
  ): Promise<RetrainingOutcome> {
    return this.#apply(this.bundle(monitor), {
      manual: options.reason ?? 'requested by hand',
      dryRun: options.dryRun === true,
      newAttempt: options.newAttempt === true,
    });
  }

  async #apply(
    bundle: RetrainingBundle,
    input: { readonly run?: MonitorRunResult; readonly manual?: string; readonly dryRun?: boolean; readonly newAttempt?: boolean },
    frames?: MonitorFrames,
  ): Promise<RetrainingOutcome> {
    const model = this.modelOf(bundle);
    const orchestrator = this.#orchestrator(bundle, frames);
    const base = { schemaVersion: retrainingOutcomeSchemaVersion, monitor: bundle.monitor.name, model } as const;
    let resumed: RetrainingAttempt[] = [];
    // With a shared queue a run only decides: the attempt (and any one left unfinished) is a worker's job.
    const queue = input.run && !input.dryRun ? this.#options.queue : undefined;
    try {
      if (!input.dryRun && !queue) resumed = await orchestrator.resumePending();
      const attempts = await this.store.listAttempts({ model });
      const decision = decideRetraining({
        model,
        when: bundle.config.when,
        now: this.#options.now(),
        attempts,
        ...(input.run ? { run: runSignals(input.run) } : {}),
        ...(input.manual !== undefined ? { manual: input.manual } : {}),
      });
      if (input.dryRun) return { ...base, decision, resumed, plan: await orchestrator.plan(decision) };
      if (!decision.retrain) return { ...base, decision, resumed };
      if (queue) {
        const queued = await queue.enqueue(
          retrainingJob(bundle.monitor.name, decision as PolicyDecision & { retrain: true }, this.#jobExpireAfterMs(bundle) as number),
        );
        this.#options.progress?.(`retraining of ${model}: job ${queued.id} ${queued.enqueued ? 'enqueued' : 'was enqueued already'}`);
        return { ...base, decision, resumed, queued: { jobId: queued.id, enqueued: queued.enqueued } };
      }
      // The resumed attempt was started for an earlier trigger or request (the one that crashed):
      // starting another for it would train twice on the same data.
      if (resumed.length > 0 && !input.newAttempt) {
        const ids = resumed.map((a) => a.id).join(', ');
        const held = `resumed unfinished attempt ${ids} instead of starting another${input.manual !== undefined ? ' (--new starts one after it)' : ''}`;
        return { ...base, decision: { ...decision, retrain: false, blockedBy: [...decision.blockedBy, held] }, resumed };
      }
      const attempt = await orchestrator.start(decision as PolicyDecision & { retrain: true });
      return { ...base, decision, resumed, attempt };
    } catch (error) {
      if (!isDriftwatchError(error)) throw error;
      const decision: PolicyDecision = { retrain: false, blockedBy: [] };
      return { ...base, decision, resumed, error: { code: error.code, message: this.#options.redact(error.message) } };
    }
  }

  /**
   * A worker's retraining job: starts the attempt `decision` asked for (or joins the one with its
   * key, or resumes the model's unfinished one) under the model's store lock, reading the sides
   * itself, and advances it to a final state.
   * @throws StateError `STATE_CONFLICT` when another process holds the model's lock (the queue retries the job).
   */
  runQueuedAttempt(
    monitor: string,
    decision: PolicyDecision & { readonly retrain: true },
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<RetrainingAttempt> {
    const bundle = this.bundle(monitor);
    return this.#orchestrator(bundle, undefined, this.#jobExpireAfterMs(bundle)).start(decision, options);
  }

  /** With a shared queue: how long an attempt's job may run, and so how long it holds the model's lock. */
  #jobExpireAfterMs(bundle: RetrainingBundle): number | undefined {
    const expireAfterMs = this.#options.queue?.expireAfterMs;
    return expireAfterMs === undefined ? undefined : retrainingJobExpireAfterMs(bundle.config.timeouts.training, expireAfterMs);
  }

  /** `frames`: the sides the run just read; without them (`driftwatch retrain`) collecting reads them through the same pipeline. */
  #orchestrator(bundle: RetrainingBundle, frames?: MonitorFrames, lockTtlMs?: number): RetrainingOrchestrator {
    const { monitor } = bundle;
    const s = monitor.schema;
    const drop = [s.prediction, s.proba, s.id].filter((c): c is string => c !== undefined);
    const context: RetrainingContext = {
      monitor: monitor.name,
      model: this.modelOf(bundle),
      task: monitor.performance?.task ?? 'classification',
      target: s.target as string,
      config: bundle.config,
      workDir: this.#options.workDir,
      parameters: { target: s.target as string },
      outputs: { ...(s.prediction ? { prediction: s.prediction } : {}), ...(s.proba ? { proba: s.proba } : {}) },
    };
    return new RetrainingOrchestrator(context, {
      store: this.store,
      trainer: bundle.trainer,
      evaluator: bundle.evaluator,
      registry: bundle.registry,
      deployer: bundle.deployer,
      loadSides: async () => {
        const { reference, current } = frames ?? (await this.#readSides(bundle));
        // The model's own outputs are never features of its successor.
        const prefix = s.probaPrefix;
        const strip = (frame: Frame): Frame =>
          prefix === undefined ? frame : { ...frame, columns: frame.columns.filter((c) => !c.name.startsWith(prefix)) };
        return [
          { side: 'reference', frame: strip(reference) },
          { side: 'current', frame: strip(current) },
        ];
      },
      dropColumns: drop,
      ...(s.timestamp !== undefined ? { timestamp: s.timestamp } : {}),
      now: this.#options.now,
      sleep: this.#options.sleep,
      redact: this.#options.redact,
      ...(this.#options.progress ? { progress: this.#options.progress } : {}),
      owner: `${process.pid}-${randomBytes(3).toString('hex')}`,
      ...(lockTtlMs !== undefined ? { lockTtlMs } : {}),
    });
  }

  async #readSides(bundle: RetrainingBundle): Promise<MonitorFrames> {
    const reference = await resolveReference(bundle.monitor, bundle.index, this.bundles);
    const set = await readFrameSet(this.openSource, monitorFrameSetRequest(bundle.monitor, bundle.index, reference));
    return { reference: set.reference as Frame, current: set.current };
  }

  /** A monitor's model versions and champion. */
  async models(monitor: string): Promise<ModelListing> {
    const bundle = this.bundle(monitor);
    const model = this.modelOf(bundle);
    const versions = await bundle.registry.list(model);
    const champion = versions.find((v) => v.status === 'champion')?.version ?? null;
    return { monitor, model, registry: bundle.registry.type, champion, versions };
  }

  /** One version; a UsageError listing the versions when unknown. */
  async version(monitor: string, version: string): Promise<ModelVersion> {
    const bundle = this.bundle(monitor);
    const model = this.modelOf(bundle);
    const found = await bundle.registry.get(model, version);
    if (!found) {
      const versions = (await bundle.registry.list(model)).map((v) => v.version);
      throw new UsageError(
        `model "${model}" has no version "${version}" (versions: ${versions.join(', ') || 'none yet: run driftwatch retrain'})`,
      );
    }
    return found;
  }

  /**
   * Deploys a version by hand and makes it the champion; the deployer's
   * failure leaves the champion as it was. Locked against a running attempt.
   */
  async promote(monitor: string, version: string, reason = 'promoted by hand'): Promise<ModelVersion> {
    const bundle = this.bundle(monitor);
    const target = await this.version(monitor, version);
    return this.#withModelLock(bundle, async (model) => {
      const champion = await bundle.registry.champion(model);
      if (champion?.version === target.version) return champion;
      const deployed = await bundle.deployer.deploy(target, champion ? { previous: champion } : {});
      if (deployed.status !== 'deployed')
        throw new ProviderError(
          bundle.deployer.type,
          'deploy',
          `deploying version ${version} of "${model}" failed: ${deployed.reason ?? 'no reason given'}; the champion is unchanged`,
        );
      return bundle.registry.setStatus(model, target.version, 'champion', reason);
    });
  }

  /**
   * Makes an earlier version serve again: `to`, or the champion before the
   * current one (the retired version that was demoted last).
   */
  async rollback(monitor: string, to?: string, reason = 'rolled back by hand'): Promise<{ from: string | null; to: ModelVersion }> {
    const bundle = this.bundle(monitor);
    const model = this.modelOf(bundle);
    const versions = await bundle.registry.list(model);
    const champion = versions.find((v) => v.status === 'champion');
    let target: ModelVersion | undefined;
    if (to !== undefined) target = await this.version(monitor, to);
    else
      target = versions
        .filter((v) => v.status === 'retired')
        .sort((a, b) => ((a.statusChangedAt ?? a.createdAt) < (b.statusChangedAt ?? b.createdAt) ? 1 : -1))[0];
    if (!target)
      throw new UsageError(
        `model "${model}" has no earlier champion to roll back to (versions: ${versions.map((v) => `${v.version} ${v.status}`).join(', ') || 'none'})`,
      );
    if (target.version === champion?.version) throw new UsageError(`version ${target.version} of "${model}" is already the champion`);
    const chosen = target;
    return this.#withModelLock(bundle, async () => {
      const result = await bundle.deployer.rollback(chosen, champion ? { previous: champion } : {});
      if (result.status !== 'deployed')
        throw new ProviderError(
          bundle.deployer.type,
          'rollback',
          `rolling back "${model}" to version ${chosen.version} failed: ${result.reason ?? 'no reason given'}; the champion is unchanged`,
        );
      const now = await bundle.registry.setStatus(model, chosen.version, 'champion', reason);
      return { from: champion?.version ?? null, to: now };
    });
  }

  /** Retraining attempts, newest first. */
  attempts(query: { readonly monitor?: string; readonly limit?: number } = {}): Promise<RetrainingAttempt[]> {
    return this.store.listAttempts(query);
  }

  async #withModelLock<T>(bundle: RetrainingBundle, fn: (model: string) => Promise<T>): Promise<T> {
    const model = this.modelOf(bundle);
    const lock = retrainingLockName(model);
    const owner = `${process.pid}-${randomBytes(3).toString('hex')}`;
    if (!(await this.store.acquireLock(lock, owner, 3_600_000)))
      throw new StateError(
        'STATE_CONFLICT',
        `model "${model}" is being retrained or changed by another process (lock "${lock}"); try again when it ends`,
      );
    try {
      return await fn(model);
    } finally {
      await this.store.releaseLock(lock, owner);
    }
  }
}
