import { ConfigError, type FloorCheck, type GateDecision, type ModelScores, type Predictions } from '@driftwatch/core';
import { getMetricDefinition, parseMetricSpec } from '@driftwatch/metrics';
import type { RetrainingConfig } from '../config/retrainingConfigSchema.js';
import { pairedBootstrap } from './pairedBootstrap.js';
import { prepareModelMetrics } from './prepareModelMetrics.js';

/** What {@link validationGate} takes. */
export interface ValidationGateInput {
  readonly gate: RetrainingConfig['gate'];
  readonly task: 'classification' | 'regression';
  /** Holdout labels: class names (classification) or values (regression). */
  readonly labels: readonly string[] | Float64Array;
  /** Binary classification: the positive class name (default: `1`/`true`/`yes`, else the larger class). */
  readonly positive?: string;
  readonly challenger: { readonly version: string; readonly predictions: Predictions };
  /** The serving version; absent when there is none (only the floors decide). */
  readonly champion?: { readonly version: string; readonly predictions: Predictions };
}

/** What {@link validationGate} returns. */
export interface ValidationGateResult {
  readonly decision: GateDecision;
  readonly scores: { readonly champion?: ModelScores; readonly challenger: ModelScores };
}

function fmt(x: number | null): string {
  return x === null ? 'undefined' : Number(x.toFixed(6)).toString();
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${fmt(x)}`;
}

/** Whether the metric of a spec is better when larger (the metrics registry knows). */
function higherIsBetter(spec: string): boolean {
  return getMetricDefinition(parseMetricSpec(spec).name).higherIsBetter;
}

/** Throws a `ConfigError` naming the config path of every gate metric that does not fit the task. */
function checkTask(gate: RetrainingConfig['gate'], task: 'classification' | 'regression'): void {
  const issues: { path: string; message: string }[] = [];
  const check = (path: string, text: string) => {
    const d = getMetricDefinition(parseMetricSpec(text).name);
    const fits = task === 'regression' ? d.tasks.includes('regression') : d.tasks.some((t: string) => t !== 'regression');
    if (!fits) issues.push({ path, message: `${text} is not a ${task} metric` });
  };
  check('gate.metric', gate.metric);
  for (const name of Object.keys(gate.floors)) check(`gate.floors.${name}`, name);
  for (const [i, m] of gate.metrics.entries()) check(`gate.metrics[${i}]`, m);
  if (issues.length > 0) throw new ConfigError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}

/**
 * The validation gate: scores challenger (and champion) on the holdout and decides whether the
 * challenger may be deployed. Rules, all checked and each given a line in `reasons`:
 * - floors: every `gate.floors` metric of the challenger reaches its bound (for error metrics such as
 *   rmse, stays at or under it); an undefined value fails;
 * - without a champion, nothing else ("no champion to beat");
 * - with one: the gain (challenger − champion on `gate.metric`, signed so that positive is better) is at
 *   least `minGain` (default 0 when neither is set), or at least `-maxLoss`; an undefined gain fails;
 * - with `gate.bootstrap`: the paired bootstrap's one-sided p-value, the share of resamples whose gain
 *   is `<= minGain` (or `<= -maxLoss`: a non-inferiority test), is below `alpha`.
 */
export function validationGate(input: ValidationGateInput): ValidationGateResult {
  const { gate, task, labels, positive } = input;
  checkTask(gate, task);
  const metrics = [...new Set([gate.metric, ...Object.keys(gate.floors), ...gate.metrics])];
  const score = (m: { version: string; predictions: Predictions }) =>
    prepareModelMetrics({
      version: m.version,
      task,
      labels,
      predictions: m.predictions,
      metrics,
      ...(positive !== undefined ? { positive } : {}),
    });
  const challenger = score(input.challenger);
  const champion = input.champion ? score(input.champion) : undefined;
  const hib = higherIsBetter(gate.metric);
  const reasons: string[] = [];
  let passed = true;

  const floors: FloorCheck[] = Object.entries(gate.floors).map(([metric, bound]) => {
    const value = challenger.scores.metrics[metric] ?? null;
    const up = higherIsBetter(metric);
    const ok = value !== null && (up ? value >= bound : value <= bound);
    const relation = up ? (ok ? '>=' : '<') : ok ? '<=' : '>';
    reasons.push(
      value === null
        ? `floor ${metric}: undefined on the holdout, bound ${fmt(bound)}`
        : `floor ${metric}: ${fmt(value)} ${relation} ${fmt(bound)}${up ? '' : ' (ceiling)'}`,
    );
    passed &&= ok;
    return { metric, bound, value, passed: ok };
  });

  const challengerValue = challenger.scores.metrics[gate.metric] ?? null;
  const championValue = champion ? (champion.scores.metrics[gate.metric] ?? null) : null;
  const minGain = gate.minGain ?? (gate.maxLoss === undefined ? 0 : undefined);
  let gain: number | null = null;
  let bootstrap: GateDecision['bootstrap'];
  if (!champion) reasons.push(`no champion to beat: ${gate.metric} ${fmt(challengerValue)}`);
  else {
    if (challengerValue !== null && championValue !== null) gain = hib ? challengerValue - championValue : championValue - challengerValue;
    const threshold = minGain ?? -(gate.maxLoss as number);
    const rule = minGain !== undefined ? `minGain ${fmt(minGain)}` : `maxLoss ${fmt(gate.maxLoss as number)}`;
    if (gain === null) {
      passed = false;
      reasons.push(`${gate.metric}: cannot compare, challenger ${fmt(challengerValue)}, champion ${fmt(championValue)}`);
    } else {
      const ok = gain >= threshold;
      passed &&= ok;
      reasons.push(
        `${gate.metric}: challenger ${fmt(challengerValue)}, champion ${fmt(championValue)}, gain ${signed(gain)} ${ok ? 'meets' : 'misses'} ${rule}`,
      );
    }
    if (gate.bootstrap) {
      const { resamples, level, alpha, seed } = gate.bootstrap;
      const b = pairedBootstrap(champion.prepared.get(gate.metric)!, challenger.prepared.get(gate.metric)!, {
        resamples,
        level,
        seed,
        higherIsBetter: hib,
        threshold,
      });
      const significant = b.pValue !== null && b.pValue < alpha;
      passed &&= significant;
      bootstrap = { ...b, level, alpha, significant };
      reasons.push(
        b.pValue === null
          ? `bootstrap: ${gate.metric} undefined on every resample`
          : `bootstrap: gain ${level * 100}% interval [${fmt(b.lower)}, ${fmt(b.upper)}], p = ${fmt(b.pValue)} ${significant ? '<' : '>='} alpha ${fmt(alpha)} (${b.valid}/${resamples} resamples)`,
      );
    }
  }
  const decision: GateDecision = {
    passed,
    reasons,
    metric: gate.metric,
    higherIsBetter: hib,
    champion: championValue,
    challenger: challengerValue,
    gain,
    ...(minGain !== undefined ? { minGain } : {}),
    ...(gate.maxLoss !== undefined ? { maxLoss: gate.maxLoss } : {}),
    floors,
    ...(bootstrap ? { bootstrap } : {}),
  };
  return { decision, scores: { challenger: challenger.scores, ...(champion ? { champion: champion.scores } : {}) } };
}
