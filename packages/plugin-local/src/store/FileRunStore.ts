import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AttemptQuery,
  isProviderError,
  isStateError,
  ProviderError,
  type RetrainingAttempt,
  type RunRecord,
  type RunStore,
  retrainingStates,
  type SinkOutbox,
  StateError,
  toJsonText,
} from '@driftwatch/core';
import { atomicTempSuffix, writeFileAtomic } from '@driftwatch/data';
import { FileLock } from './FileLock.js';
import { FileOutbox } from './FileOutbox.js';
import { readJsonFile } from './readJsonFile.js';

/** Options of {@link FileRunStore} besides its folder. */
export interface FileRunStoreOptions {
  /** Receives warnings about repaired state (stray temporary files, corrupt runs). Default: stderr. */
  readonly warn?: (message: string) => void;
  /** Clock in epoch ms, for lock expiry. Default `Date.now`. */
  readonly now?: () => number;
  /** Temporary files older than this are left-overs of a crash and removed. Default 10 minutes. */
  readonly staleTempMs?: number;
  /**
   * Scrubs secrets from every string of a run or attempt before it is written (the provider
   * context's redactor's `strings`): reasons, errors, log tails, messages. Default: none.
   */
  readonly redact?: <T>(record: T) => T;
}

/** One line of the index: what listing and filtering need without opening run files. */
interface IndexEntry {
  readonly id: string;
  readonly monitor: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly status: RunRecord['status'];
}

const indexVersion = 1;

/** How long the index lock is held at most before another process may take it over, ms (a write takes milliseconds). */
const indexLockTtlMs = 30_000;
/** How long a writer waits for the index lock, ms. */
const indexLockWaitMs = 60_000;

/**
 * The embedded run store: one JSON file per run under `runs/`, an index
 * (`index.json`) for listing, one JSON file per retraining attempt under
 * `attempts/`, lock files under `locks/`.
 *
 * Every file is written whole or not at all: to a temporary file, fsynced,
 * renamed over the target, and the folder fsynced, so a crash mid-run leaves
 * the previous history intact. The run file is written before the index: the
 * index is a cache that {@link listRuns} checks against the folder and repairs
 * (adding runs it lacks, dropping runs whose file is gone, setting aside
 * files that do not parse, removing old temporary files), with a warning.
 *
 * The index is shared by every process that uses the store: writing a run
 * (its file, then the index's read-modify-write) and checking the index happen
 * under one lock file (`index.json.lock`, `O_EXCL`, waited for), so concurrent
 * runs never lose an entry and a listing never sees a run in between.
 *
 * Locks are files created with `O_EXCL`, holding their owner and expiry; an
 * expired lock may be taken over by another owner.
 */
export class FileRunStore implements RunStore {
  readonly dir: string;
  readonly #warn: (message: string) => void;
  readonly #now: () => number;
  readonly #staleTempMs: number;
  readonly #redact: <T>(record: T) => T;

  constructor(dir: string, options: FileRunStoreOptions = {}) {
    this.dir = dir;
    this.#warn = options.warn ?? ((m) => process.stderr.write(`driftwatch: warning: ${m}\n`));
    this.#now = options.now ?? Date.now;
    this.#staleTempMs = options.staleTempMs ?? 600_000;
    this.#redact = options.redact ?? ((record) => record);
  }

