import { createHash, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type GateDecision,
  isDriftwatchError,
  type ModelListing,
  type ModelScores,
  type ModelVersion,
  type PolicyDecision,
  type RetrainingAttempt,
  type RetrainingOutcome,
  type RetrainingState,
  type RetrainingTrigger,
  type RunStore,
  retrainingOutcomeSchemaVersion,
  StateError,
  terminalRetrainingStates,
  UsageError,
} from '@driftwatch/core';
import { writeFileAtomic } from '@driftwatch/data';
import { retrainingLockName } from '@driftwatch/retraining';
import type { EvaluationConfig } from '../config/evaluationConfigSchema.js';
import type { LlmBundle } from './LlmBundle.js';
import type { LlmEvaluationResult, LlmTarget } from './LlmEvaluationEngine.js';
import type { LlmEvaluationService, LlmRunResult } from './LlmEvaluationService.js';
import { llmGate } from './llmGate.js';

/** Settings of the {@link LlmPromotionService}; every field has a default. */
export interface LlmPromotionOptions {
  /** Folder of the versions' spec files (what the registry keeps as their artifact). Default `.driftwatch/llm`. */
  readonly workDir?: string;
  readonly now?: () => Date;
  readonly redact?: (text: string) => string;
  /** Progress lines (stderr in the CLI). */
  readonly progress?: (line: string) => void;
}

type Patch = Partial<Omit<RetrainingAttempt, 'schemaVersion' | 'id' | 'state' | 'transitions' | 'updatedAt'>>;

