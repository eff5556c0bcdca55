import type { ScorerChange } from './EvaluationResult.js';

const two = (v: number) => v.toFixed(2);

function formatP(p: number | null): string {
  if (p === null) return 'p = n/a';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** One line of a scorer's change, e.g. `correctness fell from 0.86 to 0.79, p = 0.003, 14 items got worse`. */
export function formatChange(change: ScorerChange): string {
  if (change.pairs === 0 || change.previousMean === null || change.currentMean === null) {
    return `${change.scorer}: no item scored in both runs`;
  }
  const verb = change.currentMean < change.previousMean ? 'fell' : change.currentMean > change.previousMean ? 'rose' : 'stayed';
  const moved =
    verb === 'stayed' ? `stayed at ${two(change.currentMean)}` : `${verb} from ${two(change.previousMean)} to ${two(change.currentMean)}`;
  const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
  const parts = [`${change.scorer} ${moved}`, formatP(change.pValue), `${items(change.worse)} got worse`];
  if (change.better > 0) parts.push(`${items(change.better)} better`);
  return parts.join(', ');
}
