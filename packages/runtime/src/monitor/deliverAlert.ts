import type { Alert, AlertChannel, AlertDelivery } from '@driftwatch/core';
import { withDeadline } from '../plugins/withDeadline.js';

/** How {@link deliverAlert} retries. */
export interface DeliveryPolicy {
  /** Attempts per channel, at least 1. Default 3. */
  readonly attempts: number;
  /** First wait when the channel gives no `retryAfterMs`, doubled each retry. Default 1000 ms. */
  readonly baseDelayMs: number;
  /** Longest wait between attempts, also capping `retryAfterMs`. Default 30 000 ms. */
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Deadline of one attempt (the channel's `send`), in ms; one that outlives it counts as `retryable`. Default 60 000 ms. */
  readonly timeoutMs?: number;
}

/**
 * Sends one alert to one channel following the `DeliveryResult` contract:
 * `ok` and `failed` are final, `retryable` is tried again after the
 * channel's `retryAfterMs` (or an exponential backoff) until attempts run
 * out. A channel that throws, or outlives the attempt's deadline, counts as `retryable` with the
 * error as reason.
 */
export async function deliverAlert(
  channel: { readonly name: string; readonly channel: AlertChannel },
  alert: Alert,
  policy: DeliveryPolicy,
): Promise<AlertDelivery> {
  let attempts = 0;
  for (;;) {
    attempts += 1;
    let status: AlertDelivery['status'];
    let reason: string | undefined;
    let retryAfterMs: number | undefined;
    try {
      const r = await withDeadline(() => channel.channel.send(alert), policy.timeoutMs ?? 60_000, `${channel.channel.type} send`);
      ({ status, reason, retryAfterMs } = r);
    } catch (error) {
      status = 'retryable';
      reason = (error as Error).message;
    }
    if (status !== 'retryable' || attempts >= policy.attempts) {
      return { channel: channel.name, type: channel.channel.type, status, attempts, ...(reason !== undefined ? { reason } : {}) };
    }
    const backoff = policy.baseDelayMs * 2 ** (attempts - 1);
    await policy.sleep(Math.min(retryAfterMs ?? backoff, policy.maxDelayMs));
  }
}
