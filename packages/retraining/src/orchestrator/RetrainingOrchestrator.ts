import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type {
  EvaluationSet,
  ModelVersion,
  PolicyDecision,
  RetrainingAttempt,
  RetrainingData,
  RetrainingPlan,
  RetrainingState,
  TrainingJob,
} from '@driftwatch/core';
import {
  DriftwatchError,
  formatDuration,
  isDriftwatchError,
  ProviderError,
  retrainingStates,
  StateError,
  terminalRetrainingStates,
} from '@driftwatch/core';
import { collectTrainingData, withPredictions } from '../data/collectTrainingData.js';
import { loadHoldoutLabels } from '../data/loadHoldoutLabels.js';
import { type SplitInput, splitTrainingData } from '../data/splitTrainingData.js';
import { scorePredictions } from '../gate/scorePredictions.js';
import { validationGate } from '../gate/validationGate.js';
import { checkPostDeploy } from './checkPostDeploy.js';
import { newAttemptId } from './newAttemptId.js';
import type { RetrainingContext } from './RetrainingContext.js';
import type { RetrainingDeps } from './RetrainingDeps.js';
import { retrainingLockName } from './retrainingLockName.js';

type Labels = readonly string[] | Float64Array;
type AttemptError = NonNullable<RetrainingAttempt['error']>;
type Patch = Partial<Omit<RetrainingAttempt, 'schemaVersion' | 'id' | 'state' | 'transitions' | 'updatedAt'>>;

const DEFAULT_LOCK_TTL_MS = 2 * 3_600_000;
const pendingStates = retrainingStates.filter((s) => !terminalRetrainingStates.has(s));

/** The lock was taken over by another process while this one worked: stop without touching the attempt. */
class LockLostError extends StateError {}

/**
 * Runs retraining attempts of one model as a persisted state machine:
 * `triggered → collecting → training → registering → evaluating → gated →
 * deploying → (verifying →) deployed`, ending early in `rejected` (the gate
 * said no), `deploy-failed` (the deployer failed; the challenger may be
 * promoted later), `failed` or `rolled_back`. The whole attempt is saved after every
 * transition, so {@link resumePending} can continue one a dead process left;
 * every provider call is idempotent (keys, no-op redeploys) for that reason.
 * The champion changes only after a deployment succeeded, and is restored
 * when the post-deploy check fails.
 */
export class RetrainingOrchestrator {
  readonly #context: RetrainingContext;
  readonly #deps: RetrainingDeps;
  readonly #now: () => Date;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #redact: (text: string) => string;
  readonly #owner: string;
  readonly #lockTtlMs: number;
  /** Holdout labels of attempts collected by this process (others are read back from the holdout file). */
  readonly #labels = new Map<string, Labels>();
  #running: { readonly key?: string; readonly promise: Promise<unknown> } | undefined;

