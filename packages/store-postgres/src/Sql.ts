/** Runs one statement (on the pool, or on a transaction's connection) and returns its rows. */
export interface Queryable {
  query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<R[]>;
  /** Runs one statement and returns how many rows it wrote (inserted, updated or deleted). */
  execute(text: string, values?: readonly unknown[]): Promise<number>;
}

/** The store's database as its tables' modules use it: statements on the pool, and transactions. */
export interface Sql extends Queryable {
  /**
   * Runs `fn` in one transaction on one connection (BEGIN … COMMIT; ROLLBACK when it throws).
   * `fn` may return early with a value after deciding to store nothing; the transaction still commits.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs `fn` on one connection outside a transaction (for statements that manage their own). */
  connection<T>(fn: (db: Queryable) => Promise<T>): Promise<T>;
}
