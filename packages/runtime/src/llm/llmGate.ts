import type { FloorCheck, GateDecision } from '@driftwatch/core';
import type { LlmGateConfig } from '../config/evaluationConfigSchema.js';
import type { LlmEvaluationResult, LlmScorerChange } from './LlmEvaluationEngine.js';

const fmt = (x: number | null) => (x === null ? 'undefined' : Number(x.toFixed(4)).toString());
const signed = (x: number) => `${x >= 0 ? '+' : ''}${fmt(x)}`;

/**
 * The LLM validation gate: `compared` is the challenger's run with its paired changes against the
 * champion's run on the same golden set (`previous` = champion). Rules, each with a line in
 * `reasons` (the tabular gate's, on scorer means):
 * - floors: each named scorer's challenger mean reaches its bound (stays under it where lower is better);
 * - the primary scorer's gain (challenger − champion mean, signed so positive is better) meets
 *   `minGain` (default 0), or is at least `-maxLoss`;
 * - with `alpha` (and minGain): the two-sided Wilcoxon signed-rank p-value of the paired
 *   differences is below alpha;
 * - no other scorer regresses by more than its `maxRegressionByScorer` bound, else `maxRegression`.
 * `describe` turns a change into the report line (`correctness rose from 0.55 to 0.98, p < 0.001, …`).
 */
export function llmGate(
  gate: LlmGateConfig,
  champion: LlmEvaluationResult,
  compared: LlmEvaluationResult,
  describe: (change: LlmScorerChange) => string,
): GateDecision {
  const reasons: string[] = [];
  let passed = true;
  const summary = new Map(compared.scorers.map((s) => [s.scorer, s]));
  const changes = new Map((compared.comparison?.changes ?? []).map((c) => [c.scorer, c]));
  const higher = (scorer: string) => summary.get(scorer)?.higherIsBetter ?? true;
  const championMeans = new Map(champion.scorers.map((s) => [s.scorer, s.mean]));

  const floors: FloorCheck[] = Object.entries(gate.floors).map(([scorer, bound]) => {
    const value = summary.get(scorer)?.mean ?? null;
    const up = higher(scorer);
    const ok = value !== null && (up ? value >= bound : value <= bound);
    passed &&= ok;
    reasons.push(`floor ${scorer}: ${fmt(value)} ${up ? (ok ? '>=' : '<') : ok ? '<=' : '>'} ${fmt(bound)}${up ? '' : ' (ceiling)'}`);
    return { metric: scorer, bound, value, passed: ok };
  });

  const primary = changes.get(gate.scorer);
  const hib = higher(gate.scorer);
  const challengerValue = summary.get(gate.scorer)?.mean ?? null;
  const championValue = championMeans.get(gate.scorer) ?? null;
  const minGain = gate.minGain ?? (gate.maxLoss === undefined ? 0 : undefined);
  const threshold = minGain ?? -(gate.maxLoss as number);
  const rule = minGain !== undefined ? `minGain ${fmt(minGain)}` : `maxLoss ${fmt(gate.maxLoss as number)}`;
  let gain: number | null = null;
  if (primary && primary.meanDifference !== null) gain = hib ? primary.meanDifference : -primary.meanDifference;
  if (primary) reasons.push(describe(primary));
  if (gain === null) {
    passed = false;
    reasons.push(`${gate.scorer}: no item scored for both champion and challenger`);
  } else {
    const ok = gain >= threshold;
    passed &&= ok;
    reasons.push(`${gate.scorer}: paired mean gain ${signed(gain)} over ${primary!.pairs} items ${ok ? 'meets' : 'misses'} ${rule}`);
  }
  if (gate.alpha !== undefined && minGain !== undefined) {
    const p = primary?.pValue ?? null;
    const ok = p !== null && p < gate.alpha && (gain ?? 0) > 0;
    passed &&= ok;
    reasons.push(
      `significance: Wilcoxon signed-rank p = ${p === null ? 'n/a (every pair tied)' : fmt(p)} ${ok ? '<' : p !== null && p < gate.alpha ? '< (but no gain)' : '>='} alpha ${fmt(gate.alpha)}`,
    );
  }
  for (const change of changes.values()) {
    if (change.scorer === gate.scorer) continue;
    const bound = gate.maxRegressionByScorer[change.scorer] ?? gate.maxRegression;
    if (bound === undefined || change.meanDifference === null) continue;
    const regression = higher(change.scorer) ? -change.meanDifference : change.meanDifference;
    const ok = regression <= bound;
    passed &&= ok;
    reasons.push(`${describe(change)}; regression ${fmt(Math.max(0, regression))} ${ok ? '<=' : '>'} max ${fmt(bound)}`);
  }
  return {
    passed,
    reasons,
    metric: gate.scorer,
    higherIsBetter: hib,
    champion: championValue,
    challenger: challengerValue,
    gain,
    ...(minGain !== undefined ? { minGain } : {}),
    ...(gate.maxLoss !== undefined ? { maxLoss: gate.maxLoss } : {}),
    floors,
  };
}