  constructor(context: RetrainingContext, deps: RetrainingDeps) {
    this.#context = context;
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
    this.#sleep = deps.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
    this.#redact = deps.redact ?? ((text) => text);
    this.#owner = deps.owner ?? `orchestrator-${randomBytes(6).toString('hex')}`;
    this.#lockTtlMs = deps.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  }

  /**
   * Starts a new attempt for a decision (or returns the existing attempt with
   * the same key, advancing it if it is not final; or resumes the model's
   * unfinished attempt, one at a time) and advances it to a final state.
   * A second call with the same key while the first runs in this process
   * returns the first call's attempt.
   * @throws StateError `STATE_CONFLICT` when the model's lock is held elsewhere.
   */
  start(
    decision: PolicyDecision & { readonly retrain: true },
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<RetrainingAttempt> {
    const { key, trigger } = decision;
    if (!decision.retrain || key === undefined || trigger === undefined) {
      return Promise.reject(
        new DriftwatchError(
          'INTERNAL',
          `retraining of model ${this.#context.model}: start() needs a decision to retrain, with a key and a trigger`,
        ),
      );
    }
    return this.#exclusive(key, async () => {
      const attempts = await this.#deps.store.listAttempts({ model: this.#context.model });
      const same = attempts.find((a) => a.key === key);
      if (same) {
        this.#progress(`attempt ${same.id} has key ${key} already (${same.state})`);
        return this.#advance(same, options.signal);
      }
      const pending = attempts.find((a) => !terminalRetrainingStates.has(a.state));
      if (pending) {
        this.#progress(`attempt ${pending.id} is still ${pending.state}: resuming it instead of starting another`);
        return this.#advance(pending, options.signal);
      }
      const at = this.#now().toISOString();
      const attempt: RetrainingAttempt = {
        schemaVersion: 1,
        id: newAttemptId(this.#context.model, this.#now()),
        key,
        monitor: this.#context.monitor,
        model: this.#context.model,
        state: 'triggered',
        trigger,
        createdAt: at,
        updatedAt: at,
        transitions: [{ from: null, to: 'triggered', at, reason: this.#redact(trigger.reasons.join('; ') || trigger.kinds.join(', ')) }],
      };
      await this.#deps.store.saveAttempt(attempt);
      this.#progress(`attempt ${attempt.id} triggered: ${attempt.transitions[0].reason}`);
      return this.#advance(attempt, options.signal);
    });
  }

  /** Advances every non-terminal attempt of this model from its persisted state (resume after a crash), oldest first. */
  resumePending(options: { readonly signal?: AbortSignal } = {}): Promise<RetrainingAttempt[]> {
    return this.#exclusive(undefined, async () => {
      const pending = await this.#deps.store.listAttempts({ model: this.#context.model, states: pendingStates });
      const advanced: RetrainingAttempt[] = [];
      for (const attempt of pending.reverse()) {
        this.#progress(`resuming attempt ${attempt.id} from ${attempt.state}`);
        advanced.push(await this.#advance(attempt, options.signal));
      }
      return advanced;
    });
  }

  /** What an attempt for `decision` would do, without side effects: no files, no jobs, no registry writes. */
  async plan(decision: PolicyDecision): Promise<RetrainingPlan> {
    const { trainer, evaluator, registry, deployer, store } = this.#deps;
    const [champion, attempts] = await Promise.all([
      registry.champion(this.#context.model),
      store.listAttempts({ model: this.#context.model }),
    ]);
    const pending = attempts.find((a) => !terminalRetrainingStates.has(a.state));
    const existing = decision.key === undefined ? undefined : attempts.find((a) => a.key === decision.key);
    let data: RetrainingPlan['data'];
    let dataError: RetrainingPlan['dataError'];
    try {
      const split = splitTrainingData({ ...this.#collectInput(), sides: await this.#deps.loadSides() });
      data = { trainRows: split.trainRows, holdoutRows: split.holdoutRows, newLabelledRows: split.newLabelledRows };
    } catch (error) {
      dataError = this.#errorOf(error);
    }
    return {
      monitor: this.#context.monitor,
      model: this.#context.model,
      decision,
      champion: champion?.version ?? null,
      providers: { trainer: trainer.type, evaluator: evaluator.type, registry: registry.type, deployer: deployer.type },
      ...(data ? { data } : {}),
      ...(dataError ? { dataError } : {}),
      ...(pending ? { pending } : {}),
      ...(existing ? { existing } : {}),
    };
  }

  /** Runs `work` under the model's store lock, one operation per orchestrator at a time. */
  async #exclusive<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
    const running = this.#running;
    if (running) {
      if (key !== undefined && running.key === key) return running.promise as Promise<T>;
      throw new StateError('STATE_CONFLICT', `retraining of model ${this.#context.model} is already running in this process`);
    }
    const promise = this.#locked(work);
    this.#running = { key, promise };
    try {
      return await promise;
    } finally {
      if (this.#running?.promise === promise) this.#running = undefined;
    }
  }

  async #locked<T>(work: () => Promise<T>): Promise<T> {
    const lock = this.#lockName();
    if (!(await this.#deps.store.acquireLock(lock, this.#owner, this.#lockTtlMs))) {
      throw new StateError(
        'STATE_CONFLICT',
        `retraining of model ${this.#context.model} is locked by another process (lock ${lock}); ` +
          `if that process died, the lock expires at most ${formatDuration(this.#lockTtlMs)} after it was taken`,
      );
    }
    try {
      return await work();
    } finally {
      await this.#deps.store.releaseLock(lock, this.#owner).catch((error: unknown) => {
        this.#progress(`could not release lock ${lock} (it expires by itself): ${this.#errorOf(error).message}`);
      });
    }
  }

  async #renewLock(): Promise<void> {
    const lock = this.#lockName();
    if (!(await this.#deps.store.acquireLock(lock, this.#owner, this.#lockTtlMs))) {
      throw new LockLostError('STATE_CONFLICT', `lost lock ${lock} to another process; the attempt is left for it`);
    }
  }

  #lockName(): string {
    return retrainingLockName(this.#context.model);
  }

  /** Steps the attempt until it is final. An abort or a lost lock leaves it in its state, to be resumed. */
  async #advance(attempt: RetrainingAttempt, signal: AbortSignal | undefined): Promise<RetrainingAttempt> {
    let current = attempt;
    while (!terminalRetrainingStates.has(current.state)) {
      signal?.throwIfAborted();
      try {
        current = await this.#step(current, signal);
      } catch (error) {
        if (signal?.aborted) {
          this.#progress(`interrupted: attempt ${current.id} stays ${current.state} and resumes on the next run`);
          throw error;
        }
        if (error instanceof LockLostError) throw error;
        current = await this.#fail(current, error);
      }
    }
    return current;
  }

  #step(attempt: RetrainingAttempt, signal: AbortSignal | undefined): Promise<RetrainingAttempt> {
    switch (attempt.state) {
      case 'triggered':
        return this.#move(attempt, 'collecting', 'collecting training data');
      case 'collecting':
        return this.#collect(attempt);
      case 'training':
        return this.#train(attempt, signal);
      case 'registering':
        return this.#register(attempt);
      case 'evaluating':
        return this.#evaluate(attempt, signal);
      case 'gated':
        return this.#actOnGate(attempt);
      case 'deploying':
        return this.#deploy(attempt, signal);
      case 'verifying':
        return this.#verify(attempt, signal);
      default:
        return Promise.resolve(attempt);
    }
  }

  async #collect(attempt: RetrainingAttempt): Promise<RetrainingAttempt> {
    const sides = await this.#deps.loadSides();
    const collected = await collectTrainingData({ ...this.#collectInput(), sides, outDir: join(this.#context.workDir, attempt.id) });
    this.#labels.set(attempt.id, collected.holdoutLabels);
    const data: RetrainingData = {
      trainUri: collected.trainUri,
      trainRows: collected.trainRows,
      ...(collected.validationUri === undefined
        ? {}
        : { validationUri: collected.validationUri, validationRows: collected.validationRows ?? 0 }),
      holdoutUri: collected.holdoutUri,
      holdoutRows: collected.holdoutRows,
      newLabelledRows: collected.newLabelledRows,
      referenceUri: resolve(collected.referenceUri),
    };
    const validation = data.validationUri === undefined ? '' : `, ${data.validationRows} validation rows`;
    return this.#move(attempt, 'training', `collected ${data.trainRows} training rows${validation} and ${data.holdoutRows} holdout rows`, {
      data,
    });
  }

  #collectInput(): Omit<SplitInput, 'sides'> {
    const { config, target } = this.#context;
    return {
      target,
      include: config.data.include,
      holdout: config.data.holdout,
      ...(config.data.validation === undefined ? {} : { validation: config.data.validation }),
      exclude: [...new Set([...config.data.exclude, ...(this.#deps.dropColumns ?? []).filter((c) => c !== target)])],
      ...(this.#deps.timestamp === undefined ? {} : { timestamp: this.#deps.timestamp }),
    };
  }

  async #train(attempt: RetrainingAttempt, signal: AbortSignal | undefined): Promise<RetrainingAttempt> {
    const { trainer } = this.#deps;
    const data = this.#need(attempt, attempt.data, 'data');
    let current = attempt;
    if (!current.training) {
      const started = await trainer.submit({
        model: this.#context.model,
        dataUri: data.trainUri,
        // Never the holdout: the gate must judge the challenger on rows its training never saw.
        ...(data.validationUri === undefined ? {} : { validationUri: data.validationUri }),
        parameters: { ...this.#context.parameters, target: this.#context.target },
        key: current.key,
      });
      current = await this.#save(current, {
        training: {
          provider: started.provider || trainer.type,
          jobId: started.id,
          startedAt: this.#now().toISOString(),
          ...(started.logUri === undefined ? {} : { logUri: started.logUri }),
        },
      });
      this.#progress(`training: started job ${started.id} on ${trainer.type}${started.logUri ? ` (log: ${started.logUri})` : ''}`);
    }
    const training = this.#need(current, current.training, 'training');
    const job: TrainingJob = { id: training.jobId, provider: training.provider, ...(training.logUri ? { logUri: training.logUri } : {}) };
    const timeouts = this.#timeouts();
    const startedAt = Date.parse(training.startedAt);
    const deadline = startedAt + timeouts.training;
    let interval = timeouts.poll;
    for (;;) {
      const status = await trainer.status(job);
      const logUri = status.logUri ?? training.logUri;
      const finished = { ...training, finishedAt: this.#now().toISOString(), ...(logUri === undefined ? {} : { logUri }) };
      if (status.state === 'succeeded') {
        if (!status.artifactUri) throw new ProviderError(trainer.type, 'status', `job ${job.id} succeeded without an artifact URI`);
        return this.#move(current, 'registering', `training job ${job.id} succeeded: ${status.artifactUri}`, {
          training: { ...finished, artifactUri: status.artifactUri },
        });
      }
      if (status.state === 'failed' || status.state === 'stopped') {
        const message = `training job ${job.id} ${status.state}: ${status.reason ?? 'no reason given'}`;
        return this.#end(current, 'failed', { code: 'PROVIDER_FAILED', message }, { training: finished });
      }
      const now = this.#now().getTime();
      if (now >= deadline) {
        await trainer.cancel(job);
        const message = `training timed out after ${formatDuration(timeouts.training)}`;
        return this.#end(current, 'failed', { code: 'PROVIDER_FAILED', message }, { training: finished });
      }
      this.#progress(`training: job ${job.id} ${status.state} (${formatDuration(Math.round((now - startedAt) / 1000) * 1000)})`);
      await this.#renewLock();
      await this.#sleep(Math.min(interval, deadline - now), signal);
      interval = Math.min(interval * 2, timeouts.pollMax);
    }
  }

  async #register(attempt: RetrainingAttempt): Promise<RetrainingAttempt> {
    const data = this.#need(attempt, attempt.data, 'data');
    const training = this.#need(attempt, attempt.training, 'training');
    const artifactUri = this.#need(attempt, training.artifactUri, 'training.artifactUri');
    const version = await this.#deps.registry.register({
      model: this.#context.model,
      artifactUri,
      metadata: {
        attempt: attempt.id,
        key: attempt.key,
        trigger: attempt.trigger.reasons,
        trainingJob: training.jobId,
        trainRows: data.trainRows,
        holdoutRows: data.holdoutRows,
        // The training set: a registry that records Model Monitor baselines profiles it (SageMaker's DriftCheckBaselines).
        trainData: data.trainUri,
        // What a monitor with `reference: { from: champion }` compares against once this version serves.
        ...(data.referenceUri === undefined ? {} : { reference: data.referenceUri }),
      },
      key: attempt.key,
    });
    return this.#move(attempt, 'evaluating', `registered version ${version.version} as a candidate`, { challenger: version.version });
  }

