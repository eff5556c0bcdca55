import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from './applyMigrations.js';
import { readMigrations } from './readMigrations.js';

/** How {@link openDatabase} opens the store. */
export interface OpenOptions {
  /** How long a statement waits for another process's write lock, ms. Default 5 000. */
  readonly busyTimeoutMs?: number;
  readonly now?: () => number;
}

/**
 * Opens (creating it and its folder if needed) the SQLite file at `path`, in WAL mode (readers
 * never wait for the writer) with a busy timeout (writers of several processes wait for each
 * other instead of failing), and migrates its schema. Returns the database and the migration
 * versions this open applied.
 */
export function openDatabase(path: string, options: OpenOptions = {}): { db: Database.Database; applied: number[] } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    setWalMode(db, busyTimeoutMs);
    // NORMAL in WAL mode: a commit is durable once the WAL is synced at checkpoints; a power cut may
    // lose the last transactions but never corrupts the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const applied = applyMigrations(db, readMigrations(), options.now);
    return { db, applied };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Switches the file to WAL mode (it stays so). SQLite answers SQLITE_BUSY at once, without its busy
 * handler, when another process holds a lock while the mode changes — two processes opening a new
 * store together — so the switch is retried, every 10 ms, within the busy timeout.
 */
function setWalMode(db: Database.Database, busyTimeoutMs: number): void {
  const deadline = Date.now() + busyTimeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}
