/** Time as a {@link TokenBucket} sees it: a clock and a wait (fake ones in tests). */
export interface TokenBucketClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The system clock and a timer that rejects when `signal` aborts. */
export const systemBucketClock: TokenBucketClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * A tokens-per-minute limit shared by concurrent calls: a bucket of `tokensPerMinute` tokens,
 * refilled continuously at tokensPerMinute / 60 000 per ms. A call {@link take}s its estimated
 * tokens first (waiting, first come first served, until the bucket holds them) and
 * {@link settle}s the difference with its real usage after: a call that used more leaves the
 * bucket below zero, so the calls after it wait longer. A call estimated above the whole
 * capacity waits for a full bucket only.
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #clock: TokenBucketClock;
  #level: number;
  #last: number;
  #queue: Promise<void> = Promise.resolve();
  #waitedMs = 0;

  constructor(tokensPerMinute: number, clock: TokenBucketClock = systemBucketClock) {
    if (!(tokensPerMinute > 0)) throw new RangeError(`tokensPerMinute must be > 0, got ${tokensPerMinute}`);
    this.#capacity = tokensPerMinute;
    this.#perMs = tokensPerMinute / 60_000;
    this.#clock = clock;
    this.#level = tokensPerMinute;
    this.#last = clock.now();
  }

  /** Milliseconds callers have waited in total. */
  get waitedMs(): number {
    return this.#waitedMs;
  }

  /** Tokens available now (negative after calls that used more than estimated). */
  get level(): number {
    this.#refill();
    return this.#level;
  }

  /** Waits until `tokens` (at most the capacity) are available, then takes them. */
  take(tokens: number, signal?: AbortSignal): Promise<void> {
    const turn = this.#queue.then(async () => {
      const need = Math.min(Math.max(0, tokens), this.#capacity);
      for (;;) {
        signal?.throwIfAborted();
        this.#refill();
        if (this.#level >= need) {
          this.#level -= need;
          return;
        }
        const wait = Math.ceil((need - this.#level) / this.#perMs);
        this.#waitedMs += wait;
        await this.#clock.sleep(wait, signal);
      }
    });
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  /** Corrects a call's estimate by its real usage: takes `used − estimated` more (gives back when negative). */
  settle(estimated: number, used: number): void {
    this.#refill();
    this.#level = Math.min(this.#capacity, this.#level - (used - estimated));
  }

  #refill(): void {
    const now = this.#clock.now();
    if (now > this.#last) this.#level = Math.min(this.#capacity, this.#level + (now - this.#last) * this.#perMs);
    this.#last = now;
  }
}

/** Tokens a Converse request will use at least, before the call: ~4 characters a token of its text (system and messages). */
export function estimateTokens(texts: readonly string[]): number {
  let chars = 0;
  for (const t of texts) chars += t.length;
  return Math.ceil(chars / 4);
}
