import type { MetricPoint } from '@driftwatch/core';
import type { EvaluationResult } from './EvaluationResult.js';

/**
 * The metric points of a run, stamped `finishedAt`, dimensions `model`, `suite`, `tag` (`all`
 * for the whole suite): `llm.<scorer>` (mean) and `llm.<scorer>.pass_rate` per scorer and tag;
 * for the suite `llm.latency_p50`/`llm.latency_p95` (ms), `llm.error_rate`, `llm.throttle_rate`,
 * `llm.input_tokens`, `llm.output_tokens`, `llm.cost` (when priced) and, against the previous
 * run, `llm.<scorer>.change` (mean difference) and `llm.<scorer>.change_p_value`.
 */
export function evaluationPoints(result: EvaluationResult): MetricPoint[] {
  const timestamp = result.finishedAt;
  const base = { model: result.model, suite: result.suite };
  const points: MetricPoint[] = [];
  const add = (name: string, value: number | null, unit: MetricPoint['unit'], tag = 'all') => {
    if (value !== null && Number.isFinite(value)) points.push({ name, value, unit, timestamp, dimensions: { ...base, tag } });
  };
  for (const s of result.scorers) {
    add(`llm.${s.scorer}`, s.mean, 'None');
    add(`llm.${s.scorer}.pass_rate`, s.passRate, 'None');
    for (const [tag, t] of Object.entries(s.byTag)) {
      add(`llm.${s.scorer}`, t.mean, 'None', tag);
      add(`llm.${s.scorer}.pass_rate`, t.passRate, 'None', tag);
    }
  }
  add('llm.latency_p50', result.latency.p50, 'Milliseconds');
  add('llm.latency_p95', result.latency.p95, 'Milliseconds');
  add('llm.error_rate', result.errorRate, 'None');
  add('llm.throttle_rate', result.throttleRate, 'None');
  add('llm.input_tokens', result.tokens.input, 'Count');
  add('llm.output_tokens', result.tokens.output, 'Count');
  add('llm.cost', result.cost, 'None');
  for (const c of result.comparison?.changes ?? []) {
    add(`llm.${c.scorer}.change`, c.meanDifference, 'None');
    add(`llm.${c.scorer}.change_p_value`, c.pValue, 'None');
  }
  return points;
}
