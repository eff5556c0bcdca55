import { ProblemError } from '../http/ProblemError.js';

/**
 * The store's writer for ingested batches: one write at a time, in arrival order, at most
 * `capacity` batches accepted and not yet written. A batch past that is refused with 429 and
 * `Retry-After` (back-pressure: the client slows down instead of the server's memory growing).
 */
export class WriteQueue {
  #pending = 0;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(
    /** Batches waiting or being written at most. */
    readonly capacity: number,
    /** Seconds a refused client is told to wait. */
    readonly retryAfterSeconds = 1,
  ) {}

  /** Batches waiting or being written. */
  get pending(): number {
    return this.#pending;
  }

  /** Runs `write` after the writes before it; throws a 429 problem when the queue is full. */
  async run<T>(write: () => Promise<T>): Promise<T> {
    if (this.#pending >= this.capacity)
      throw new ProblemError(
        429,
        'too-many-requests',
        `the event writer is behind (${this.#pending} batches waiting): retry after ${this.retryAfterSeconds} s`,
        {},
        { 'retry-after': String(this.retryAfterSeconds) },
      );
    this.#pending++;
    const result = this.#tail.then(write);
    this.#tail = result.catch(() => undefined);
    try {
      return await result;
    } finally {
      this.#pending--;
    }
  }

  /** Resolves when every accepted write has ended. */
  async drain(): Promise<void> {
    while (this.#pending > 0) await this.#tail;
  }
}
