import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The server's own Prometheus metrics (one registry per server, so two servers in one process,
 * as in tests, do not share counters): process and Node.js defaults, HTTP requests, monitor runs,
 * ingestion. The stored metric series are added at scrape time (see `formatSeriesGauges`).
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'driftwatch_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'driftwatch_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly runs = new Counter({
    name: 'driftwatch_runs_total',
    help: 'Monitor runs ended in this process, by monitor and status (ok, drift, failed)',
    labelNames: ['monitor', 'status'] as const,
    registers: [this.registry],
  });
  readonly runFailures = new Counter({
    name: 'driftwatch_run_failures_total',
    help: 'Monitor runs that failed in this process, by monitor',
    labelNames: ['monitor'] as const,
    registers: [this.registry],
  });
  readonly runDuration = new Histogram({
    name: 'driftwatch_run_duration_seconds',
    help: 'Duration of monitor runs in this process, by monitor',
    labelNames: ['monitor'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers: [this.registry],
  });
  readonly ingestedRecords = new Counter({
    name: 'driftwatch_ingested_records_total',
    help: 'Events and labels stored, by monitor and kind (events, labels)',
    labelNames: ['monitor', 'kind'] as const,
    registers: [this.registry],
  });
  readonly ingestBatches = new Counter({
    name: 'driftwatch_ingest_batches_total',
    help: 'Ingestion batches, by monitor, kind and outcome (stored, duplicate, invalid, too_large, throttled)',
    labelNames: ['monitor', 'kind', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly ingestQueue = new Gauge({
    name: 'driftwatch_ingest_queue_batches',
    help: 'Ingestion batches accepted and not yet written',
    registers: [this.registry],
  });
  readonly outboxPoints = new Gauge({
    name: 'driftwatch_outbox_points',
    help: 'Metric points waiting in the sinks outboxes, by sink',
    labelNames: ['sink'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'driftwatch_' });
  }

  /** Records a run that ended. */
  recordRun(monitor: string, status: string, seconds: number): void {
    this.runs.inc({ monitor, status });
    if (status === 'failed') this.runFailures.inc({ monitor });
    this.runDuration.observe({ monitor }, seconds);
  }
}
