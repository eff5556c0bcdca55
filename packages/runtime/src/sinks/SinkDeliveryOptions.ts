/** How sinks are published to: the call deadline and the outbox's bounds. */
export interface SinkDeliveryOptions {
  /** Deadline of one sink's publish and flush together, in ms. Default 60 000. */
  readonly timeoutMs: number;
  /** Points an outbox keeps at most; the oldest are dropped first. Default 100 000. */
  readonly maxPoints: number;
  /** Oldest point an outbox keeps, in ms (a sink's own `maxPointAgeMs` may be shorter). Default 30 days. */
  readonly maxAgeMs: number;
  /** How long the lock on an outbox being drained lasts. Default 1 hour. */
  readonly lockTtlMs: number;
  /** Receives the warnings about dropped outbox points. Default: stderr. */
  readonly warn: (message: string) => void;
  /** Scrubs secrets from failure reasons. */
  readonly redact: (text: string) => string;
  /** Epoch ms now. */
  readonly now: () => number;
}

/** The defaults of {@link SinkDeliveryOptions}. */
export const defaultSinkDeliveryOptions: SinkDeliveryOptions = Object.freeze({
  timeoutMs: 60_000,
  maxPoints: 100_000,
  maxAgeMs: 30 * 86_400_000,
  lockTtlMs: 3_600_000,
  warn: (m: string) => process.stderr.write(`driftwatch: warning: ${m}\n`),
  redact: (t: string) => t,
  now: () => Date.now(),
});