  get #runsDir(): string {
    return join(this.dir, 'runs');
  }

  get #attemptsDir(): string {
    return join(this.dir, 'attempts');
  }

  get #indexFile(): string {
    return join(this.dir, 'index.json');
  }

  async saveRun(run: RunRecord): Promise<void> {
    if (!isFileId(run.id)) throw new StateError('STATE_CORRUPT', `run id "${run.id}" cannot name a file (letters, digits, ".", "_", "-")`);
    await this.#guard('saveRun', async () => {
      await mkdir(this.#runsDir, { recursive: true });
      await this.#withIndexLock(async () => {
        await writeFileAtomic(join(this.#runsDir, `${run.id}.json`), `${toJsonText(this.#redact(run), { space: 2 })}\n`);
        const index = (await this.#readIndex()) ?? [];
        const next = index.filter((e) => e.id !== run.id);
        next.push(entryOf(run));
        await this.#writeIndex(next);
      });
    });
  }

  async listRuns(query: { readonly monitor?: string; readonly limit?: number } = {}): Promise<RunRecord[]> {
    const entries = await this.#guard('listRuns', () => this.#withIndexLock(() => this.#checkedIndex()));
    const wanted = entries
      .filter((e) => query.monitor === undefined || e.monitor === query.monitor)
      .sort(newestFirst)
      .slice(0, query.limit ?? Number.POSITIVE_INFINITY);
    const runs: RunRecord[] = [];
    for (const e of wanted) {
      const run = await this.getRun(e.id);
      if (run) runs.push(run);
    }
    return runs;
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    if (!isFileId(id)) return undefined;
    const file = join(this.#runsDir, `${id}.json`);
    return this.#guard('getRun', () =>
      readJsonFile(file, { what: 'run record', remedy: 'move it away to continue', check: (v) => v as RunRecord }),
    );
  }

  async saveAttempt(attempt: RetrainingAttempt): Promise<void> {
    if (!isFileId(attempt.id))
      throw new StateError('STATE_CORRUPT', `attempt id "${attempt.id}" cannot name a file (letters, digits, ".", "_", "-")`);
    await this.#guard('saveAttempt', async () => {
      await mkdir(this.#attemptsDir, { recursive: true });
      await writeFileAtomic(join(this.#attemptsDir, `${attempt.id}.json`), `${toJsonText(this.#redact(attempt), { space: 2 })}\n`);
    });
  }

  async getAttempt(id: string): Promise<RetrainingAttempt | undefined> {
    if (!isFileId(id)) return undefined;
    const file = join(this.#attemptsDir, `${id}.json`);
    return this.#guard('getAttempt', () =>
      readJsonFile(file, { what: 'retraining attempt', remedy: 'move it away to continue', check: checkAttempt }),
    );
  }

  /**
   * Reads every attempt file (attempts are few: one per retraining). A file
   * that does not parse is set aside as `<id>.json.corrupt`, with a warning;
   * old temporary files are removed.
   */
  async listAttempts(query: AttemptQuery = {}): Promise<RetrainingAttempt[]> {
    const attempts = await this.#guard('listAttempts', async () => {
      const found: RetrainingAttempt[] = [];
      for (const name of ((await namesIn(this.#attemptsDir)) ?? []).sort()) {
        const file = join(this.#attemptsDir, name);
        if (name.endsWith(atomicTempSuffix)) {
          await this.#removeIfStale(file);
          continue;
        }
        if (!name.endsWith('.json')) continue;
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed meanwhile
          throw error;
        }
        try {
          found.push(checkAttempt(JSON.parse(text)));
        } catch (error) {
          await rename(file, `${file}.corrupt`);
          this.#warn(`set aside ${file} as ${name}.corrupt: not a valid retraining attempt (${(error as Error).message})`);
        }
      }
      return found;
    });
    return attempts
      .filter(
        (a) =>
          (query.model === undefined || a.model === query.model) &&
          (query.monitor === undefined || a.monitor === query.monitor) &&
          (query.states === undefined || query.states.includes(a.state)),
      )
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, query.limit ?? Number.POSITIVE_INFINITY);
  }

  async acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.#guard('acquireLock', () => this.#lock(name).tryAcquire(owner, ttlMs));
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    await this.#guard('releaseLock', () => this.#lock(name).release(owner));
  }

  /** The outbox of sink `sink` under `outbox/<sink>/` (see {@link FileOutbox}). */
  outbox(sink: string): SinkOutbox {
    if (!isFileId(sink)) throw new StateError('STATE_CORRUPT', `sink key "${sink}" cannot name a folder (letters, digits, ".", "_", "-")`);
    const outbox = new FileOutbox(join(this.dir, 'outbox', sink), { warn: this.#warn, now: this.#now });
    const guard = <T>(operation: string, fn: () => Promise<T>) => this.#guard(operation, fn);
    return {
      add: (points) => guard('outbox.add', () => outbox.add(points)),
      pending: (bounds) => guard('outbox.pending', () => outbox.pending(bounds)),
      settle: (delivered) => guard('outbox.settle', () => outbox.settle(delivered)),
    };
  }

  #lock(name: string): FileLock {
    return new FileLock(join(this.dir, 'locks', `${encodeURIComponent(name)}.lock`), { now: this.#now, warn: this.#warn });
  }

  /**
   * Runs `fn` holding the index lock, waiting for another process's write to end. A lock left by
   * a crashed process is taken over at once (its process is gone), an expired one after its TTL.
   */
  async #withIndexLock<T>(fn: () => Promise<T>): Promise<T> {
    const lock = new FileLock(`${this.#indexFile}.lock`, { now: this.#now, warn: this.#warn });
    const owner = `${process.pid}-${randomBytes(4).toString('hex')}`;
    if (!(await lock.acquire(owner, indexLockTtlMs, indexLockWaitMs))) {
      const held = await lock.holder();
      throw new StateError(
        'STATE_CONFLICT',
        `${lock.file} is held by ${held ? `process ${held.pid}` : 'another process'} for longer than ${indexLockWaitMs / 1000} s: ` +
          'another driftwatch process is writing the run history; try again, or remove the file if none is',
      );
    }
    try {
      return await fn();
    } finally {
      await lock.release(owner);
    }
  }

  /** The index checked against the runs folder, repaired and rewritten when they disagree (under the index lock). */
  async #checkedIndex(): Promise<IndexEntry[]> {
    const names = await namesIn(this.#runsDir);
    if (names === undefined) return [];
    const stored = await this.#readIndex();
    const byId = new Map((stored ?? []).map((e) => [e.id, e]));
    let changed = stored === undefined;
    let added = 0;
    const onDisk = new Set<string>();
    for (const name of names) {
      if (name.endsWith(atomicTempSuffix)) {
        await this.#removeIfStale(join(this.#runsDir, name));
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      onDisk.add(id);
      if (byId.has(id)) continue;
      const file = join(this.#runsDir, name);
      try {
        const run = JSON.parse(await readFile(file, 'utf8')) as RunRecord;
        if (typeof run?.id !== 'string' || typeof run.monitor !== 'string' || typeof run.startedAt !== 'string')
          throw new Error('missing id, monitor or startedAt');
        byId.set(id, entryOf({ ...run, id }));
        added += 1;
        if (stored !== undefined) this.#warn(`added run ${id} to the index (it was written but not indexed, as after a crash)`);
      } catch (error) {
        await rename(file, `${file}.corrupt`);
        onDisk.delete(id);
        this.#warn(`set aside ${file} as ${name}.corrupt: not a valid run record (${(error as Error).message})`);
      }
      changed = true;
    }
    for (const id of [...byId.keys()]) {
      if (!onDisk.has(id)) {
        byId.delete(id);
        this.#warn(`dropped run ${id} from the index: its file is gone`);
        changed = true;
      }
    }
    if (stored === undefined && added > 0) this.#warn(`rebuilt the index ${this.#indexFile} from ${added} run files`);
    const entries = [...byId.values()];
    if (changed && entries.length > 0) await this.#writeIndex(entries);
    return entries;
  }

  /** Removes a temporary file old enough to be the left-over of a crash (a fresh one may be a write in progress). */
  async #removeIfStale(file: string): Promise<void> {
    const info = await stat(file).catch(() => undefined);
    if (info && this.#now() - info.mtimeMs > this.#staleTempMs) {
      await rm(file, { force: true });
      this.#warn(`removed ${file}, left over by an interrupted write`);
    }
  }

  /** The index, or `undefined` when missing or unreadable (then rebuilt from the runs folder). */
  async #readIndex(): Promise<IndexEntry[] | undefined> {
    let text: string;
    try {
      text = await readFile(this.#indexFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as { version: number; runs: IndexEntry[] };
      if (parsed.version !== indexVersion || !Array.isArray(parsed.runs)) throw new Error(`unknown index version ${parsed.version}`);
      return parsed.runs;
    } catch (error) {
      this.#warn(`rebuilding ${this.#indexFile}: ${(error as Error).message}`);
      return undefined;
    }
  }

  async #writeIndex(entries: readonly IndexEntry[]): Promise<void> {
    await writeFileAtomic(this.#indexFile, `${JSON.stringify({ version: indexVersion, runs: [...entries].sort(newestFirst) })}\n`);
  }

  async #guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isStateError(error) || isProviderError(error)) throw error;
      throw new ProviderError('files', operation, `${this.dir}: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** The entries of a folder, `undefined` when it does not exist (yet). */
async function namesIn(dir: string): Promise<string[] | undefined> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

function isFileId(id: string): boolean {
  return /^[\w.-]+$/.test(id) && id !== '.' && id !== '..';
}

const knownStates: ReadonlySet<string> = new Set(retrainingStates);

/** An attempt file's parsed content, checked for the fields listing and resuming rely on. */
function checkAttempt(value: unknown): RetrainingAttempt {
  const a = value as RetrainingAttempt;
  if (typeof a !== 'object' || a === null || Array.isArray(a)) throw new Error('not a JSON object');
  if (a.schemaVersion !== 1) throw new Error(`unknown schemaVersion ${JSON.stringify(a.schemaVersion)}`);
  for (const field of ['id', 'key', 'monitor', 'model', 'createdAt'] as const)
    if (typeof a[field] !== 'string') throw new Error(`"${field}" is not a string`);
  if (!knownStates.has(a.state)) throw new Error(`unknown state ${JSON.stringify(a.state)}`);
  if (!Array.isArray(a.transitions)) throw new Error('"transitions" is not a list');
  return a;
}

function entryOf(run: RunRecord): IndexEntry {
  return { id: run.id, monitor: run.monitor, startedAt: run.startedAt, finishedAt: run.finishedAt, status: run.status };
}

function newestFirst(a: IndexEntry, b: IndexEntry): number {
  return a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
