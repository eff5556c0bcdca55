import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CategoricalColumn, EvaluationSet, Frame, NumericColumn, PolicyDecision, Predictions, RetrainingAttempt } from '@driftwatch/core';
import { InMemoryRunStore } from '@driftwatch/core/testing';
import { retrainingConfigSchema } from '../../config/retrainingConfigSchema.js';
import { loadHoldoutLabels } from '../../data/loadHoldoutLabels.js';
import {
  InMemoryModelRegistry,
  RecordingDeployer,
  type ScriptedOutcome,
  ScriptedTrainingProvider,
  type TableAnswer,
  type TableEntry,
  TableEvaluator,
} from '../../testing/index.js';
import type { RetrainingContext } from '../RetrainingContext.js';
import type { RetrainingDeps } from '../RetrainingDeps.js';
import { RetrainingOrchestrator } from '../RetrainingOrchestrator.js';

export const START = Date.parse('2026-03-11T10:00:00Z');
export const MODEL = 'churn';
export const TARGET = 'churned';

/** A test clock: `sleep` moves it forward instead of waiting. */
export class FakeClock {
  ms = START;
  readonly sleeps: number[] = [];
  readonly now = (): Date => new Date(this.ms);
  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.ms += ms;
  };
}

/** A side of `rows` rows: a numeric feature and a yes/no label (`null` = unlabelled). */
export function side(source: string, rows: number, labelled = true): Frame {
  const tenure: NumericColumn = { kind: 'numeric', name: 'tenure', values: Float64Array.from({ length: rows }, (_, i) => i * 1.5), invalid: 0 };
  const churned: CategoricalColumn = {
    kind: 'categorical',
    name: TARGET,
    codes: Int32Array.from({ length: rows }, (_, i) => (labelled ? (i * 7) % 3 === 0 ? 1 : 0 : -1)),
    dictionary: ['no', 'yes'],
    invalid: 0,
  };
  const customer: NumericColumn = { kind: 'numeric', name: 'customer_id', values: Float64Array.from({ length: rows }, (_, i) => 1000 + i), invalid: 0 };
  return { rowCount: rows, columns: [customer, tenure, churned], source };
}

async function truth(set: EvaluationSet): Promise<string[]> {
  return [...((await loadHoldoutLabels(set.uri, set.target, 'classification')) as readonly string[])];
}

/** Predicts the holdout's own labels. */
export const perfect: TableAnswer = async (set) => {
  const labels = await truth(set);
  return { rows: labels.length, labels };
};

/** Gets every `n`-th holdout row (from the first) wrong. */
export function wrongEvery(n: number): TableAnswer {
  return async (set): Promise<Predictions> => {
    const labels = (await truth(set)).map((label, i) => (i % n === 0 ? (label === 'yes' ? 'no' : 'yes') : label));
    return { rows: labels.length, labels };
  };
}

/** A decision to retrain for run `runId`. */
export function decision(runId = 'r1'): PolicyDecision & { retrain: true } {
  return {
    retrain: true,
    trigger: { kinds: ['drift'], reasons: [`dataset drifted in run ${runId}`], runId },
    blockedBy: [],
    key: `${MODEL}-${runId}`,
  };
}

export interface HarnessOptions {
  /** The `retraining:` block besides trainer/evaluator (merged over a default gate on accuracy). */
  readonly config?: Record<string, unknown>;
  readonly outcomes?: Readonly<Record<string, ScriptedOutcome>>;
  /** Predictions per version; default: champion `1` gets every 4th row wrong, challenger `2` is perfect. */
  readonly table?: Readonly<Record<string, TableEntry>>;
  /** Seed version `1` as the serving champion (default true). */
  readonly champion?: boolean;
  readonly sides?: () => Promise<readonly { side: 'reference' | 'current'; frame: Frame }[]>;
}

/** Real in-memory peers wired to one fake clock; `orchestrator()` builds an orchestrator over them. */
export async function harness(options: HarnessOptions = {}) {
  const clock = new FakeClock();
  const store = new InMemoryRunStore({ now: () => clock.ms });
  const registry = new InMemoryModelRegistry({ now: clock.now });
  const trainer = new ScriptedTrainingProvider(options.outcomes ?? {}, {
    fallback: { outcome: 'succeed', artifactUri: 'memory://artifacts/churn-new', polls: 1 },
  });
  const evaluator = new TableEvaluator(options.table ?? { '1': wrongEvery(4), '2': perfect });
  const deployer = new RecordingDeployer();
  if (options.champion ?? true) {
    const v1 = await registry.register({ model: MODEL, artifactUri: 'memory://artifacts/churn-1', metadata: {} });
    await registry.setStatus(MODEL, v1.version, 'champion', 'seeded');
    deployer.serving = v1.version;
  }
  const workDir = await mkdtemp(join(tmpdir(), 'driftwatch-orchestrator-'));
  const config = retrainingConfigSchema.parse({
    trainer: { type: 'scripted' },
    evaluator: { type: 'table' },
    gate: { metric: 'accuracy', minGain: 0.01, floors: { accuracy: 0.6 } },
    timeouts: { training: '1h', poll: '5s', pollMax: '60s' },
    data: { holdout: { fraction: 0.25, minRows: 4 }, exclude: ['customer_id'] },
    ...options.config,
  });
  const context: RetrainingContext = { monitor: 'churn-monitor', model: MODEL, task: 'classification', target: TARGET, config, workDir };
  const progress: string[] = [];
  const loadSides =
    options.sides ??
    (async () => [
      { side: 'reference' as const, frame: side('reference.csv', 40) },
      { side: 'current' as const, frame: side('current.csv', 40) },
    ]);
  const deps = (overrides: Partial<RetrainingDeps> = {}): RetrainingDeps => ({
    store,
    trainer,
    evaluator,
    registry,
    deployer,
    loadSides,
    now: clock.now,
    sleep: clock.sleep,
    progress: (line) => progress.push(line),
    ...overrides,
  });
  const orchestrator = (overrides: Partial<RetrainingDeps> = {}, contextOverrides: Partial<RetrainingContext> = {}) =>
    new RetrainingOrchestrator({ ...context, ...contextOverrides }, deps(overrides));
  return { clock, store, registry, trainer, evaluator, deployer, workDir, context, progress, deps, orchestrator };
}

/** The states an attempt went through, in order. */
export function path(attempt: RetrainingAttempt): string[] {
  return attempt.transitions.map((t) => t.to);
}

/**
 * Makes the first call of `method` never settle (the process "dies" there)
 * and resolves the returned promise when it is reached; later calls behave.
 */
export function hangFirstCall<T extends object>(target: T, method: keyof T & string): Promise<void> {
  const original = (target[method] as (...args: unknown[]) => unknown).bind(target);
  let reached: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    reached = resolve;
  });
  let first = true;
  Object.assign(target, {
    [method]: (...args: unknown[]) => {
      if (!first) return original(...args);
      first = false;
      reached();
      return new Promise(() => {});
    },
  });
  return promise;
}
