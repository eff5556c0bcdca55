import { type JobHandler, type Logger, type PolicyDecision, StateError } from '@driftwatch/core';
import type { DriftwatchConfig } from '../config/driftwatchConfigSchema.js';
import type { LlmEvaluationService } from '../llm/LlmEvaluationService.js';
import type { MonitorRunner } from '../monitor/MonitorRunner.js';
import type { RetrainingService } from '../retraining/RetrainingService.js';
import { type MonitorRunPayload, monitorRunJobKind, monitorRunJobRunId } from './monitorRunJob.js';
import { type RetrainingJobPayload, retrainingJobKind } from './retrainingJob.js';

/** What {@link createJobHandler} dispatches to. */
export interface JobHandlerParts {
  readonly config: DriftwatchConfig;
  readonly runner: Pick<MonitorRunner, 'run'>;
  readonly retraining: Pick<RetrainingService, 'runQueuedAttempt'>;
  /** Runs a golden-set suite (kind llm) that a `monitor-run` job names instead of a monitor. */
  readonly evaluations?: Pick<LlmEvaluationService, 'run'>;
  readonly logger: Logger;
  /**
   * `job` (default): a run's id derives from its job, so a retry records the same run (a shared
   * queue); `fresh`: a new id per run, as `driftwatch run` makes (the in-process queue).
   */
  readonly runIds?: 'job' | 'fresh';
  /** Called with each monitor run's outcome (the server's run metrics). */
  readonly onRun?: (monitor: string, status: string, seconds: number) => void;
}

/**
 * The handler of every job kind: a monitor run (`monitor-run`) through the monitor runner with
 * the run id the job derives, so a retry records the same run; a retraining attempt
 * (`retraining`) under the model's lock. A failure rejects, and the queue retries the job (a run
 * that found its monitor's lock held by a run still going is retried later, not skipped).
 */
export function createJobHandler(parts: JobHandlerParts): JobHandler {
  const { config, runner, retraining, logger } = parts;
  const handle: JobHandler = async (job) => {
    switch (job.kind) {
      case monitorRunJobKind: {
        const payload = job.payload as unknown as MonitorRunPayload;
        const index = config.monitors.findIndex((m) => m.name === payload.monitor);
        if (index < 0 && parts.evaluations && config.evaluations.some((e) => e.name === payload.monitor)) {
          // A golden-set suite scheduled like a monitor: the same service as `driftwatch eval` and `run`.
          const started = Date.now();
          logger.info(
            { monitor: payload.monitor, reason: payload.reason, kind: 'llm', jobId: job.id, retry: job.retry },
            'evaluation run starting',
          );
          try {
            // As for a monitor: a retry of the job records the same run (the killed attempt's `started` record is replaced).
            const runId = parts.runIds === 'fresh' ? undefined : monitorRunJobRunId(job);
            const result = await parts.evaluations.run(payload.monitor, { signal: job.signal, ...(runId ? { runId } : {}) });
            parts.onRun?.(payload.monitor, 'ok', (Date.now() - started) / 1000);
            logger.info(
              { monitor: payload.monitor, runId: result.runId, kind: 'llm', promotion: result.promotion?.attempt?.state, jobId: job.id },
              'evaluation run ended',
            );
            return result;
          } catch (error) {
            parts.onRun?.(payload.monitor, 'failed', (Date.now() - started) / 1000);
            throw error;
          }
        }
        if (index < 0)
          throw new StateError('STATE_CONFLICT', `job ${job.id}: monitor "${payload.monitor}" is not in this process's config`);
        const runId = parts.runIds === 'fresh' ? undefined : monitorRunJobRunId(job);
        const started = Date.now();
        logger.info({ monitor: payload.monitor, reason: payload.reason, runId, jobId: job.id, retry: job.retry }, 'monitor run starting');
        try {
          const result = await runner.run(config.monitors[index]!, index, { signal: job.signal, ...(runId ? { runId } : {}) });
          parts.onRun?.(payload.monitor, result.status, (Date.now() - started) / 1000);
          logger.info({ monitor: payload.monitor, runId, status: result.status, jobId: job.id }, 'monitor run ended');
          return result;
        } catch (error) {
          parts.onRun?.(payload.monitor, 'failed', (Date.now() - started) / 1000);
          throw error;
        }
      }
      case retrainingJobKind: {
        const payload = job.payload as unknown as RetrainingJobPayload;
        logger.info(
          { monitor: payload.monitor, key: payload.decision.key, jobId: job.id, retry: job.retry },
          'retraining attempt starting',
        );
        const attempt = await retraining.runQueuedAttempt(payload.monitor, payload.decision as PolicyDecision & { retrain: true }, {
          signal: job.signal,
        });
        logger.info({ monitor: payload.monitor, attempt: attempt.id, state: attempt.state, jobId: job.id }, 'retraining attempt ended');
        return { attempt: attempt.id, state: attempt.state };
      }
      default:
        throw new StateError(
          'STATE_CONFLICT',
          `job ${job.id}: unknown kind "${job.kind}" (known: ${monitorRunJobKind}, ${retrainingJobKind})`,
        );
    }
  };
  return async (job) => {
    try {
      return await handle(job);
    } catch (error) {
      // The queue retries the job (while its retries last); the line says why it failed.
      logger.warn({ err: error, kind: job.kind, key: job.key, jobId: job.id, retry: job.retry }, 'job failed');
      throw error;
    }
  };
}
