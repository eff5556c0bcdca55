import type { RetrainingAttempt, RetrainingState } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { retrainingConfigSchema } from '../config/retrainingConfigSchema.js';
import { decideRetraining } from './decideRetraining.js';
import type { RunSignals } from './RunSignals.js';

const HOUR = 3_600_000;
const now = new Date('2026-03-10T12:00:00.000Z');

function when(raw: Record<string, unknown>) {
  return retrainingConfigSchema.parse({ when: raw, trainer: { type: 't' }, evaluator: { type: 'e' }, gate: { metric: 'f1' } }).when;
}

function attempt(id: string, hoursAgo: number, state: RetrainingState = 'deployed', model = 'churn'): RetrainingAttempt {
  const at = new Date(now.getTime() - hoursAgo * HOUR).toISOString();
  return {
    schemaVersion: 1,
    id,
    key: `${model}-${id}`,
    monitor: 'm',
    model,
    state,
    trigger: { kinds: ['drift'], reasons: ['drift'] },
    createdAt: at,
    updatedAt: at,
    transitions: [],
  };
}

const quiet: RunSignals = { runId: 'run-1', datasetDrifted: false, driftedFeatures: [], metricAlerts: [] };

describe('decideRetraining triggers', () => {
  it('does nothing when no trigger fires', () => {
    const d = decideRetraining({
      model: 'churn',
      when: when({ drift: true, features: ['tenure'], metrics: true }),
      now,
      run: quiet,
      attempts: [],
    });
    expect(d).toEqual({ retrain: false, blockedBy: [] });
  });

  it('fires on dataset drift only when asked to', () => {
    const run = { ...quiet, datasetDrifted: true };
    expect(decideRetraining({ model: 'churn', when: when({}), now, run, attempts: [] }).retrain).toBe(false);
    const d = decideRetraining({ model: 'churn', when: when({ drift: true }), now, run, attempts: [] });
    expect(d).toEqual({
      retrain: true,
      trigger: { kinds: ['drift'], reasons: ['drift: the dataset drifted'], runId: 'run-1' },
      blockedBy: [],
      key: 'churn-run-1',
    });
  });

  it('fires on the listed features only', () => {
    const run = { ...quiet, driftedFeatures: ['age', 'plan', 'tenure'] };
    const d = decideRetraining({ model: 'churn', when: when({ features: ['tenure', 'plan', 'region'] }), now, run, attempts: [] });
    expect(d.trigger).toEqual({ kinds: ['features'], reasons: ['features: tenure, plan drifted'], runId: 'run-1' });
    expect(decideRetraining({ model: 'churn', when: when({ features: ['region'] }), now, run, attempts: [] }).retrain).toBe(false);
  });

  it('fires on any metric alert, or on the listed metrics only', () => {
    const run: RunSignals = {
      ...quiet,
      metricAlerts: [
        { metric: 'f1:macro', source: 'realised', reason: 'f1 0.61 < 0.7 in 2026-W10' },
        { metric: 'roc_auc', source: 'estimated', reason: 'estimated roc_auc 0.6 < 0.7' },
      ],
    };
    const any = decideRetraining({ model: 'churn', when: when({ metrics: true }), now, run, attempts: [] });
    expect(any.trigger?.reasons).toEqual(['metric: f1 0.61 < 0.7 in 2026-W10', 'metric: estimated roc_auc 0.6 < 0.7']);
    const listed = decideRetraining({ model: 'churn', when: when({ metrics: ['f1'] }), now, run, attempts: [] });
    expect(listed.trigger).toEqual({ kinds: ['metric'], reasons: ['metric: f1 0.61 < 0.7 in 2026-W10'], runId: 'run-1' });
    expect(decideRetraining({ model: 'churn', when: when({ metrics: ['accuracy'] }), now, run, attempts: [] }).retrain).toBe(false);
  });

  it('fires on the schedule when the newest attempt is old enough, or there is none', () => {
    const w = when({ schedule: '7d' });
    const first = decideRetraining({ model: 'churn', when: w, now, attempts: [] });
    expect(first.retrain).toBe(true);
    expect(first.key).toBe(`churn-schedule-${Math.floor(now.getTime() / (7 * 24 * HOUR))}`);
    expect(first.trigger).toEqual({ kinds: ['schedule'], reasons: ['schedule: no attempt yet (every 1w)'] });
    const recent = decideRetraining({ model: 'churn', when: w, now, attempts: [attempt('a1', 6 * 24)] });
    expect(recent).toEqual({ retrain: false, blockedBy: [] });
    const old = decideRetraining({ model: 'churn', when: w, now, attempts: [attempt('a1', 8 * 24)] });
    expect(old.trigger?.reasons).toEqual(['schedule: last attempt 1.1w ago, every 1w']);
  });

  it('keys a run trigger by the run even when the schedule fires too', () => {
    const d = decideRetraining({
      model: 'churn',
      when: when({ drift: true, schedule: '1d' }),
      now,
      run: { ...quiet, datasetDrifted: true },
      attempts: [],
    });
    expect(d.trigger?.kinds).toEqual(['drift', 'schedule']);
    expect(d.key).toBe('churn-run-1');
  });

  it('sanitises keys to letters, digits, "-", "." and "_"', () => {
    const d = decideRetraining({
      model: 'churn',
      when: when({ drift: true }),
      now,
      run: { ...quiet, runId: 'run:2026/03 10', datasetDrifted: true },
      attempts: [],
    });
    expect(d.key).toBe('churn-run_2026_03_10');
  });
});