  async #evaluate(attempt: RetrainingAttempt, signal: AbortSignal | undefined): Promise<RetrainingAttempt> {
    const { evaluator, registry } = this.#deps;
    const challenger = await this.#version(attempt, this.#need(attempt, attempt.challenger, 'challenger'));
    const serving = await registry.champion(this.#context.model);
    const champion = serving && serving.version !== challenger.version ? serving : undefined;
    const set = this.#holdoutSet(attempt);
    const challengerPredictions = await evaluator.predict(challenger, set, { signal });
    const reference = this.#need(attempt, attempt.data, 'data').referenceUri;
    if (reference !== undefined && this.#context.outputs) await withPredictions(reference, this.#context.outputs, challengerPredictions);
    const championPredictions = champion ? await evaluator.predict(champion, set, { signal }) : undefined;
    const labels = await this.#holdoutLabels(attempt);
    const { decision, scores } = validationGate({
      gate: this.#context.config.gate,
      task: this.#context.task,
      labels,
      ...(this.#context.positive === undefined ? {} : { positive: this.#context.positive }),
      challenger: { version: challenger.version, predictions: challengerPredictions },
      ...(champion && championPredictions ? { champion: { version: champion.version, predictions: championPredictions } } : {}),
    });
    const against = champion
      ? `version ${challenger.version} against champion ${champion.version}`
      : `version ${challenger.version} (no champion)`;
    return this.#move(attempt, 'gated', `gate ${decision.passed ? 'passed' : 'failed'} for ${against}: ${decision.reasons.join('; ')}`, {
      champion: champion?.version ?? null,
      gate: decision,
      scores,
    });
  }

