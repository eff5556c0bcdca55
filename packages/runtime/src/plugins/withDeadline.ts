import { formatDuration } from '@driftwatch/core';

/** The error of a provider call abandoned at its deadline. */
export class DeadlineError extends Error {
  readonly timedOut = true;
}

/**
 * Runs a provider call with a deadline: resolves or rejects as the call does, or rejects with a
 * {@link DeadlineError} ("`what` did not finish within 30s; abandoned") when `ms` pass first. A call
 * abandoned there may still settle later: its rejection is swallowed, not left unhandled. The
 * timer keeps the process alive until the deadline, so a call whose promise never settles (and
 * holds nothing else) cannot let Node exit early with status 13 and no output.
 */
export async function withDeadline<T>(call: () => Promise<T> | T, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} did not finish within ${formatDuration(ms)}; abandoned`)), ms);
  });
  const running = Promise.resolve().then(call);
  running.catch(() => undefined);
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
