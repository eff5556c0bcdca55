import {
  formatDuration,
  type PolicyDecision,
  type RetrainingAttempt,
  type RetrainingTrigger,
  terminalRetrainingStates,
} from '@driftwatch/core';
import type { RetrainingConfig } from '../config/retrainingConfigSchema.js';
import type { RunSignals } from './RunSignals.js';

/** What {@link decideRetraining} looks at. */
export interface RetrainingPolicyInput {
  /** The model's name (prefix of every key). */
  readonly model: string;
  readonly when: RetrainingConfig['when'];
  readonly now: Date;
  /** The monitor run to judge; absent for manual / schedule-only evaluation. */
  readonly run?: RunSignals;
  /**
   * `driftwatch retrain`: fires whatever the triggers say, with this reason (`true`: "requested by
   * hand"). Cooldown, minNewRows and maxPerPeriod are still listed in `blockedBy` but do not block
   * it; an unfinished attempt does.
   */
  readonly manual?: boolean | string;
  /** This model's attempts, newest first (others' are ignored). */
  readonly attempts: readonly RetrainingAttempt[];
}

type Kind = RetrainingTrigger['kinds'][number];

/** Keeps letters, digits, `-`, `.`, `_`; anything else becomes `_`. */
function keyPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Base name of a metric spec (`f1:macro` → `f1`). */
function baseMetric(spec: string): string {
  return spec.split(':')[0]?.trim() ?? spec;
}

/**
 * Labelled current rows that no attempt has trained on yet: the run's count less the count the
 * newest attempt that collected data saw (current data that grows as labels arrive). A count below
 * that one means the current data was replaced (a rolling window): then every labelled row is new.
 */
function newRowsSince(
  total: number | undefined,
  attempts: readonly RetrainingAttempt[],
): { readonly count: number; readonly since: string } | undefined {
  if (total === undefined) return undefined;
  const last = attempts.find((a) => a.data !== undefined);
  if (!last?.data || total < last.data.newLabelledRows) return { count: total, since: 'labelled rows in the current data' };
  return {
    count: total - last.data.newLabelledRows,
    since: `new labelled rows since attempt ${last.id} (${total} in the current data, ${last.data.newLabelledRows} then)`,
  };
}

/**
 * The retraining policy: which triggers fired for a run (or the schedule, or a manual request) and
 * which guards block them. Triggers: dataset drift, drifted features named in `when.features`, metric
 * alerts (`when.metrics`: any, or those of the listed metrics, compared by metric name), and the schedule
 * (the newest attempt started longer ago than `when.schedule`, or there is none). Guards, all checked and
 * all listed: one attempt at a time (an unfinished attempt blocks even a manual request), cooldown since
 * the newest attempt's start (failed attempts count), `minNewRows` (labelled rows no attempt has collected
 * yet, see {@link newRowsSince}; only when the run reports the count),
 * and `maxPerPeriod` (every attempt started within the period counts, whatever its outcome).
 * Pure: time comes from `now`.
 */
export function decideRetraining(input: RetrainingPolicyInput): PolicyDecision {
  const { model, when, run } = input;
  const now = input.now.getTime();
  const attempts = input.attempts.filter((a) => a.model === model);
  const starts = attempts.map((a) => Date.parse(a.createdAt)).filter((t) => Number.isFinite(t));
  const newest = starts.length > 0 ? Math.max(...starts) : undefined;

  const kinds: Kind[] = [];
  const reasons: string[] = [];
  let key: string | undefined;
  let runId: string | undefined;
  if (input.manual) {
    kinds.push('manual');
    reasons.push(typeof input.manual === 'string' ? input.manual : 'requested by hand');
    key = `${keyPart(model)}-manual-${input.now.toISOString().replace(/[-:]/g, '')}`;
  } else {
    if (run) {
      if (when.drift && run.datasetDrifted) {
        kinds.push('drift');
        reasons.push('drift: the dataset drifted');
      }
      const drifted = when.features.filter((f) => run.driftedFeatures.includes(f));
      if (drifted.length > 0) {
        kinds.push('features');
        reasons.push(`features: ${drifted.join(', ')} drifted`);
      }
      const watched = when.metrics;
      const alerts =
        watched === false
          ? []
          : run.metricAlerts.filter(
              (a) => watched === true || watched.some((m) => m === a.metric || baseMetric(m) === baseMetric(a.metric)),
            );
      if (alerts.length > 0) {
        kinds.push('metric');
        for (const a of alerts) reasons.push(`metric: ${a.reason}`);
      }
      if (kinds.length > 0) {
        runId = run.runId;
        key = `${keyPart(model)}-${keyPart(run.runId)}`;
      }
    }
    if (when.schedule !== undefined && (newest === undefined || now - newest >= when.schedule)) {
      kinds.push('schedule');
      reasons.push(
        newest === undefined
          ? `schedule: no attempt yet (every ${formatDuration(when.schedule)})`
          : `schedule: last attempt ${formatDuration(now - newest)} ago, every ${formatDuration(when.schedule)}`,
      );
      key ??= `${keyPart(model)}-schedule-${Math.floor(now / when.schedule)}`;
    }
  }
  if (kinds.length === 0) return { retrain: false, blockedBy: [] };
  const trigger: RetrainingTrigger = { kinds, reasons, ...(runId !== undefined ? { runId } : {}) };

  const hard: string[] = [];
  const soft: string[] = [];
  for (const a of attempts) if (!terminalRetrainingStates.has(a.state)) hard.push(`attempt ${a.id} is still ${a.state}`);
  if (newest !== undefined && when.cooldown > 0 && now - newest < when.cooldown)
    soft.push(`cooldown: last attempt ${formatDuration(now - newest)} ago, cooldown ${formatDuration(when.cooldown)}`);
  const rows = newRowsSince(run?.newLabelledRows, attempts);
  if (when.minNewRows > 0 && rows !== undefined && rows.count < when.minNewRows)
    soft.push(`minNewRows: ${rows.count} ${rows.since}, at least ${when.minNewRows} needed`);
  if (when.maxPerPeriod) {
    const { count, period } = when.maxPerPeriod;
    const recent = starts.filter((t) => now - t < period).length;
    if (recent >= count)
      soft.push(`maxPerPeriod: ${recent} attempt${recent === 1 ? '' : 's'} in the last ${formatDuration(period)}, at most ${count}`);
  }
  const blockedBy = [...hard, ...soft];
  const retrain = hard.length === 0 && (input.manual !== undefined && input.manual !== false ? true : soft.length === 0);
  return { retrain, trigger, blockedBy, key };
}
