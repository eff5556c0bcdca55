import type { Clock } from '../plugin/Clock.js';

/**
 * A {@link Clock} a test drives: `sleep` resolves when {@link advance} moves
 * the time past its end (or at once with `autoAdvance`), never by waiting.
 */
export class ManualClock implements Clock {
  #ms: number;
  readonly #autoAdvance: boolean;
  #sleepers: { until: number; resolve: () => void }[] = [];
  /** Every duration slept, in order. */
  readonly sleeps: number[] = [];

  /** `start`: epoch ms (default 2026-01-01T00:00:00Z); `autoAdvance`: each sleep moves the clock forward and resolves at once. */
  constructor(options: { readonly start?: number; readonly autoAdvance?: boolean } = {}) {
    this.#ms = options.start ?? Date.parse('2026-01-01T00:00:00Z');
    this.#autoAdvance = options.autoAdvance ?? false;
  }

  now(): number {
    return this.#ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#autoAdvance) {
      this.#ms += ms;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const sleeper = { until: this.#ms + ms, resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Moves the time forward by `ms`, waking the sleeps that end by then. */
  advance(ms: number): void {
    this.#ms += ms;
    const due = this.#sleepers.filter((s) => s.until <= this.#ms);
    this.#sleepers = this.#sleepers.filter((s) => s.until > this.#ms);
    for (const s of due) s.resolve();
  }
}
