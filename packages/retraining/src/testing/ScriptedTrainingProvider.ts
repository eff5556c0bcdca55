import type { TrainingJob, TrainingProvider, TrainingRequest, TrainingStatus } from '@driftwatch/core';
import { ProviderError } from '@driftwatch/core';

/**
 * What a scripted training job does, chosen by the request's key:
 * - `succeed`: reports `running` for `polls` status calls (default 1), then `succeeded` with `artifactUri`;
 * - `fail`: reports `running` for `polls` status calls (default 1), then `failed` with `reason`;
 * - `never`: reports `running` until cancelled (then `stopped`);
 * - `throw`: `start` (or, with `during: 'status'`, every `status` call) throws `error`.
 */
export type ScriptedOutcome =
  | { readonly outcome: 'succeed'; readonly artifactUri: string; readonly polls?: number }
  | { readonly outcome: 'fail'; readonly reason: string; readonly polls?: number }
  | { readonly outcome: 'never' }
  | { readonly outcome: 'throw'; readonly error: Error; readonly during?: 'start' | 'status' };

/** One job the provider started, as a test inspects it. */
export interface ScriptedJob {
  readonly job: TrainingJob;
  readonly request: TrainingRequest;
  /** Status calls so far. */
  statusCalls: number;
  cancelled: boolean;
}

/**
 * A {@link TrainingProvider} whose jobs follow a script, for tests of code
 * that trains. Starting twice with one key returns the first job (the port's
 * idempotency rule); a job id it never started reports `failed`, as the local
 * command trainer does after a restart.
 */
export class ScriptedTrainingProvider implements TrainingProvider {
  readonly type: string;
  /** Jobs by id, in start order. */
  readonly jobs = new Map<string, ScriptedJob>();
  /** Every `start` request, including repeated keys and those that threw. */
  readonly starts: TrainingRequest[] = [];
  /** Ids of the jobs `cancel` was called for, in order. */
  readonly cancels: string[] = [];
  readonly #outcomes: Readonly<Record<string, ScriptedOutcome>>;
  readonly #fallback?: ScriptedOutcome;

  /**
   * @param outcomes what the job started with each key does.
   * @param options `fallback`: the outcome for keys not in `outcomes` (without it, such a start throws).
   */
  constructor(
    outcomes: Readonly<Record<string, ScriptedOutcome>> = {},
    options: { readonly type?: string; readonly fallback?: ScriptedOutcome } = {},
  ) {
    this.type = options.type ?? 'scripted';
    this.#outcomes = outcomes;
    this.#fallback = options.fallback;
  }

  async submit(request: TrainingRequest): Promise<TrainingJob> {
    this.starts.push(structuredClone(request));
    const outcome = this.#outcome(request.key);
    if (outcome.outcome === 'throw' && (outcome.during ?? 'start') === 'start') throw outcome.error;
    for (const started of this.jobs.values()) {
      if (started.request.key === request.key) return { ...started.job };
    }
    const job: TrainingJob = { id: `job-${this.jobs.size + 1}`, provider: this.type, logUri: `memory://logs/job-${this.jobs.size + 1}` };
    this.jobs.set(job.id, { job, request: structuredClone(request), statusCalls: 0, cancelled: false });
    return { ...job };
  }

  async status(job: TrainingJob): Promise<TrainingStatus> {
    const started = this.jobs.get(job.id);
    if (!started) return { state: 'failed', reason: `unknown job ${job.id}` };
    started.statusCalls++;
    const outcome = this.#outcome(started.request.key);
    if (outcome.outcome === 'throw') throw outcome.error;
    if (started.cancelled) return { state: 'stopped', reason: 'cancelled' };
    if (outcome.outcome === 'never' || started.statusCalls <= (outcome.polls ?? 1)) return { state: 'running', logUri: started.job.logUri };
    return outcome.outcome === 'succeed'
      ? { state: 'succeeded', artifactUri: outcome.artifactUri, logUri: started.job.logUri }
      : { state: 'failed', reason: outcome.reason, logUri: started.job.logUri };
  }

  async cancel(job: TrainingJob): Promise<void> {
    this.cancels.push(job.id);
    const started = this.jobs.get(job.id);
    if (started) started.cancelled = true;
  }

  #outcome(key: string): ScriptedOutcome {
    const outcome = this.#outcomes[key] ?? this.#fallback;
    if (!outcome) throw new ProviderError(this.type, 'start', `no outcome scripted for key ${key}`);
    return outcome;
  }
}
