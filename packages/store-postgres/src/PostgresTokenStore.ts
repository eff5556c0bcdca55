import { StateError, type TokenRecord, type TokenScope, type TokenStore } from '@driftwatch/core';
import type { Sql } from './Sql.js';

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
export class PostgresTokenStore implements TokenStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async create(token: Omit<TokenRecord, 'lastUsedAt' | 'revokedAt'>): Promise<void> {
    try {
      await this.#sql.query('INSERT INTO tokens (id, name, scopes, hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
        token.id,
        token.name,
        JSON.stringify(token.scopes),
        token.hash,
        token.createdAt,
      ]);
    } catch (error) {
      // unique_violation: the live name, the id or the hash exists.
      if ((error as { code?: string }).code === '23505') {
        const live = await this.#sql.query('SELECT 1 FROM tokens WHERE name = $1 AND revoked_at IS NULL', [token.name]);
        throw new StateError(
          'STATE_CONFLICT',
          live.length > 0
            ? `a token named "${token.name}" exists; revoke it first or choose another name`
            : `a token with id "${token.id}" or this hash exists`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  async findByHash(hash: string): Promise<TokenRecord | undefined> {
    const [row] = await this.#sql.query<TokenRow>(`SELECT ${columns} FROM tokens WHERE hash = $1`, [hash]);
    return row && toRecord(row);
  }

  async list(): Promise<TokenRecord[]> {
    return (await this.#sql.query<TokenRow>(`SELECT ${columns} FROM tokens ORDER BY seq`)).map(toRecord);
  }

  async revoke(idOrName: string, at: string): Promise<boolean> {
    const rows = await this.#sql.query(
      'UPDATE tokens SET revoked_at = $1 WHERE revoked_at IS NULL AND (id = $2 OR name = $2) RETURNING 1',
      [at, idOrName],
    );
    return rows.length > 0;
  }

  async touch(id: string, at: string): Promise<void> {
    await this.#sql.query('UPDATE tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
  }
}
