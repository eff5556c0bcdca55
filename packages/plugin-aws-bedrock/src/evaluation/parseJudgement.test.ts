import { describe, expect, it } from 'vitest';
import { parseJudgement } from './parseJudgement.js';

describe('parseJudgement', () => {
  it('reads the JSON object inside prose or a code fence', () => {
    expect(parseJudgement('{"score": 0.75, "reasoning": "close"}')).toEqual({ score: 0.75, reasoning: 'close' });
    expect(parseJudgement('Here:\n```json\n{"score": 1, "reasoning": "ok"}\n```')).toEqual({ score: 1, reasoning: 'ok' });
  });
  it('refuses prose, out-of-range scores and missing fields', () => {
    expect(parseJudgement('I would rate it highly.')).toBeUndefined();
    expect(parseJudgement('{"score": 7, "reasoning": "x"}')).toBeUndefined();
    expect(parseJudgement('{"score": "high", "reasoning": "x"}')).toBeUndefined();
    expect(parseJudgement('{"score": 0.5}')).toBeUndefined();
    expect(parseJudgement('{not json}')).toBeUndefined();
  });
});
