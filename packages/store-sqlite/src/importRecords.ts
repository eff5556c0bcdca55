import { encodeNonFinite, type MetricPoint, metricPointKey, type RetrainingAttempt, type RunRecord, toJsonText } from '@driftwatch/core';
import { runSummaryColumns } from './runSummaryColumns.js';
import type { SqliteRunStore } from './SqliteRunStore.js';

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
 * Imports another store's runs, attempts and outbox points into a SQLite store in one
 * transaction (all or nothing). A run or attempt whose id the store has is skipped (the store's
 * copy is kept); an outbox point this source gave before (by `metricPointKey`, recorded in the
 * `imports` table) is skipped, so importing twice imports nothing twice.
 */
export function importRecords(store: SqliteRunStore, records: ImportedRecords, now: () => number = Date.now): ImportCounts {
  const db = store.database();
  const at = new Date(now()).toISOString();
  const addRun = db.prepare(
    'INSERT INTO runs (id, monitor, started_at, status, record, finished_at, drift_share, drifted_columns, tested_columns) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const addAttempt = db.prepare(
    'INSERT INTO attempts (id, model, monitor, state, created_at, record) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const claim = db.prepare('INSERT INTO imports (source, kind, key, imported_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const addPoint = db.prepare('INSERT INTO outbox (sink, point) VALUES (?, ?)');
  return db
    .transaction((): ImportCounts => {
      let runs = 0;
      for (const r of records.runs)
        runs += addRun.run(r.id, r.monitor, r.startedAt, r.status, toJsonText(r), ...runSummaryColumns(r)).changes;
      let attempts = 0;
      for (const a of records.attempts) attempts += addAttempt.run(a.id, a.model, a.monitor, a.state, a.createdAt, toJsonText(a)).changes;
      let points = 0;
      let total = 0;
      for (const { sink, points: pending } of records.outboxes) {
        for (const p of pending) {
          total += 1;
          if (claim.run(records.source, `outbox:${sink}`, metricPointKey(p), at).changes === 0) continue;
          addPoint.run(sink, JSON.stringify({ ...p, value: encodeNonFinite(p.value) }));
          points += 1;
        }
      }
      return {
        runs: { imported: runs, skipped: records.runs.length - runs },
        attempts: { imported: attempts, skipped: records.attempts.length - attempts },
        outboxPoints: { imported: points, skipped: total - points },
      };
    })
    .immediate();
}
