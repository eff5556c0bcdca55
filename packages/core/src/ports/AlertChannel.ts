import type { Alert } from '../domain/Alert.js';

/** Outcome of a delivery; the caller decides whether to retry. */
export interface DeliveryResult {
  readonly status: 'ok' | 'failed' | 'retryable';
  readonly retryAfterMs?: number;
  readonly reason?: string;
}

/** Notifies people or systems when a rule fires (log, webhook, SNS). */
export interface AlertChannel {
  readonly type: string;
  send(alert: Alert): Promise<DeliveryResult>;
}
