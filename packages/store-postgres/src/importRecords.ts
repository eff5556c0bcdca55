import { encodeNonFinite, type MetricPoint, metricPointKey, type RetrainingAttempt, type RunRecord, toJsonText } from '@driftwatch/core';
import type { PostgresRunStore } from './PostgresRunStore.js';
import { runSummaryColumns } from './runSummaryColumns.js';

/** What {@link importRecords} imports: another store's records. */
export interface ImportedRecords {
  /** Names the source in the `imports` table (e.g. the file store's absolute folder). */
  readonly source: string;
  readonly runs: readonly RunRecord[];
  readonly attempts: readonly RetrainingAttempt[];
  /** Pending points of each sink's outbox. */
  readonly outboxes: readonly { readonly sink: string; readonly points: readonly MetricPoint[] }[];
}

/** Per kind, how many records were imported and how many were already there. */
export interface ImportCounts {
  readonly runs: { readonly imported: number; readonly skipped: number };
  readonly attempts: { readonly imported: number; readonly skipped: number };
  readonly outboxPoints: { readonly imported: number; readonly skipped: number };
}

/**
 * Imports another store's runs, attempts and outbox points into a PostgreSQL store in one
 * transaction (all or nothing), as the SQLite store's import does: a run or attempt whose id the
 * store has is skipped (the store's copy is kept); an outbox point this source gave before (by
 * `metricPointKey`, recorded in the `imports` table) is skipped, so importing twice imports nothing twice.
 */
export async function importRecords(
  store: PostgresRunStore,
  records: ImportedRecords,
  now: () => number = Date.now,
): Promise<ImportCounts> {
  const at = new Date(now()).toISOString();
  return store.sql.transaction(async (tx): Promise<ImportCounts> => {
    let runs = 0;
    for (const r of records.runs) {
      runs += await tx.execute(
        'INSERT INTO runs (id, monitor, started_at, status, record, finished_at, drift_share, drifted_columns, tested_columns) ' +
          'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING',
        [r.id, r.monitor, r.startedAt, r.status, toJsonText(r), ...runSummaryColumns(r)],
      );
    }
    let attempts = 0;
    for (const a of records.attempts) {
      attempts += await tx.execute(
        'INSERT INTO attempts (id, model, monitor, state, created_at, record) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING',
        [a.id, a.model, a.monitor, a.state, a.createdAt, toJsonText(a)],
      );
    }
    let points = 0;
    let total = 0;
    for (const { sink, points: pending } of records.outboxes) {
      for (const p of pending) {
        total += 1;
        const claimed = await tx.execute(
          'INSERT INTO imports (source, kind, key, imported_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          [records.source, `outbox:${sink}`, metricPointKey(p), at],
        );
        if (claimed === 0) continue;
        await tx.execute('INSERT INTO outbox (sink, point) VALUES ($1, $2)', [
          sink,
          JSON.stringify({ ...p, value: encodeNonFinite(p.value) }),
        ]);
        points += 1;
      }
    }
    return {
      runs: { imported: runs, skipped: records.runs.length - runs },
      attempts: { imported: attempts, skipped: records.attempts.length - attempts },
      outboxPoints: { imported: points, skipped: total - points },
    };
  });
}
