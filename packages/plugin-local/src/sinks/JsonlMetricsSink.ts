import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type MetricPoint, type MetricsSink, ProviderError, type ProviderLifecycle } from '@driftwatch/core';

/**
 * Appends metric points to a JSON Lines file, one object per line. Points are
 * buffered until {@link flush}, which appends them with a single `O_APPEND`
 * write, so concurrent writers never interleave inside a line and a crash
 * leaves either the whole batch or none of it.
 */
export class JsonlMetricsSink implements MetricsSink, ProviderLifecycle {
  readonly type: string = 'jsonl';
  readonly #path: string;
  #pending: string[] = [];
  #flushing: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.#path = path;
  }

  async publish(points: readonly MetricPoint[]): Promise<void> {
    for (const p of points) this.#pending.push(this.format(p));
  }

  /**
   * Appends what is queued. Flushes run one after another and each takes its
   * batch before its first await, so a flush that overlaps another (the run's,
   * and the shutdown's on SIGTERM) never writes a point twice; a failed batch
   * goes back to the front of the queue for the next flush.
   */
  flush(): Promise<void> {
    const run = this.#flushing.then(() => this.#append());
    this.#flushing = run.catch(() => undefined);
    return run;
  }

  async #append(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    try {
      const text = this.header() + batch.join('');
      await mkdir(dirname(this.#path), { recursive: true });
      const handle = await open(this.#path, 'a');
      try {
        await handle.write(text);
      } finally {
        await handle.close();
      }
    } catch (cause) {
      this.#pending = batch.concat(this.#pending);
      throw new ProviderError(this.type, 'flush', `cannot append to ${this.#path}: ${(cause as Error).message}`, { cause });
    }
  }

  /** Forgets the queue (a failed batch included): the runtime keeps undelivered points in its durable outbox. */
  discard(): void {
    this.#pending = [];
  }

  /** Appends what is still queued; the file is opened per batch, so nothing else is held. Idempotent. */
  shutdown(): Promise<void> {
    return this.flush();
  }

  /** One line of output for a point. */
  protected format(p: MetricPoint): string {
    return `${JSON.stringify(p)}\n`;
  }

  /** Text written before the first batch of a new file (none for JSONL). */
  protected header(): string {
    return '';
  }

  protected get path(): string {
    return this.#path;
  }
}
