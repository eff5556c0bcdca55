import { StateError } from '@driftwatch/core';
import type { PoolClient } from 'pg';
import type { Migration } from './readMigrations.js';

/**
 * The first key of the store's advisory locks (`pg_advisory_xact_lock(key, hashtext('<schema>/<purpose>'))`):
 * a constant of this package ("dwpg"), so its locks never collide with another application's
 * single-key ones; the second key names the schema and the purpose (`migrations`, `partitions`),
 * so stores in different schemas do not wait for each other.
 */
export const advisoryLockKey = 0x64777067;

/** The SQL that takes the store's transaction-level advisory lock for `$1` = `<schema>/<purpose>`. */
export const advisoryLockSql = `SELECT pg_advisory_xact_lock(${advisoryLockKey}, hashtext($1))`;

/** Quotes an identifier (a schema name checked by the plugin's options, but quoted all the same). */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Brings `schema` up to the last migration in one transaction that first takes a transaction-level
 * advisory lock: several processes starting at once serialise there, and each after the first finds
 * the versions recorded in `schema_migrations` and applies nothing. Creates the schema when it is
 * missing. A schema newer than this build knows is refused (a state error) rather than written to.
 * Returns the versions this call applied. `client` must not be in a transaction.
 */
export async function applyMigrations(
  client: PoolClient,
  schema: string,
  migrations: readonly Migration[],
  now: () => number = Date.now,
): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query(advisoryLockSql, [`${schema}/migrations`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => Number(r.version)));
    const known = migrations.length === 0 ? 0 : (migrations[migrations.length - 1] as Migration).version;
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new StateError(
        'STATE_CONFLICT',
        `schema "${schema}": the store's schema is at version ${newest}, newer than this driftwatch knows (${known}); upgrade driftwatch`,
      );
    }
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date(now()).toISOString(),
      ]);
      done.push(m.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
