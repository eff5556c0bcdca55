import type { RetrainingAttempt } from '../domain/RetrainingAttempt.js';
import type { AttemptQuery, RunRecord, RunStore, RunSummary } from '../ports/RunStore.js';
import { summariseRun } from '../runs/summariseRun.js';
import { InMemoryAlertStore } from './InMemoryAlertStore.js';
import { InMemoryEventStore } from './InMemoryEventStore.js';
import { InMemoryMetricSeriesStore } from './InMemoryMetricSeriesStore.js';
import { InMemoryOutbox } from './InMemoryOutbox.js';
import { InMemoryTokenStore } from './InMemoryTokenStore.js';

/**
 * A {@link RunStore} in memory, for tests of code that records runs or
 * retraining attempts. Records are deep-copied in and out (as a store that
 * serialises them would), and locks expire by the injected clock. It has every capability of
 * the SQLite store (series, alerts, tokens, events), each one instance per run store.
 */
export class InMemoryRunStore implements RunStore {
  readonly runs = new Map<string, RunRecord>();
  readonly attempts = new Map<string, RetrainingAttempt>();
  readonly locks = new Map<string, { owner: string; expiresAt: number }>();
  /** The sinks' outboxes, by sink key. */
  readonly outboxes = new Map<string, InMemoryOutbox>();
  /** Every saved attempt state, in order: what a test asserts transitions against. */
  readonly attemptWrites: RetrainingAttempt[] = [];
  readonly seriesStore = new InMemoryMetricSeriesStore();
  readonly alertStore = new InMemoryAlertStore();
  readonly tokenStore = new InMemoryTokenStore();
  readonly eventStore = new InMemoryEventStore();
  readonly #now: () => number;

  constructor(options: { readonly now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async saveRun(run: RunRecord): Promise<void> {
    this.runs.set(run.id, structuredClone(run));
  }

  async listRuns(query: { readonly monitor?: string; readonly limit?: number } = {}): Promise<RunRecord[]> {
    return [...this.runs.values()]
      .filter((r) => query.monitor === undefined || r.monitor === query.monitor)
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
      .slice(0, query.limit ?? Number.POSITIVE_INFINITY)
      .map((r) => structuredClone(r));
  }

  async listRunSummaries(query: { readonly monitor?: string; readonly limit?: number } = {}): Promise<RunSummary[]> {
    return (await this.listRuns(query)).map(summariseRun);
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const run = this.runs.get(id);
    return run && structuredClone(run);
  }

  async saveAttempt(attempt: RetrainingAttempt): Promise<void> {
    this.attempts.set(attempt.id, structuredClone(attempt));
    this.attemptWrites.push(structuredClone(attempt));
  }

  async getAttempt(id: string): Promise<RetrainingAttempt | undefined> {
    const attempt = this.attempts.get(id);
    return attempt && structuredClone(attempt);
  }

  async listAttempts(query: AttemptQuery = {}): Promise<RetrainingAttempt[]> {
    return [...this.attempts.values()]
      .filter(
        (a) =>
          (query.model === undefined || a.model === query.model) &&
          (query.monitor === undefined || a.monitor === query.monitor) &&
          (query.states === undefined || query.states.includes(a.state)),
      )
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1))
      .slice(0, query.limit ?? Number.POSITIVE_INFINITY)
      .map((a) => structuredClone(a));
  }

  async acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const held = this.locks.get(name);
    if (held && held.owner !== owner && held.expiresAt > this.#now()) return false;
    this.locks.set(name, { owner, expiresAt: this.#now() + ttlMs });
    return true;
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    if (this.locks.get(name)?.owner === owner) this.locks.delete(name);
  }

  outbox(sink: string): InMemoryOutbox {
    let outbox = this.outboxes.get(sink);
    if (!outbox) {
      outbox = new InMemoryOutbox();
      this.outboxes.set(sink, outbox);
    }
    return outbox;
  }

  series(): InMemoryMetricSeriesStore {
    return this.seriesStore;
  }

  alerts(): InMemoryAlertStore {
    return this.alertStore;
  }

  tokens(): InMemoryTokenStore {
    return this.tokenStore;
  }

  events(): InMemoryEventStore {
    return this.eventStore;
  }
}