  async #actOnGate(attempt: RetrainingAttempt): Promise<RetrainingAttempt> {
    const gate = this.#need(attempt, attempt.gate, 'gate');
    const challenger = this.#need(attempt, attempt.challenger, 'challenger');
    if (!gate.passed) {
      const message = `validation gate failed: ${gate.reasons.join('; ')}`;
      await this.#deps.registry.setStatus(this.#context.model, challenger, 'rejected', this.#redact(message));
      return this.#end(attempt, 'rejected', { code: 'GATE_REJECTED', message });
    }
    const over = attempt.champion ? ` to replace version ${attempt.champion}` : '';
    return this.#move(attempt, 'deploying', `deploying version ${challenger}${over}`);
  }

  async #deploy(attempt: RetrainingAttempt, signal: AbortSignal | undefined): Promise<RetrainingAttempt> {
    const { deployer, registry } = this.#deps;
    const model = this.#context.model;
    const challenger = await this.#version(attempt, this.#need(attempt, attempt.challenger, 'challenger'));
    const previousVersion = attempt.champion ?? null;
    const previous = previousVersion === null ? undefined : await this.#version(attempt, previousVersion);
    const result = await deployer.deploy(challenger, { ...(previous ? { previous } : {}), ...(signal ? { signal } : {}) });
    if (result.status === 'failed') return this.#deployFailed(attempt, result.reason ?? 'no reason given');
    await registry.setStatus(model, challenger.version, 'champion', `deployed by retraining attempt ${attempt.id}`);
    const deployment = { at: this.#now().toISOString(), previous: previousVersion };
    const deployed = `version ${challenger.version} deployed with ${deployer.type}`;
    return this.#context.config.postDeploy
      ? this.#move(attempt, 'verifying', `${deployed}; checking it on the holdout`, { deployment })
      : this.#move(attempt, 'deployed', deployed, { deployment });
  }

  async #verify(attempt: RetrainingAttempt, signal: AbortSignal | undefined): Promise<RetrainingAttempt> {
    const { deployer, evaluator, registry } = this.#deps;
    const model = this.#context.model;
    const postDeploy = this.#context.config.postDeploy;
    if (!postDeploy) return this.#move(attempt, 'deployed', 'no post-deploy check configured');
    const gate = this.#need(attempt, attempt.gate, 'gate');
    const deployed = await this.#version(attempt, this.#need(attempt, attempt.challenger, 'challenger'));
    const predictions = await evaluator.predict(deployed, this.#holdoutSet(attempt), { signal });
    const floors: Readonly<Record<string, number>> = postDeploy.floors ?? {};
    const scores = scorePredictions({
      version: deployed.version,
      task: this.#context.task,
      labels: await this.#holdoutLabels(attempt),
      predictions,
      metrics: [...new Set([gate.metric, ...Object.keys(floors)])],
      ...(this.#context.positive === undefined ? {} : { positive: this.#context.positive }),
    });
    const check = checkPostDeploy({
      scores,
      floors,
      ...(postDeploy.maxLoss === undefined ? {} : { maxLoss: postDeploy.maxLoss }),
      metric: gate.metric,
      gateScore: attempt.scores?.challenger.metrics[gate.metric] ?? null,
    });
    const postDeployRecord = { passed: check.passed, reasons: check.reasons, scores };
    if (check.passed) {
      return this.#move(attempt, 'deployed', `post-deploy check passed: ${check.reasons.join('; ')}`, { postDeploy: postDeployRecord });
    }
    const previousVersion = attempt.deployment?.previous ?? null;
    if (previousVersion === null) {
      const message = `post-deploy check failed and there is no previous champion to roll back to: ${check.reasons.join('; ')}`;
      return this.#end(attempt, 'failed', { code: 'POST_DEPLOY_FAILED', message }, { postDeploy: postDeployRecord });
    }
    const previous = await this.#version(attempt, previousVersion);
    const rollback = await deployer.rollback(previous, signal ? { signal } : {});
    if (rollback.status === 'failed') {
      const message =
        `post-deploy check failed (${check.reasons.join('; ')}) and rolling back to version ${previousVersion} failed: ` +
        `${rollback.reason ?? 'no reason given'}; version ${deployed.version} still serves`;
      return this.#end(attempt, 'failed', { code: 'PROVIDER_FAILED', message }, { postDeploy: postDeployRecord });
    }
    const message = `post-deploy check failed: ${check.reasons.join('; ')}; rolled back to version ${previousVersion}`;
    await registry.setStatus(model, previousVersion, 'champion', this.#redact(`restored by retraining attempt ${attempt.id}`));
    await registry.setStatus(model, deployed.version, 'rejected', this.#redact(message));
    return this.#end(attempt, 'rolled_back', { code: 'POST_DEPLOY_FAILED', message }, { postDeploy: postDeployRecord });
  }

  /**
   * Ends the attempt `deploy-failed`: the gate passed but the deployer failed (or could not be reached).
   * That is no verdict on the model: it is marked `deploy-failed` (not rejected), the champion keeps
   * serving, and `models promote` can deploy it again.
   */
  async #deployFailed(attempt: RetrainingAttempt, reason: string): Promise<RetrainingAttempt> {
    const challenger = this.#need(attempt, attempt.challenger, 'challenger');
    const message =
      `deploying version ${challenger} failed: ${reason}; ` +
      `${attempt.champion ? `version ${attempt.champion}` : 'the champion'} keeps serving ` +
      `(retry with: driftwatch models promote ${this.#context.monitor} ${challenger})`;
    try {
      await this.#deps.registry.setStatus(this.#context.model, challenger, 'deploy-failed', this.#redact(message));
    } catch (cause) {
      this.#progress(`could not mark version ${challenger} deploy-failed: ${this.#errorOf(cause).message}`);
    }
    return this.#end(attempt, 'deploy-failed', { code: 'DEPLOY_FAILED', message });
  }

  /**
   * Ends the attempt `failed` after a thrown error; a registered challenger that does not serve is
   * rejected (best effort), unless a provider failed (an evaluator or endpoint that could not be
   * reached): that says nothing of the model, so its registry status stays as it was.
   */
  async #fail(attempt: RetrainingAttempt, thrown: unknown): Promise<RetrainingAttempt> {
    const error = this.#errorOf(thrown);
    if (attempt.state === 'deploying' && attempt.challenger !== undefined && !(thrown instanceof StateError))
      return this.#deployFailed(attempt, error.message);
    const { registry } = this.#deps;
    const model = this.#context.model;
    if (attempt.challenger !== undefined && !error.code.startsWith('PROVIDER_')) {
      try {
        const champion = await registry.champion(model);
        const challenger = await registry.get(model, attempt.challenger);
        if (challenger && challenger.status !== 'rejected' && champion?.version !== attempt.challenger) {
          await registry.setStatus(model, attempt.challenger, 'rejected', `${attempt.state} failed: ${error.message}`);
        }
      } catch (cause) {
        this.#progress(`could not mark version ${attempt.challenger} rejected: ${this.#errorOf(cause).message}`);
      }
    }
    return this.#end(attempt, 'failed', { code: error.code, message: `${attempt.state} failed: ${error.message}` });
  }

  /** Moves to a final state with its error (message redacted). */
  #end(
    attempt: RetrainingAttempt,
    to: 'failed' | 'rejected' | 'deploy-failed' | 'rolled_back',
    error: AttemptError,
    patch: Patch = {},
  ): Promise<RetrainingAttempt> {
    const message = this.#redact(error.message);
    return this.#move(attempt, to, message, { ...patch, error: { code: error.code, message } });
  }

  /** Persists a transition with the attempt's new facts. */
  async #move(attempt: RetrainingAttempt, to: RetrainingState, reason: string, patch: Patch = {}): Promise<RetrainingAttempt> {
    const at = this.#now().toISOString();
    const text = this.#redact(reason);
    const next: RetrainingAttempt = {
      ...attempt,
      ...patch,
      state: to,
      updatedAt: at,
      transitions: [...attempt.transitions, { from: attempt.state, to, at, reason: text }],
    };
    await this.#deps.store.saveAttempt(next);
    this.#progress(`${attempt.state} → ${to}: ${text}`);
    return next;
  }

  /** Persists new facts without a transition (the job id right after the job started). */
  async #save(attempt: RetrainingAttempt, patch: Patch): Promise<RetrainingAttempt> {
    const next: RetrainingAttempt = { ...attempt, ...patch, updatedAt: this.#now().toISOString() };
    await this.#deps.store.saveAttempt(next);
    return next;
  }

  #holdoutSet(attempt: RetrainingAttempt): EvaluationSet {
    const data = this.#need(attempt, attempt.data, 'data');
    return { uri: data.holdoutUri, rows: data.holdoutRows, target: this.#context.target };
  }

  async #holdoutLabels(attempt: RetrainingAttempt): Promise<Labels> {
    const cached = this.#labels.get(attempt.id);
    if (cached) return cached;
    const data = this.#need(attempt, attempt.data, 'data');
    const labels = await loadHoldoutLabels(data.holdoutUri, this.#context.target, this.#context.task);
    this.#labels.set(attempt.id, labels);
    return labels;
  }

  async #version(attempt: RetrainingAttempt, version: string): Promise<ModelVersion> {
    const found = await this.#deps.registry.get(this.#context.model, version);
    if (!found) {
      throw new StateError(
        'STATE_CORRUPT',
        `attempt ${attempt.id}: model ${this.#context.model} has no version ${version} in the ${this.#deps.registry.type} registry`,
      );
    }
    return found;
  }

  #need<T>(attempt: RetrainingAttempt, value: T | undefined, field: string): T {
    if (value === undefined) throw new StateError('STATE_CORRUPT', `attempt ${attempt.id} is ${attempt.state} but has no ${field}`);
    return value;
  }

  #timeouts(): { readonly training: number; readonly poll: number; readonly pollMax: number } {
    const { timeouts } = this.#context.config;
    const poll = Math.max(1, timeouts.poll);
    return { training: timeouts.training, poll, pollMax: Math.max(poll, timeouts.pollMax) };
  }

  #errorOf(error: unknown): AttemptError {
    const code = isDriftwatchError(error) ? error.code : 'INTERNAL';
    return { code, message: this.#redact(error instanceof Error ? error.message : String(error)) };
  }

  #progress(line: string): void {
    this.#deps.progress?.(`retraining ${this.#context.model}: ${line}`);
  }
}
