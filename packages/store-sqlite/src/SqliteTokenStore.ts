import { StateError, type TokenRecord, type TokenScope, type TokenStore } from '@driftwatch/core';
import type Database from 'better-sqlite3';

interface TokenRow {
  readonly id: string;
  readonly name: string;
  readonly scopes: string;
  readonly hash: string;
  readonly created_at: string;
  readonly last_used_at: string | null;
  readonly revoked_at: string | null;
}

const columns = 'id, name, scopes, hash, created_at, last_used_at, revoked_at';

function toRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as TokenScope[],
    hash: row.hash,
    createdAt: row.created_at,
    ...(row.last_used_at === null ? {} : { lastUsedAt: row.last_used_at }),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  };
}

/** API tokens in the `tokens` table: only their SHA-256, one live token per name (a partial unique index). */
export class SqliteTokenStore implements TokenStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async create(token: Omit<TokenRecord, 'lastUsedAt' | 'revokedAt'>): Promise<void> {
    try {
      this.#db
        .prepare('INSERT INTO tokens (id, name, scopes, hash, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(token.id, token.name, JSON.stringify(token.scopes), token.hash, token.createdAt);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        const live = this.#db.prepare('SELECT 1 FROM tokens WHERE name = ? AND revoked_at IS NULL').get(token.name);
        throw new StateError(
          'STATE_CONFLICT',
          live
            ? `a token named "${token.name}" exists; revoke it first or choose another name`
            : `a token with id "${token.id}" or this hash exists`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  async findByHash(hash: string): Promise<TokenRecord | undefined> {
    const row = this.#db.prepare(`SELECT ${columns} FROM tokens WHERE hash = ?`).get(hash) as TokenRow | undefined;
    return row && toRecord(row);
  }

  async list(): Promise<TokenRecord[]> {
    return (this.#db.prepare(`SELECT ${columns} FROM tokens ORDER BY seq`).all() as TokenRow[]).map(toRecord);
  }

  async revoke(idOrName: string, at: string): Promise<boolean> {
    const { changes } = this.#db
      .prepare('UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL AND (id = ? OR name = ?)')
      .run(at, idOrName, idOrName);
    return changes > 0;
  }

  async touch(id: string, at: string): Promise<void> {
    this.#db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?').run(at, id);
  }
}