describe('decideRetraining guards', () => {
  const w = when({ drift: true, cooldown: '24h', minNewRows: 500, maxPerPeriod: { count: 2, period: '7d' } });
  const run: RunSignals = { ...quiet, datasetDrifted: true, newLabelledRows: 1000 };

  it('lets a fired trigger through when every guard allows it', () => {
    const d = decideRetraining({ model: 'churn', when: w, now, run, attempts: [attempt('a1', 30, 'failed')] });
    expect(d.retrain).toBe(true);
    expect(d.blockedBy).toEqual([]);
  });

  it('blocks within the cooldown, failed attempts included', () => {
    const d = decideRetraining({ model: 'churn', when: w, now, run, attempts: [attempt('a1', 3, 'failed')] });
    expect(d.retrain).toBe(false);
    expect(d.trigger?.kinds).toEqual(['drift']);
    expect(d.blockedBy).toEqual(['cooldown: last attempt 3h ago, cooldown 1d']);
  });

  it('blocks with too few labelled rows, and not when the count is unknown', () => {
    const few = decideRetraining({ model: 'churn', when: w, now, run: { ...run, newLabelledRows: 499 }, attempts: [] });
    expect(few.blockedBy).toEqual(['minNewRows: 499 labelled rows in the current data, at least 500 needed']);
    expect(few.retrain).toBe(false);
    const { newLabelledRows: _, ...unknown } = run;
    expect(decideRetraining({ model: 'churn', when: w, now, run: unknown, attempts: [] }).retrain).toBe(true);
  });

  it('counts the labelled rows added since the newest attempt that collected data', () => {
    const collected = (id: string, hoursAgo: number, rows: number): RetrainingAttempt => ({
      ...attempt(id, hoursAgo, 'deployed'),
      data: { trainUri: 't', trainRows: 1, holdoutUri: 'h', holdoutRows: 1, newLabelledRows: rows },
    });
    const noCooldown = when({ drift: true, minNewRows: 500 });
    // 1000 labelled rows now, 700 when a2 collected: 300 are new.
    const attempts = [attempt('a3', 40, 'failed'), collected('a2', 48, 700), collected('a1', 100, 100)];
    const d = decideRetraining({ model: 'churn', when: noCooldown, now, run, attempts });
    expect(d.blockedBy).toEqual([
      'minNewRows: 300 new labelled rows since attempt a2 (1000 in the current data, 700 then), at least 500 needed',
    ]);
    expect(d.retrain).toBe(false);
    // 1300 now: 600 new.
    expect(decideRetraining({ model: 'churn', when: noCooldown, now, run: { ...run, newLabelledRows: 1300 }, attempts }).retrain).toBe(
      true,
    );
    // Fewer rows than a2 saw: the current data was replaced, all 600 are new.
    expect(decideRetraining({ model: 'churn', when: noCooldown, now, run: { ...run, newLabelledRows: 600 }, attempts }).retrain).toBe(true);
  });

  it('blocks when the period already holds maxPerPeriod attempts', () => {
    const attempts = [attempt('a2', 48, 'rejected'), attempt('a1', 100, 'deployed'), attempt('a0', 200, 'deployed')];
    const d = decideRetraining({ model: 'churn', when: w, now, run, attempts });
    expect(d.blockedBy).toEqual(['maxPerPeriod: 2 attempts in the last 1w, at most 2']);
    expect(decideRetraining({ model: 'churn', when: w, now, run, attempts: attempts.slice(1) }).retrain).toBe(true);
  });

  it('allows one attempt at a time and lists every blocking guard', () => {
    const d = decideRetraining({
      model: 'churn',
      when: w,
      now,
      run: { ...run, newLabelledRows: 10 },
      attempts: [attempt('a3', 1, 'training')],
    });
    expect(d.retrain).toBe(false);
    expect(d.blockedBy).toEqual([
      'attempt a3 is still training',
      'cooldown: last attempt 1h ago, cooldown 1d',
      'minNewRows: 10 labelled rows in the current data, at least 500 needed',
    ]);
  });

  it("ignores other models' attempts", () => {
    const d = decideRetraining({ model: 'churn', when: w, now, run, attempts: [attempt('x1', 1, 'training', 'fraud')] });
    expect(d.retrain).toBe(true);
  });
});

describe('decideRetraining manual', () => {
  const w = when({ cooldown: '24h', maxPerPeriod: { count: 1, period: '7d' } });

  it('fires regardless of triggers and reports the guards it overrides', () => {
    const d = decideRetraining({ model: 'churn', when: w, now, manual: true, attempts: [attempt('a1', 2, 'rejected')] });
    expect(d).toEqual({
      retrain: true,
      trigger: { kinds: ['manual'], reasons: ['requested by hand'] },
      blockedBy: ['cooldown: last attempt 2h ago, cooldown 1d', 'maxPerPeriod: 1 attempt in the last 1w, at most 1'],
      key: 'churn-manual-20260310T120000.000Z',
    });
  });

  it('records the reason given', () => {
    const d = decideRetraining({ model: 'churn', when: w, now, manual: 'new labels from March', attempts: [] });
    expect(d).toMatchObject({ retrain: true, trigger: { kinds: ['manual'], reasons: ['new labels from March'] }, blockedBy: [] });
  });

  it('is still blocked by an unfinished attempt', () => {
    const d = decideRetraining({ model: 'churn', when: w, now, manual: true, attempts: [attempt('a1', 2, 'evaluating')] });
    expect(d.retrain).toBe(false);
    expect(d.blockedBy[0]).toBe('attempt a1 is still evaluating');
  });
});
