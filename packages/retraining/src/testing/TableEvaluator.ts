import type { EvaluationSet, Evaluator, ModelVersion, Predictions } from '@driftwatch/core';
import { ProviderError } from '@driftwatch/core';

/** One answer of a version: fixed predictions, predictions computed from the set (e.g. from its labels), or an error to throw. */
export type TableAnswer = Predictions | Error | ((set: EvaluationSet) => Predictions | Promise<Predictions>);

/**
 * What a version predicts: one answer for every call, or a list taken one
 * per call (the last repeats, so a test can make a deployed version score
 * worse than it did at the gate).
 */
export type TableEntry = TableAnswer | readonly TableAnswer[];

/** One `predict` call, as recorded. */
export interface EvaluatorCall {
  readonly model: string;
  readonly version: string;
  readonly set: EvaluationSet;
}

/**
 * An {@link Evaluator} that answers from a table of predictions per model
 * version, for tests of code that scores models. A version missing from the
 * table throws a {@link ProviderError}.
 */
export class TableEvaluator implements Evaluator {
  readonly type: string;
  /** Every call, in order. */
  readonly calls: EvaluatorCall[] = [];
  readonly #table = new Map<string, TableEntry>();
  readonly #served = new Map<string, number>();

  constructor(table: Readonly<Record<string, TableEntry>> = {}, options: { readonly type?: string } = {}) {
    this.type = options.type ?? 'table';
    for (const [version, entry] of Object.entries(table)) this.#table.set(version, entry);
  }

  /** Sets (or replaces) what a version predicts, and restarts its list. */
  set(version: string, entry: TableEntry): void {
    this.#table.set(version, entry);
    this.#served.delete(version);
  }

  async predict(version: ModelVersion, set: EvaluationSet): Promise<Predictions> {
    this.calls.push({ model: version.model, version: version.version, set: { ...set } });
    const entry = this.#table.get(version.version);
    if (entry === undefined)
      throw new ProviderError(this.type, 'predict', `no predictions for ${version.model} version ${version.version}`);
    let answer: TableAnswer;
    if (Array.isArray(entry)) {
      const list = entry as readonly TableAnswer[];
      const served = this.#served.get(version.version) ?? 0;
      this.#served.set(version.version, served + 1);
      answer = list[Math.min(served, list.length - 1)];
    } else {
      answer = entry as TableAnswer;
    }
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer(set);
    return structuredClone(answer);
  }
}
