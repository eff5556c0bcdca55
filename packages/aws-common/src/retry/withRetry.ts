import { isRetryableError } from './isRetryableError.js';

/** Backoff settings and the seams that make retries deterministic in tests. */
export interface RetryPolicy {
  /** Attempts in all, the first included (1 = no retry). */
  readonly maxAttempts: number;
  /** Base of the exponential backoff, in ms. */
  readonly baseDelayMs: number;
  /** Cap of one wait, in ms. */
  readonly maxDelayMs: number;
  /** Waits `ms`; defaults to a timer. Tests inject one that records the waits. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1); defaults to Math.random. */
  readonly random?: () => number;
  /** Called before each wait, e.g. to count retries. */
  readonly onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation`, retrying retryable failures with exponential backoff and
 * full jitter: before attempt n+1 it waits a uniform random time in
 * [0, min(maxDelayMs, baseDelayMs·2^(n-1))] ("Exponential Backoff And
 * Jitter", AWS Architecture Blog), which spreads concurrent clients apart
 * after a throttling burst. A permanent failure is rethrown at once.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  const sleep = policy.sleep ?? timerSleep;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !isRetryableError(error)) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = Math.floor(random() * ceiling);
      policy.onRetry?.(attempt, delay, error);
      await sleep(delay);
    }
  }
}
