import type { RetrySeams } from '@driftwatch/aws-common';

/** Seams for tests of a provider that polls SageMaker: waiting and the clock (both also drive the AWS retries). */
export interface PollingSeams extends RetrySeams {
  /** Waits `ms`, between Describe… polls as between retries; defaults to {@link timerSleep}. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Epoch ms now; defaults to Date.now. */
  readonly now?: () => number;
}

/** Waits `ms` on a timer. */
export const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
