import type { ModelScores } from '@driftwatch/core';
import { getMetricDefinition, parseMetricSpec } from '@driftwatch/metrics';

/** What the post-deploy check found: one line per rule. */
export interface PostDeployCheck {
  readonly passed: boolean;
  readonly reasons: readonly string[];
}

/**
 * The post-deploy check of a deployed version's scores: every floor must hold
 * (for error metrics such as rmse, a ceiling), and on the gate metric the
 * version may not score worse than it did at the gate by more than `maxLoss`.
 * An undefined (`null`) value fails its rule.
 */
export function checkPostDeploy(input: {
  readonly scores: ModelScores;
  readonly floors: Readonly<Record<string, number>>;
  readonly maxLoss?: number;
  /** The gate metric and the deployed version's gate score on it (`null` when unknown). */
  readonly metric: string;
  readonly gateScore: number | null;
}): PostDeployCheck {
  const reasons: string[] = [];
  let passed = true;
  for (const [metric, bound] of Object.entries(input.floors)) {
    const value = input.scores.metrics[metric] ?? null;
    const higher = higherIsBetter(metric);
    const ok = value !== null && (higher ? value >= bound : value <= bound);
    passed &&= ok;
    reasons.push(`${metric} ${format(value)} ${ok ? (higher ? '>=' : '<=') : higher ? '<' : '>'} ${higher ? 'floor' : 'ceiling'} ${bound}`);
  }
  if (input.maxLoss !== undefined) {
    const value = input.scores.metrics[input.metric] ?? null;
    if (value === null || input.gateScore === null) {
      passed = false;
      reasons.push(`${input.metric} ${format(value)} cannot be compared with its gate score ${format(input.gateScore)}`);
    } else {
      const loss = higherIsBetter(input.metric) ? input.gateScore - value : value - input.gateScore;
      const ok = loss <= input.maxLoss;
      passed &&= ok;
      reasons.push(
        `${input.metric} ${format(value)} vs ${format(input.gateScore)} at the gate: loss ${format(loss)} ${ok ? '<=' : '>'} maxLoss ${input.maxLoss}`,
      );
    }
  }
  return { passed, reasons };
}

function higherIsBetter(metric: string): boolean {
  return getMetricDefinition(parseMetricSpec(metric).name).higherIsBetter;
}

function format(value: number | null): string {
  return value === null ? 'undefined' : String(Math.round(value * 1e6) / 1e6);
}
