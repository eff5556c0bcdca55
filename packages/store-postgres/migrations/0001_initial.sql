-- Driftwatch PostgreSQL store, schema version 1: runs, retraining attempts, locks, sink outboxes,
-- metric series, alerts, API tokens, ingested events (partitioned by day) and labels.
-- Applied by applyMigrations inside one transaction holding the store's advisory lock, with
-- search_path set to the store's schema (every name below lives there).
-- Times the API filters on are epoch ms (bigint: t, *_ms); run and attempt times are the ISO-8601
-- text they were saved with. Text that is sorted or compared as the SQLite store does (ISO times,
-- ids) uses the "C" collation: byte order, whatever the database's locale.

CREATE TABLE runs (
  id text COLLATE "C" PRIMARY KEY,
  monitor text NOT NULL,
  started_at text COLLATE "C" NOT NULL,
  status text NOT NULL,
  record text NOT NULL,
  -- The run's summary (core's summariseRun), written with the record: the overview and run lists
  -- read these columns only.
  finished_at text,
  drift_share double precision,
  drifted_columns double precision,
  tested_columns double precision
);
-- A monitor's runs newest first, covering the summary (index-only scans for the overview).
CREATE INDEX runs_by_monitor ON runs (monitor, started_at DESC, id DESC)
  INCLUDE (status, finished_at, drift_share, drifted_columns, tested_columns);
CREATE INDEX runs_by_start ON runs (started_at DESC, id DESC);

CREATE TABLE attempts (
  id text COLLATE "C" PRIMARY KEY,
  model text NOT NULL,
  monitor text NOT NULL,
  state text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  record text NOT NULL
);
CREATE INDEX attempts_by_created ON attempts (created_at DESC, id DESC);

-- Named locks with an expiry (epoch ms of the holder's clock) and who holds them.
CREATE TABLE locks (
  name text PRIMARY KEY,
  owner text NOT NULL,
  expires_ms bigint NOT NULL,
  pid integer,
  host text
);

-- Append-only per sink; reading deduplicates by point key, settling deletes the rows read.
CREATE TABLE outbox (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sink text NOT NULL,
  point text NOT NULL
);
CREATE INDEX outbox_by_sink ON outbox (sink, seq);

-- One row per metric name and set of dimensions (dims: JSON with sorted keys).
CREATE TABLE series (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  dims text NOT NULL,
  monitor text,
  UNIQUE (name, dims)
);
CREATE INDEX series_by_monitor ON series (monitor);

-- A point is identified as metricPointKey says: series, time, run and window. value keeps NaN.
CREATE TABLE points (
  series_id bigint NOT NULL REFERENCES series (id),
  t bigint NOT NULL,
  run_id text NOT NULL DEFAULT '',
  chunk text NOT NULL DEFAULT '',
  value double precision NOT NULL,
  unit text NOT NULL,
  PRIMARY KEY (series_id, t, run_id, chunk)
);
CREATE INDEX points_by_time ON points (t);

CREATE TABLE alerts (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  monitor text NOT NULL,
  t bigint NOT NULL,
  record text NOT NULL
);
CREATE INDEX alerts_by_monitor ON alerts (monitor, t DESC, seq DESC);
CREATE INDEX alerts_by_time ON alerts (t DESC, seq DESC);

CREATE TABLE tokens (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  name text NOT NULL,
  scopes text NOT NULL,
  hash text NOT NULL UNIQUE,
  created_at text NOT NULL,
  last_used_at text,
  revoked_at text
);
-- One live token per name.
CREATE UNIQUE INDEX tokens_live_name ON tokens (name) WHERE revoked_at IS NULL;

-- Ingested events, partitioned by day of their time (t, epoch ms): events_YYYYMMDD holds
-- [day 00:00Z, next day 00:00Z). Partitions are created before the first insert that needs them
-- and dropped whole by retention (dropPartitionsBefore).
CREATE TABLE events (
  seq bigserial NOT NULL,
  monitor text NOT NULL,
  event_id text,
  t bigint NOT NULL,
  received_ms bigint NOT NULL,
  body text NOT NULL
) PARTITION BY RANGE (t);
-- Created on every partition: the events data source and prune read a monitor's events by time.
CREATE INDEX events_by_monitor_time ON events (monitor, t);

-- The ids of stored events, per monitor: a unique index of a partitioned table must hold the
-- partition key, so deduplication by id across days lives here, written in the batch's transaction.
CREATE TABLE event_ids (
  monitor text NOT NULL,
  event_id text NOT NULL,
  t bigint NOT NULL,
  PRIMARY KEY (monitor, event_id)
);
CREATE INDEX event_ids_by_time ON event_ids (t);

-- Late labels by event id; a label may arrive before its event.
CREATE TABLE labels (
  monitor text NOT NULL,
  event_id text NOT NULL,
  label text NOT NULL,
  received_ms bigint NOT NULL,
  PRIMARY KEY (monitor, event_id)
);

-- Idempotency keys of ingested batches, per monitor and kind (events, labels), claimed in the
-- batch's transaction: a second batch with the key waits for the first to commit, then stores nothing.
CREATE TABLE idempotency_keys (
  monitor text NOT NULL,
  kind text NOT NULL,
  key text NOT NULL,
  received_ms bigint NOT NULL,
  PRIMARY KEY (monitor, kind, key)
);
CREATE INDEX idempotency_keys_by_time ON idempotency_keys (received_ms);

-- What `driftwatch store migrate` imported from another store (so importing twice imports nothing twice).
CREATE TABLE imports (
  source text NOT NULL,
  kind text NOT NULL,
  key text NOT NULL,
  imported_at text NOT NULL,
  PRIMARY KEY (source, kind, key)
);