/** Keeps letters, digits, `-`, `.`, `_`; anything else becomes `_`. */
const keyPart = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * The closed loop of an LLM application (a suite's `promotion:`): evaluates the champion and every
 * challenger (another model and/or prompt version) on the golden set, compares them item by item
 * ({@link llmGate}: paired mean gain, Wilcoxon signed-rank significance, per-scorer regressions,
 * floors), deploys the best challenger that passes through the configured deployer (the champion's
 * model ID and prompt version in an SSM parameter or a local file), checks it again when
 * `postDeploy` says so and rolls back to the previous champion when that fails. Each attempt is a
 * {@link RetrainingAttempt} (`triggered → evaluating → gated → deploying → (verifying →) deployed`,
 * or `rejected`, `deploy-failed`, `failed`, `rolled_back`), so `history` and `models` show it. The
 * configured target is registered as the first champion; challengers are registered (idempotently,
 * by a hash of their spec) as candidates.
 */
export class LlmPromotionService {
  readonly #bundles: ReadonlyMap<string, LlmBundle>;
  readonly #evaluation: LlmEvaluationService;
  readonly #store: RunStore;
  readonly #workDir: string;
  readonly #now: () => Date;
  readonly #redact: (text: string) => string;
  readonly #progress: ((line: string) => void) | undefined;

  constructor(
    bundles: ReadonlyMap<string, LlmBundle>,
    evaluation: LlmEvaluationService,
    store: RunStore,
    options: LlmPromotionOptions = {},
  ) {
    this.#bundles = bundles;
    this.#evaluation = evaluation;
    this.#store = store;
    this.#workDir = options.workDir ?? '.driftwatch/llm';
    this.#now = options.now ?? (() => new Date());
    this.#redact = options.redact ?? ((t) => t);
    this.#progress = options.progress;
  }

  /** Names of the suites with a `promotion:` block. */
  get suites(): readonly string[] {
    return [...this.#bundles.keys()];
  }

  has(suite: string): boolean {
    return this.#bundles.has(suite);
  }

  /** The bundle of a suite; a UsageError naming the suites that have one otherwise. */
  bundle(suite: string): LlmBundle {
    const b = this.#bundles.get(suite);
    if (!b)
      throw new UsageError(
        `evaluation "${suite}" has no promotion: block${this.suites.length > 0 ? ` (suites with one: ${this.suites.join(', ')})` : ''}`,
      );
    return b;
  }

  /** The registry's model name of a suite (`promotion.model`, default the suite's name). */
  modelOf(bundle: LlmBundle): string {
    return bundle.promotion.model ?? bundle.suite.name;
  }

  /** What a suite asks now: the registry's champion, else the configured target. */
  async servingTarget(suite: EvaluationConfig): Promise<LlmTarget> {
    const bundle = this.#bundles.get(suite.name);
    if (!bundle) return suite.target;
    const champion = await bundle.registry.champion(this.modelOf(bundle));
    return champion ? targetOf(champion) : suite.target;
  }

  /** A suite's versions and champion, as `driftwatch models` lists a monitor's. */
  async models(suite: string): Promise<ModelListing> {
    const bundle = this.bundle(suite);
    const model = this.modelOf(bundle);
    const versions = await bundle.registry.list(model);
    return {
      monitor: suite,
      model,
      registry: bundle.registry.type,
      champion: versions.find((v) => v.status === 'champion')?.version ?? null,
      versions,
    };
  }

  /**
   * After a suite's run: when `promotion.when.alerts` watches an alert the run fired (any, or the
   * named rules), starts an attempt keyed by the run (cooldown allowing). Undefined when nothing fired.
   */
  async afterRun(suite: EvaluationConfig, run: LlmRunResult): Promise<RetrainingOutcome | undefined> {
    const bundle = this.#bundles.get(suite.name);
    const watched = bundle?.promotion.when.alerts ?? false;
    if (!bundle || watched === false) return undefined;
    const fired = run.alerts.filter((a) => watched === true || watched.includes(a.alert.rule));
    if (fired.length === 0) return undefined;
    const trigger: RetrainingTrigger = { kinds: ['metric'], reasons: fired.map((a) => `alert: ${a.alert.message}`), runId: run.runId };
    return this.#attempt(bundle, trigger, `${keyPart(this.modelOf(bundle))}-${keyPart(run.runId)}`, false);
  }

  /** `driftwatch retrain <suite>`: an attempt now, whatever the triggers and the cooldown say. */
  promote(suite: string, options: { readonly reason?: string } = {}): Promise<RetrainingOutcome> {
    const bundle = this.bundle(suite);
    const trigger: RetrainingTrigger = { kinds: ['manual'], reasons: [options.reason ?? 'requested by hand'] };
    const key = `${keyPart(this.modelOf(bundle))}-manual-${this.#now().toISOString().replace(/[-:]/g, '')}`;
    return this.#attempt(bundle, trigger, key, true);
  }

  async #attempt(bundle: LlmBundle, trigger: RetrainingTrigger, key: string, manual: boolean): Promise<RetrainingOutcome> {
    const model = this.modelOf(bundle);
    const base = { schemaVersion: retrainingOutcomeSchemaVersion, monitor: bundle.suite.name, model, resumed: [] } as const;
    const lock = retrainingLockName(model);
    const owner = `${process.pid}-${randomBytes(3).toString('hex')}`;
    let decision: PolicyDecision = { retrain: true, trigger, blockedBy: [], key };
    try {
      if (!(await this.#store.acquireLock(lock, owner, 3_600_000)))
        throw new StateError(
          'STATE_CONFLICT',
          `model "${model}" is being evaluated or changed by another process (lock "${lock}"); try again when it ends`,
        );
      try {
        const attempts = await this.#store.listAttempts({ model });
        const same = attempts.find((a) => a.key === key);
        if (same) return { ...base, decision: { ...decision, retrain: false, blockedBy: [`attempt ${same.id} has key ${key} already`] } };
        // This process holds the model's lock: an unfinished attempt belongs to a process that died.
        for (const a of attempts.filter((a) => !terminalRetrainingStates.has(a.state)))
          await this.#end(a, 'failed', 'INTERRUPTED', `the process running it ended in state ${a.state}; LLM attempts are not resumed`);
        const newest = attempts.map((a) => Date.parse(a.createdAt)).filter(Number.isFinite);
        const since = newest.length > 0 ? this.#now().getTime() - Math.max(...newest) : undefined;
        const cooldown = bundle.promotion.when.cooldown;
        if (since !== undefined && cooldown > 0 && since < cooldown) {
          const blocked = `cooldown: last attempt ${Math.round(since / 1000)}s ago, cooldown ${Math.round(cooldown / 1000)}s`;
          decision = { ...decision, blockedBy: [blocked] };
          if (!manual) return { ...base, decision: { ...decision, retrain: false } };
        }
        const attempt = await this.#run(bundle, model, trigger, key);
        return { ...base, decision, attempt };
      } finally {
        await this.#store.releaseLock(lock, owner);
      }
    } catch (error) {
      if (!isDriftwatchError(error)) throw error;
      return { ...base, decision: { retrain: false, blockedBy: [] }, error: { code: error.code, message: this.#redact(error.message) } };
    }
  }

  async #run(bundle: LlmBundle, model: string, trigger: RetrainingTrigger, key: string): Promise<RetrainingAttempt> {
    const at = this.#now().toISOString();
    const name = bundle.suite.name;
    let attempt: RetrainingAttempt = {
      schemaVersion: 1,
      id: `${keyPart(model)}-${at.replace(/[-:.]/g, '')}-${randomBytes(2).toString('hex')}`,
      key,
      monitor: name,
      model,
      state: 'triggered',
      trigger,
      createdAt: at,
      updatedAt: at,
      transitions: [{ from: null, to: 'triggered', at, reason: this.#redact(trigger.reasons.join('; ')) }],
    };
    await this.#store.saveAttempt(attempt);
    this.#say(model, `attempt ${attempt.id} triggered: ${attempt.transitions[0]!.reason}`);
    try {
      const { registry, deployer } = bundle;
      const champion = await this.#champion(bundle, model);
      const challengers: ModelVersion[] = [];
      for (const c of bundle.suite.challengers) {
        const t = bundle.suite.target;
        const target: LlmTarget = {
          modelId: c.modelId ?? t.modelId,
          ...pick('inference', c.inference ?? t.inference),
          ...pick('template', c.template ?? t.template),
          ...pick('system', c.system ?? t.system),
          ...pick('tokensPerMinute', c.tokensPerMinute ?? t.tokensPerMinute),
        };
        const version = await this.#register(bundle, model, c.name, target, c.promptVersion ?? t.promptVersion);
        if (version.version !== champion.version) challengers.push(version);
      }
      if (challengers.length === 0) return await this.#end(attempt, 'failed', 'CONFIG_INVALID', 'every challenger is the champion already');
      attempt = await this.#move(
        attempt,
        'evaluating',
        `evaluating champion version ${champion.version} (${label(champion)}) and ${challengers.length} challenger(s) on the golden set`,
        { champion: champion.version },
      );
      const engine = await this.#evaluation.engine();
      const championRun = await this.#evaluation.evaluate(name, targetOf(champion));
      const judged: { version: ModelVersion; run: LlmEvaluationResult; gate: GateDecision }[] = [];
      for (const version of challengers) {
        const run = engine.compare(championRun, await this.#evaluation.evaluate(name, targetOf(version)), bundle.suite.bootstrap);
        judged.push({ version, run, gate: llmGate(bundle.promotion.gate, championRun, run, (c) => engine.formatChange(c)) });
      }
      const gainOf = (j: (typeof judged)[number]) => j.gate.gain ?? Number.NEGATIVE_INFINITY;
      const passing = judged.filter((j) => j.gate.passed).sort((a, b) => gainOf(b) - gainOf(a));
      const best = passing[0] ?? [...judged].sort((a, b) => gainOf(b) - gainOf(a))[0]!;
      const others = judged
        .filter((j) => j !== best)
        .map(
          (j) =>
            `challenger version ${j.version.version} (${label(j.version)}) ${j.gate.passed ? 'passed too, smaller gain' : 'failed'}: ${j.gate.reasons.join('; ')}`,
        );
      const against = `version ${best.version.version} (${label(best.version)}) against champion ${champion.version} (${label(champion)})`;
      attempt = await this.#move(
        attempt,
        'gated',
        `gate ${best.gate.passed ? 'passed' : 'failed'} for ${against}: ${[...best.gate.reasons, ...others].join('; ')}`,
        {
          challenger: best.version.version,
          gate: best.gate,
          scores: { champion: scoresOf(championRun, champion.version), challenger: scoresOf(best.run, best.version.version) },
        },
      );
      if (!best.gate.passed) {
        for (const j of judged)
          await registry.setStatus(model, j.version.version, 'rejected', this.#redact(`gate failed: ${j.gate.reasons.join('; ')}`));
        return await this.#end(attempt, 'rejected', 'GATE_REJECTED', `validation gate failed: ${best.gate.reasons.join('; ')}`);
      }
      attempt = await this.#move(attempt, 'deploying', `deploying version ${best.version.version} to replace version ${champion.version}`);
      let deployed: { status: 'deployed' | 'failed'; reason?: string };
      try {
        deployed = await deployer.deploy(best.version, { previous: champion });
      } catch (error) {
        deployed = { status: 'failed', reason: (error as Error).message };
      }
      if (deployed.status === 'failed') {
        const message = `deploying version ${best.version.version} failed: ${deployed.reason ?? 'no reason given'}; version ${champion.version} keeps serving`;
        await registry.setStatus(model, best.version.version, 'deploy-failed', this.#redact(message));
        return await this.#end(attempt, 'deploy-failed', 'DEPLOY_FAILED', message);
      }
      await registry.setStatus(model, best.version.version, 'champion', `deployed by attempt ${attempt.id}`);
      const deployment = { at: this.#now().toISOString(), previous: champion.version };
      const done = `version ${best.version.version} (${label(best.version)}) deployed with ${deployer.type}`;
      const postDeploy = bundle.promotion.postDeploy;
      if (!postDeploy) return await this.#move(attempt, 'deployed', done, { deployment });
      attempt = await this.#move(attempt, 'verifying', `${done}; evaluating it again on the golden set`, { deployment });
      const again = await this.#evaluation.evaluate(name, targetOf(best.version));
      const check = postDeployCheck(postDeploy, bundle.promotion.gate.scorer, again, best.gate.challenger);
      const record = { passed: check.passed, reasons: check.reasons, scores: scoresOf(again, best.version.version) };
      if (check.passed)
        return await this.#move(attempt, 'deployed', `post-deploy check passed: ${check.reasons.join('; ')}`, { postDeploy: record });
      const rolled = await deployer.rollback(champion, { previous: best.version });
      if (rolled.status === 'failed') {
        const message = `post-deploy check failed (${check.reasons.join('; ')}) and rolling back to version ${champion.version} failed: ${rolled.reason ?? 'no reason given'}; version ${best.version.version} still serves`;
        return await this.#end(attempt, 'failed', 'PROVIDER_FAILED', message, { postDeploy: record });
      }
      const message = `post-deploy check failed: ${check.reasons.join('; ')}; rolled back to version ${champion.version}`;
      await registry.setStatus(model, champion.version, 'champion', this.#redact(`restored by attempt ${attempt.id}`));
      await registry.setStatus(model, best.version.version, 'rejected', this.#redact(message));
      return await this.#end(attempt, 'rolled_back', 'POST_DEPLOY_FAILED', message, { postDeploy: record });
    } catch (error) {
      const code = isDriftwatchError(error) ? error.code : 'INTERNAL';
      return this.#end(attempt, 'failed', code, `${attempt.state} failed: ${(error as Error).message ?? String(error)}`);
    }
  }

  /** The registry's champion; the configured target, registered and made champion, when there is none yet. */
  async #champion(bundle: LlmBundle, model: string): Promise<ModelVersion> {
    const serving = await bundle.registry.champion(model);
    if (serving) return serving;
    const { promptVersion, ...target } = bundle.suite.target;
    const version = await this.#register(bundle, model, 'target', target, promptVersion);
    return bundle.registry.setStatus(model, version.version, 'champion', 'the configured target (evaluations[].target) serves first');
  }

  /** Registers a target (idempotent by the hash of its spec), its spec file as the artifact. */
  async #register(
    bundle: LlmBundle,
    model: string,
    name: string,
    target: LlmTarget,
    promptVersion: string | undefined,
  ): Promise<ModelVersion> {
    const spec = { name, ...target, ...pick('promptVersion', promptVersion) };
    const hash = createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 12);
    const dir = resolve(this.#workDir, keyPart(model));
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${keyPart(name)}-${hash}.json`);
    await writeFileAtomic(file, `${JSON.stringify(spec, null, 2)}\n`);
    return bundle.registry.register({
      model,
      artifactUri: file,
      metadata: { name, modelId: target.modelId, ...pick('promptVersion', promptVersion), llmTarget: target },
      key: `${keyPart(model)}-llm-${keyPart(name)}-${hash}`,
    });
  }

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
    await this.#store.saveAttempt(next);
    this.#say(attempt.model, `${attempt.state} → ${to}: ${text}`);
    return next;
  }

  #end(attempt: RetrainingAttempt, to: RetrainingState, code: string, message: string, patch: Patch = {}): Promise<RetrainingAttempt> {
    return this.#move(attempt, to, message, { ...patch, error: { code, message: this.#redact(message) } });
  }

  #say(model: string, line: string): void {
    this.#progress?.(`llm promotion ${model}: ${line}`);
  }
}

/** The target a registered version asks (its `llmTarget` metadata; a version registered elsewhere: its model ID). */
function targetOf(version: ModelVersion): LlmTarget {
  const t = version.metadata.llmTarget as LlmTarget | undefined;
  if (t && typeof t.modelId === 'string') return t;
  const id = version.metadata.modelId;
  return { modelId: typeof id === 'string' ? id : version.artifactUri };
}

function label(version: ModelVersion): string {
  const { name, modelId, promptVersion } = version.metadata as Record<string, unknown>;
  return [name, modelId, promptVersion === undefined ? undefined : `prompt ${promptVersion}`].filter((x) => x !== undefined).join(', ');
}

function pick<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function scoresOf(run: LlmEvaluationResult, version: string): ModelScores {
  return { version, metrics: Object.fromEntries(run.scorers.map((s) => [s.scorer, s.mean])), rows: run.items.length };
}

/** Floors (ceilings where lower is better) on the deployed version's means, and its primary scorer's fall from the gate. */
function postDeployCheck(
  config: NonNullable<NonNullable<EvaluationConfig['promotion']>['postDeploy']>,
  scorer: string,
  run: LlmEvaluationResult,
  gateMean: number | null,
): { passed: boolean; reasons: string[] } {
  const reasons: string[] = [];
  let passed = true;
  const summary = new Map(run.scorers.map((s) => [s.scorer, s]));
  const fmt = (x: number | null) => (x === null ? 'undefined' : Number(x.toFixed(4)).toString());
  for (const [name, bound] of Object.entries(config.floors)) {
    const s = summary.get(name);
    const up = s?.higherIsBetter ?? true;
    const value = s?.mean ?? null;
    const ok = value !== null && (up ? value >= bound : value <= bound);
    passed &&= ok;
    reasons.push(`${name} ${fmt(value)} ${ok ? (up ? '>=' : '<=') : up ? '<' : '>'} ${up ? 'floor' : 'ceiling'} ${fmt(bound)}`);
  }
  if (config.maxLoss !== undefined) {
    const s = summary.get(scorer);
    const value = s?.mean ?? null;
    if (value === null || gateMean === null) {
      passed = false;
      reasons.push(`${scorer} ${fmt(value)} cannot be compared with its gate mean ${fmt(gateMean)}`);
    } else {
      const loss = (s?.higherIsBetter ?? true) ? gateMean - value : value - gateMean;
      const ok = loss <= config.maxLoss;
      passed &&= ok;
      reasons.push(
        `${scorer} ${fmt(value)} vs ${fmt(gateMean)} at the gate: loss ${fmt(loss)} ${ok ? '<=' : '>'} maxLoss ${config.maxLoss}`,
      );
    }
  }
  return { passed, reasons };
}
