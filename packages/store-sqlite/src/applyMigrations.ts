import { StateError } from '@driftwatch/core';
import type Database from 'better-sqlite3';
import type { Migration } from './readMigrations.js';

/**
 * Brings the schema up to the last migration, in one transaction taken with `BEGIN IMMEDIATE`
 * (the database's write lock): two processes starting at once serialise here, the second finds
 * the versions the first recorded in `schema_migrations` and applies nothing. A store whose schema
 * is newer than this build knows is refused (a state error) rather than written to.
 * Returns the versions this call applied.
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[], now: () => number = Date.now): number[] {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
    );
    const applied = new Set((db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]).map(Number));
    const known = migrations.length === 0 ? 0 : (migrations[migrations.length - 1] as Migration).version;
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new StateError(
        'STATE_CONFLICT',
        `${db.name}: the store's schema is at version ${newest}, newer than this driftwatch knows (${known}); upgrade driftwatch`,
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date(now()).toISOString());
      done.push(m.version);
    }
    db.exec('COMMIT');
    return done;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
