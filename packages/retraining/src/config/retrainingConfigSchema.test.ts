import { describe, expect, it } from 'vitest';
import { retrainingConfigSchema } from './retrainingConfigSchema.js';

const minimal = { trainer: { type: 'command', command: 'python train.py' }, evaluator: { type: 'command' }, gate: { metric: 'f1' } };

/** `path: message` of every issue, as users read them. */
function issues(input: unknown): string[] {
  const result = retrainingConfigSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('retrainingConfigSchema', () => {
  it('fills every default of a minimal block', () => {
    const config = retrainingConfigSchema.parse(minimal);
    expect(config).toEqual({
      when: { drift: false, features: [], metrics: false, cooldown: 0, minNewRows: 0 },
      data: { include: ['reference', 'current'], holdout: { fraction: 0.2, minRows: 1 }, exclude: [] },
      trainer: { type: 'command', command: 'python train.py' },
      evaluator: { type: 'command' },
      registry: { type: 'folder', path: '.driftwatch/models' },
      deployer: { type: 'champion-pointer' },
      gate: { metric: 'f1', floors: {}, metrics: [] },
      timeouts: { training: 3_600_000, poll: 2_000, pollMax: 60_000 },
    });
  });

  it('reads a full block, durations in milliseconds', () => {
    const config = retrainingConfigSchema.parse({
      model: 'churn',
      when: {
        drift: true,
        features: ['tenure', 'plan'],
        metrics: ['f1', 'roc_auc'],
        schedule: '7d',
        cooldown: '24h',
        minNewRows: 500,
        maxPerPeriod: { count: 3, period: '1w' },
      },
      data: { include: ['current'], holdout: { fraction: 0.25, minRows: 50 }, exclude: ['customer_id'] },
      trainer: { type: 'sagemaker', instanceType: 'ml.m5.large' },
      evaluator: { type: 'command' },
      registry: { type: 'sagemaker', group: 'churn' },
      deployer: { type: 'sagemaker-endpoint' },
      gate: {
        metric: 'f1:macro',
        maxLoss: 0.02,
        floors: { accuracy: 0.7 },
        metrics: ['roc_auc'],
        bootstrap: { resamples: 500 },
      },
      postDeploy: { floors: { accuracy: 0.7 }, maxLoss: 0.05 },
      timeouts: { training: '1.5h', poll: 5000, pollMax: '60s' },
    });
    expect(config.when).toEqual({
      drift: true,
      features: ['tenure', 'plan'],
      metrics: ['f1', 'roc_auc'],
      schedule: 7 * 86_400_000,
      cooldown: 86_400_000,
      minNewRows: 500,
      maxPerPeriod: { count: 3, period: 7 * 86_400_000 },
    });
    expect(config.gate.bootstrap).toEqual({ resamples: 500, level: 0.95, alpha: 0.05, seed: 0 });
    expect(config.trainer).toEqual({ type: 'sagemaker', instanceType: 'ml.m5.large' });
    expect(config.timeouts).toEqual({ training: 5_400_000, poll: 5000, pollMax: 60_000 });
  });

  it('names the path of every problem', () => {
    expect(
      issues({
        ...minimal,
        when: { cooldown: 'tomorrow', schedule: true, drift: 'yes', maxPerPeriod: { count: 0, period: '0s' }, metrics: ['f2'] },
        data: { holdout: { fraction: 1.5 }, include: ['reference', 'reference'] },
        gate: { metric: 'f1x', floors: { acuracy: 0.7 }, minGain: 0.01, maxLoss: 0.02 },
        timeouts: { poll: '2m', pollMax: '1m' },
        extra: 1,
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^when\.cooldown: expected a duration such as 30s, 10m, 24h or 7d, got "tomorrow"$/),
        expect.stringMatching(/^when\.schedule: expected a duration such as/),
        expect.stringMatching(/^when\.drift: /),
        expect.stringMatching(/^when\.maxPerPeriod\.count: /),
        expect.stringMatching(/^when\.maxPerPeriod\.period: the period must be longer than 0$/),
        expect.stringMatching(/^when\.metrics\.0: unknown metric "f2"/),
        expect.stringMatching(/^data\.holdout\.fraction: /),
        expect.stringMatching(/^data\.include: list each side once$/),
        expect.stringMatching(/^gate\.metric: unknown metric "f1x"/),
        expect.stringMatching(/^gate\.floors\.acuracy: unknown metric "acuracy"/),
        expect.stringMatching(/^timeouts\.poll: poll must not be longer than pollMax$/),
        expect.stringMatching(/^: Unrecognized key: "extra"$/),
      ]),
    );
  });

  it('rejects minGain together with maxLoss', () => {
    expect(issues({ ...minimal, gate: { metric: 'f1', minGain: 0.01, maxLoss: 0.02 } })).toEqual([
      'gate.maxLoss: give minGain or maxLoss, not both',
    ]);
  });

  it('requires trainer, evaluator and the gate metric', () => {
    expect(issues({ gate: {} }).map((i) => i.split(':')[0])).toEqual(['trainer', 'evaluator', 'gate.metric']);
  });

  it('rejects a negative duration and a bad metric option', () => {
    expect(issues({ ...minimal, when: { cooldown: -5 } })).toEqual([
      'when.cooldown: expected a duration such as 30s, 10m, 24h or 7d, got -5',
    ]);
    expect(issues({ ...minimal, gate: { metric: 'rmse:macro' } })).toEqual(['gate.metric: rmse:macro: rmse takes no average "macro"']);
  });
});
