import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { writeFileAtomic } from '@driftwatch/data';

/** What a lock file holds. */
export interface LockHolder {
  /** Who holds the lock: only this owner may renew or release it. */
  readonly owner: string;
  /** The process that took the lock. */
  readonly pid: number;
  /** The machine it runs on: a holder on this machine whose process is gone holds nothing. */
  readonly host?: string;
  /** Epoch ms after which another owner may take the lock over. */
  readonly expiresAt: number;
}

/** Options of {@link FileLock} besides its file. */
export interface FileLockOptions {
  /** Clock in epoch ms, for expiry. Default `Date.now`. */
  readonly now?: () => number;
  /** Receives a warning when an expired lock is taken over. Default: stderr. */
  readonly warn?: (message: string) => void;
}

/**
 * A lock file without a readable holder was created but not yet written, or its writer crashed in
 * between: stale once this old (by its modification time), ms.
 */
const unreadableStaleMs = 1_000;

/**
 * A lock held in a file, shared by processes on one machine: created with
 * `O_EXCL`, holding its {@link LockHolder} (owner, pid, host, expiry). The
 * holder may renew it; an expired lock, or one whose process on this machine
 * is gone (it crashed), may be taken over by another owner, with a warning. Taking over moves the stale file aside under a unique name and
 * checks it is the one judged stale, so two processes cannot both take it.
 */
export class FileLock {
  readonly file: string;
  readonly #now: () => number;
  readonly #warn: (message: string) => void;

  constructor(file: string, options: FileLockOptions = {}) {
    this.file = file;
    this.#now = options.now ?? Date.now;
    this.#warn = options.warn ?? ((m) => process.stderr.write(`driftwatch: warning: ${m}\n`));
  }

  /**
   * Takes the lock for `owner` until `ttlMs` from now (creating its folder), or renews it when
   * `owner` holds it already; `false` when another owner holds a live lock.
   */
  async tryAcquire(owner: string, ttlMs: number): Promise<boolean> {
    await mkdir(dirname(this.file), { recursive: true });
    const body = (): string =>
      JSON.stringify({ owner, pid: process.pid, host: hostname(), expiresAt: this.#now() + ttlMs } satisfies LockHolder);
    // Two tries: the second after the lock was released or taken over meanwhile.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await this.#create(body())) return true;
      const text = await readFile(this.file, 'utf8').catch(() => undefined);
      if (text === undefined) continue; // released meanwhile: try again
      const held = parseHolder(text);
      if (held?.owner === owner) {
        await writeFileAtomic(this.file, body());
        return true;
      }
      const stale = await this.#staleness(held);
      if (stale === undefined) return false;
      const aside = `${this.file}.${randomBytes(4).toString('hex')}.stale`;
      try {
        await rename(this.file, aside);
      } catch {
        continue; // released or taken meanwhile: try again
      }
      const moved = await readFile(aside, 'utf8').catch(() => undefined);
      if (moved !== text) {
        // Another process replaced the lock between our read and rename: put its lock back unless a third took the slot.
        await rename(aside, this.file).catch(() => undefined);
        return false;
      }
      await rm(aside, { force: true });
      this.#warn(`took over the ${stale} lock ${this.file} of ${held ? describeHolder(held) : 'an unknown owner'}`);
    }
    return false;
  }

  /**
   * {@link tryAcquire}, tried again (every 5 to 50 ms) until `waitMs` has passed;
   * `false` when another owner still holds the lock then.
   */
  async acquire(owner: string, ttlMs: number, waitMs: number): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    let delay = 5;
    for (;;) {
      if (await this.tryAcquire(owner, ttlMs)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 50);
    }
  }

  /** Removes the lock if `owner` holds it; one taken over after expiry is left to its new owner. */
  async release(owner: string): Promise<void> {
    if ((await this.holder())?.owner === owner) await rm(this.file, { force: true });
  }

  /** Who holds the lock, `undefined` when nobody does or its file is unreadable. */
  async holder(): Promise<LockHolder | undefined> {
    const text = await readFile(this.file, 'utf8').catch(() => undefined);
    return text === undefined ? undefined : parseHolder(text);
  }

  /** Creates the lock file with `body`; `false` when it exists. */
  async #create(body: string): Promise<boolean> {
    try {
      const handle = await open(this.file, 'wx');
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  /**
   * Why a lock may be taken over — `expired`, or `abandoned` when its holder ran on this machine
   * and its process is gone (a crash: no need to wait for the expiry) — or `undefined` while it holds.
   */
  async #staleness(held: LockHolder | undefined): Promise<'expired' | 'abandoned' | undefined> {
    if (held) {
      if (held.expiresAt <= this.#now()) return 'expired';
      if (held.host === hostname() && held.pid !== process.pid && !processAlive(held.pid)) return 'abandoned';
      return undefined;
    }
    const info = await stat(this.file).catch(() => undefined);
    return info !== undefined && this.#now() - info.mtimeMs >= unreadableStaleMs ? 'expired' : undefined;
  }
}

/** Whether a process of this machine is running (`EPERM`: it is, under another user). */
function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeHolder(held: LockHolder): string {
  return typeof held.pid === 'number' ? `${held.owner} (process ${held.pid})` : held.owner;
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as LockHolder;
    return typeof v?.owner === 'string' && typeof v.expiresAt === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}
