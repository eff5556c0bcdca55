import { describe, expect, it } from 'vitest';
import type { TrafficRubric } from './judgeTraffic.js';
import { type TrafficFacts, trafficFigures } from './trafficFigures.js';

const row = (
  model: string,
  refusal: boolean | null,
  input: number | null,
  output: number | null,
  latency: number | null,
  words: number | null,
): TrafficFacts => ({
  model_id: model,
  refusal,
  input_tokens: input,
  output_tokens: output,
  latency_ms: latency,
  response_words: words,
});

describe('trafficFigures', () => {
  it('per model: requests, refusals and their rate over the known, token sums, latency quantiles (numpy linear), mean words', () => {
    const rows = [
      row('a', false, 10, 20, 100, 5),
      row('b', true, 1, 2, null, null),
      row('a', true, 30, 40, 300, 9),
      row('a', null, null, 60, 200, null),
      row('a', false, 20, null, 400, 4),
    ];
    const figures = trafficFigures(rows);
    const a = Object.fromEntries(figures.filter((f) => f.dimensions.model === 'a').map((f) => [f.name, f.value]));
    // numpy.percentile([100, 200, 300, 400], 50) = 250, 95 → 385.
    expect(a).toEqual({
      'llm.requests': 4,
      'llm.refusals': 1,
      'llm.refusal_rate': 1 / 3,
      'llm.input_tokens': 60,
      'llm.output_tokens': 120,
      'llm.latency_p50': 250,
      'llm.latency_p95': 385,
      'llm.response_words': 6,
    });
    const b = figures.filter((f) => f.dimensions.model === 'b');
    expect(b.map((f) => [f.name, f.value, f.unit])).toEqual([
      ['llm.requests', 1, 'Count'],
      ['llm.refusals', 1, 'Count'],
      ['llm.refusal_rate', 1, 'None'],
      ['llm.input_tokens', 1, 'Count'],
      ['llm.output_tokens', 2, 'Count'],
    ]);
  });

  it('judge: judged and unparseable counts over the sample, mean and pass rate over the judged (below the threshold passes where 1 is bad)', () => {
    const rows = Array.from({ length: 6 }, () => row('m', false, null, null, null, null));
    const rubrics: TrafficRubric[] = [
      { name: 'helpfulness', instructions: '', threshold: 0.5, higherIsBetter: true },
      { name: 'refusal', instructions: '', threshold: 0.5, higherIsBetter: false },
    ];
    const NaN_ = Number.NaN;
    const figures = trafficFigures(rows, {
      rubrics,
      sampled: [true, true, false, true, true, false],
      scores: new Map([
        ['helpfulness', Float64Array.from([1, 0.25, NaN_, NaN_, 0.75, NaN_])],
        ['refusal', Float64Array.from([0, 1, NaN_, 0, 0, NaN_])],
      ]),
      unparseable: new Map([
        ['helpfulness', Uint8Array.from([0, 0, 0, 1, 0, 0])],
        ['refusal', Uint8Array.from([0, 0, 0, 0, 0, 0])],
      ]),
    });
    const judge = Object.fromEntries(figures.filter((f) => f.name.startsWith('llm.judge.')).map((f) => [f.name, f.value]));
    expect(judge).toEqual({
      'llm.judge.helpfulness.judged': 3,
      'llm.judge.helpfulness.unparseable': 1,
      'llm.judge.helpfulness': (1 + 0.25 + 0.75) / 3,
      'llm.judge.helpfulness.pass_rate': 2 / 3,
      'llm.judge.refusal.judged': 4,
      'llm.judge.refusal.unparseable': 0,
      'llm.judge.refusal': 0.25,
      'llm.judge.refusal.pass_rate': 0.75,
    });
  });
});
