import type { SourceFigure } from '@driftwatch/core';
import { quantileSorted } from '../evaluation/bootstrapMeanCi.js';
import { passesRubric, type TrafficRubric } from './judgeTraffic.js';

/** The facts of one request {@link trafficFigures} reads. */
export interface TrafficFacts {
  readonly model_id: string;
  readonly refusal: boolean | null;
  readonly input_tokens: number | null;
  readonly output_tokens: number | null;
  readonly latency_ms: number | null;
  readonly response_words: number | null;
}

/** The judge's part of {@link trafficFigures}: per request, whether it was sampled, and per rubric its score or unparseable mark. */
export interface TrafficJudgeFacts {
  readonly rubrics: readonly TrafficRubric[];
  /** Per request: in the judge's sample (and had a response to judge). */
  readonly sampled: readonly boolean[];
  /** Per rubric, a score per request (NaN where not judged or unparseable). */
  readonly scores: ReadonlyMap<string, Float64Array>;
  /** Per rubric, 1 for a request whose judgement was unparseable. */
  readonly unparseable: ReadonlyMap<string, Uint8Array>;
}

/**
 * The figures of a window of traffic, per model (dimension `model`, in order of first
 * appearance): `llm.requests` and `llm.refusals` (Count), `llm.refusal_rate` (refusals over the
 * requests whose refusal is known), `llm.input_tokens` and `llm.output_tokens` (sums, Count),
 * `llm.latency_p50` / `llm.latency_p95` (ms, numpy's linear quantile), `llm.response_words`
 * (mean); with a judge, per rubric `llm.judge.<rubric>.judged` and `.unparseable` (Count) and,
 * when any was judged, `llm.judge.<rubric>` (mean score) and `llm.judge.<rubric>.pass_rate`. A
 * figure with nothing to compute it on is left out.
 */
export function trafficFigures(rows: readonly TrafficFacts[], judge?: TrafficJudgeFacts): SourceFigure[] {
  const byModel = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const list = byModel.get(row.model_id);
    if (list) list.push(i);
    else byModel.set(row.model_id, [i]);
  });
  const figures: SourceFigure[] = [];
  for (const [model, indices] of byModel) {
    const dimensions = { model };
    const add = (name: string, value: number, unit: SourceFigure['unit']) => figures.push({ name, value, unit, dimensions });
    let refusals = 0;
    let known = 0;
    let input = 0;
    let inputKnown = 0;
    let output = 0;
    let outputKnown = 0;
    let words = 0;
    let wordsKnown = 0;
    const latencies: number[] = [];
    for (const i of indices) {
      const row = rows[i]!;
      if (row.refusal !== null) {
        known++;
        if (row.refusal) refusals++;
      }
      if (row.input_tokens !== null) {
        input += row.input_tokens;
        inputKnown++;
      }
      if (row.output_tokens !== null) {
        output += row.output_tokens;
        outputKnown++;
      }
      if (row.response_words !== null) {
        words += row.response_words;
        wordsKnown++;
      }
      if (row.latency_ms !== null) latencies.push(row.latency_ms);
    }
    add('llm.requests', indices.length, 'Count');
    if (known > 0) {
      add('llm.refusals', refusals, 'Count');
      add('llm.refusal_rate', refusals / known, 'None');
    }
    if (inputKnown > 0) add('llm.input_tokens', input, 'Count');
    if (outputKnown > 0) add('llm.output_tokens', output, 'Count');
    if (latencies.length > 0) {
      const sorted = Float64Array.from(latencies).sort();
      add('llm.latency_p50', quantileSorted(sorted, 0.5), 'Milliseconds');
      add('llm.latency_p95', quantileSorted(sorted, 0.95), 'Milliseconds');
    }
    if (wordsKnown > 0) add('llm.response_words', words / wordsKnown, 'None');
    for (const rubric of judge?.rubrics ?? []) {
      const scores = judge!.scores.get(rubric.name)!;
      const bad = judge!.unparseable.get(rubric.name)!;
      let judged = 0;
      let unparseable = 0;
      let sum = 0;
      let passed = 0;
      for (const i of indices) {
        if (!judge!.sampled[i]) continue;
        if (bad[i] === 1) unparseable++;
        const score = scores[i]!;
        if (Number.isNaN(score)) continue;
        judged++;
        sum += score;
        if (passesRubric(rubric, score)) passed++;
      }
      add(`llm.judge.${rubric.name}.judged`, judged, 'Count');
      add(`llm.judge.${rubric.name}.unparseable`, unparseable, 'Count');
      if (judged > 0) {
        add(`llm.judge.${rubric.name}`, sum / judged, 'None');
        add(`llm.judge.${rubric.name}.pass_rate`, passed / judged, 'None');
      }
    }
  }
  return figures;
}
