import { describe, expect, it } from 'vitest';
import { llmGateSchema } from '../config/evaluationConfigSchema.js';
import type { LlmEvaluationResult, LlmScorerChange } from './LlmEvaluationEngine.js';
import { llmGate } from './llmGate.js';

const scorer = (name: string, mean: number, higherIsBetter = true) => ({ scorer: name, mean, n: 20, passRate: mean, higherIsBetter });
const change = (name: string, previousMean: number, currentMean: number, pValue: number | null): LlmScorerChange => ({
  scorer: name,
  pairs: 20,
  previousMean,
  currentMean,
  meanDifference: currentMean - previousMean,
  ciLow: null,
  ciHigh: null,
  pValue,
  worse: currentMean < previousMean ? 5 : 0,
  better: currentMean > previousMean ? 5 : 0,
});
const run = (scorers: LlmEvaluationResult['scorers'], changes: LlmScorerChange[] = []): LlmEvaluationResult => ({
  schemaVersion: 1,
  kind: 'llm',
  suite: 's',
  model: 'm',
  startedAt: '2026-01-01T00:00:00Z',
  finishedAt: '2026-01-01T00:01:00Z',
  items: [],
  scorers,
  ...(changes.length > 0 ? { comparison: { previousStartedAt: '', previousModel: 'champion', changes } } : {}),
});
const describeChange = (c: LlmScorerChange) => `${c.scorer} ${c.previousMean} -> ${c.currentMean}`;
const champion = run([scorer('correctness', 0.6), scorer('token-f1', 0.7), scorer('refusal', 0.1, false)]);
const challenger = (correctness: number, f1: number, refusal: number, p: number | null) =>
  run(
    [scorer('correctness', correctness), scorer('token-f1', f1), scorer('refusal', refusal, false)],
    [change('correctness', 0.6, correctness, p), change('token-f1', 0.7, f1, 0.5), change('refusal', 0.1, refusal, 0.5)],
  );
const gate = (g: Record<string, unknown>) => llmGateSchema.parse({ scorer: 'correctness', ...g });

describe('llmGate', () => {
  it('passes a significant paired gain with every rule listed, champion and challenger means recorded', () => {
    const d = llmGate(
      gate({ minGain: 0.1, alpha: 0.05, maxRegression: 0.05, floors: { refusal: 0.2 } }),
      champion,
      challenger(0.9, 0.68, 0.05, 0.001),
      describeChange,
    );
    expect(d).toMatchObject({ passed: true, metric: 'correctness', champion: 0.6, challenger: 0.9, minGain: 0.1, higherIsBetter: true });
    expect(d.gain).toBeCloseTo(0.3, 12);
    expect(d.floors).toEqual([{ metric: 'refusal', bound: 0.2, value: 0.05, passed: true }]);
    expect(d.reasons).toEqual([
      'floor refusal: 0.05 <= 0.2 (ceiling)',
      'correctness 0.6 -> 0.9',
      'correctness: paired mean gain +0.3 over 20 items meets minGain 0.1',
      'significance: Wilcoxon signed-rank p = 0.001 < alpha 0.05',
      'token-f1 0.7 -> 0.68; regression 0.02 <= max 0.05',
      'refusal 0.1 -> 0.05; regression 0 <= max 0.05',
    ]);
  });

  it('fails on each rule on its own: the gain, the significance, a regression (lower is better counted right), a floor', () => {
    expect(llmGate(gate({ minGain: 0.4 }), champion, challenger(0.9, 0.7, 0.1, 0.001), describeChange).passed).toBe(false);
    const tied = llmGate(gate({ alpha: 0.05 }), champion, challenger(0.6, 0.7, 0.1, null), describeChange);
    expect(tied.passed).toBe(false);
    expect(tied.reasons).toContain('significance: Wilcoxon signed-rank p = n/a (every pair tied) >= alpha 0.05');
    const refusing = llmGate(
      gate({ maxRegressionByScorer: { refusal: 0.05 } }),
      champion,
      challenger(0.9, 0.7, 0.3, 0.001),
      describeChange,
    );
    expect(refusing.passed).toBe(false);
    expect(refusing.reasons.at(-1)).toBe('refusal 0.1 -> 0.3; regression 0.2 > max 0.05');
    expect(llmGate(gate({ floors: { correctness: 0.95 } }), champion, challenger(0.9, 0.7, 0.1, 0.001), describeChange).passed).toBe(false);
  });

  it('maxLoss admits a slightly worse challenger (non-inferiority) and skips the significance rule', () => {
    const d = llmGate(gate({ maxLoss: 0.05, alpha: 0.05 }), champion, challenger(0.57, 0.7, 0.1, 0.4), describeChange);
    expect(d.passed).toBe(true);
    expect(d.reasons).toContain('correctness: paired mean gain -0.03 over 20 items meets maxLoss 0.05');
    expect(d.reasons.some((r) => r.startsWith('significance'))).toBe(false);
  });

  it('fails when no item was scored for both', () => {
    const d = llmGate(gate({}), champion, run(champion.scorers), describeChange);
    expect(d).toMatchObject({ passed: false, gain: null });
    expect(d.reasons).toEqual(['correctness: no item scored for both champion and challenger']);
  });
});
