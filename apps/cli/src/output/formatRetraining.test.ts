import type { RetrainingAttempt } from '@driftwatch/core';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { attemptsTable } from '../commands/historyCommand.js';
import { retrainExitStatus } from '../commands/retrainCommand.js';
import { formatAttempt } from './formatRetraining.js';

const colors = pc.createColors(false);
const gate = {
  passed: true,
  reasons: ['gain +0.1000 ≥ 0.01'],
  metric: 'f1',
  higherIsBetter: true,
  champion: 0.5,
  challenger: 0.6,
  gain: 0.1,
  minGain: 0.01,
  floors: [],
};
const message =
  'deploying version 2 failed: endpoint churn-ep is Failed; version 1 keeps serving (retry with: driftwatch models promote churn 2)';
const deployFailed: RetrainingAttempt = {
  schemaVersion: 1,
  id: '20261207T000000Z-churn-abcdef',
  key: 'churn-r1',
  monitor: 'churn',
  model: 'churn',
  state: 'deploy-failed',
  trigger: { kinds: ['drift'], reasons: ['drift: the dataset drifted'] },
  createdAt: '2026-12-07T00:00:00.000Z',
  updatedAt: '2026-12-07T00:01:00.000Z',
  transitions: ['triggered', 'collecting', 'training', 'registering', 'evaluating', 'gated', 'deploying', 'deploy-failed'].map(
    (to, i, all) => ({
      from: i === 0 ? null : (all[i - 1] as RetrainingAttempt['state']),
      to: to as RetrainingAttempt['state'],
      at: '2026-12-07T00:00:00.000Z',
      reason: to,
    }),
  ),
  champion: '1',
  challenger: '2',
  gate,
  error: { code: 'DEPLOY_FAILED', message },
};

describe('a deploy-failed attempt, as retrain, run and history show it', () => {
  it('is told apart from a gate rejection: the gate passed, the champion serves, promote retries it; exit 4', () => {
    const text = formatAttempt(deployFailed, colors);
    expect(text).toMatch(/^attempt \S+ \(model churn\): deploy-failed$/m);
    expect(text).toMatch(/gate: +passed: f1: champion v1 0\.5000 → challenger v2 0\.6000/);
    expect(text).toContain(
      'result:    v2 passed the gate but was not deployed (kept as deploy-failed); v1 keeps serving; retry with "driftwatch models promote churn 2"',
    );
    expect(text).toContain(`reason:    ${message}`);
    expect(text).not.toMatch(/rejected/);

    const table = attemptsTable([deployFailed]).split('\n');
    expect(table[1]).toMatch(/churn +deploy-failed +drift +passed: f1/);
    const outcome = {
      schemaVersion: 1,
      monitor: 'churn',
      model: 'churn',
      decision: { retrain: true, blockedBy: [] },
      resumed: [],
    } as const;
    expect(retrainExitStatus({ ...outcome, attempt: deployFailed })).toBe(4);
    expect(retrainExitStatus({ ...outcome, attempt: { ...deployFailed, state: 'rejected' } })).toBe(1);
  });
});
