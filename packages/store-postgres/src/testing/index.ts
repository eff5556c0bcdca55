import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { quoteIdent } from '../applyMigrations.js';

/**
 * The database tests use: `DRIFTWATCH_TEST_DATABASE_URL`, else the machine's PostgreSQL
 * (127.0.0.1:5432, user postgres with trust auth, database `test`). Each test works in a schema of
 * its own ({@link testSchema}) and drops it after ({@link dropSchema}).
 */
export const testDatabaseUrl = process.env.DRIFTWATCH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers at `url`, and why not. */
export interface PostgresAvailability {
  readonly available: boolean;
  readonly reason?: string;
}

/** Connects once (3 s at most) and runs `SELECT 1`. */
export async function postgresAvailability(url: string = testDatabaseUrl): Promise<PostgresAvailability> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { available: true };
  } catch (error) {
    const first = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
    return { available: false, reason: `${url.replace(/:[^:@/]*@/, ':***@')}: ${(first as Error).message || String(first)}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether the PostgreSQL tests of a file run: `true` when PostgreSQL answers; `false` (with a
 * warning) when it does not and this is not CI. In CI (`CI` set) an unreachable PostgreSQL is a
 * broken machine, not a reason to skip: this throws, and the test file fails.
 */
export async function postgresForTests(url: string = testDatabaseUrl): Promise<boolean> {
  const availability = await postgresAvailability(url);
  if (availability.available) return true;
  if (process.env.CI) throw new Error(`PostgreSQL is required when CI is set: ${availability.reason} (start it, see .ci/run)`);
  console.warn(`skipping PostgreSQL tests: ${availability.reason}`);
  return false;
}

/** A fresh schema name (`dw_test_<16 hex>`), unique per call. */
export function testSchema(prefix = 'dw_test'): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/** Drops a schema and everything in it (`DROP SCHEMA IF EXISTS … CASCADE`). */
export async function dropSchema(schema: string, url: string = testDatabaseUrl): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}
