import { type MonitorRunResult, type RetrainingAttempt, type RunRecord, runStoreToken, UsageError } from '@driftwatch/core';
import { Command, Option } from 'commander';
import { formatGate } from '../output/formatRetraining.js';
import { columnPadder } from '../output/textTable.js';
import { toJson } from '../output/toJson.js';
import { openConfig } from './openConfig.js';
import { parseNumberIn } from './parseKeyed.js';

/** One run as `driftwatch history` shows it. */
export interface HistoryRow {
  readonly id: string;
  readonly monitor: string;
  readonly startedAt: string;
  readonly status: RunRecord['status'];
  /** Share of tested columns that drifted; `null` for failed, started and interrupted runs. */
  readonly driftShare: number | null;
  readonly driftedColumns: number | null;
  readonly testedColumns: number | null;
  /** Drifted column names. */
  readonly drifted: readonly string[];
  /** Drift share against the monitor's previous run: `up`, `down`, `same`, or `null` for its first shown run or a failed one. */
  readonly trend: 'up' | 'down' | 'same' | null;
  readonly failedSinks: number;
  /** Realised metrics over all labelled rows (`performance:` monitors), e.g. `{ f1: 0.56 }`; null when undefined. */
  readonly performance?: Readonly<Record<string, number | null>>;
  /** Alerts raised per window by performance thresholds and CBPE estimates. */
  readonly qualityAlerts?: number;
  /** Windows that drifted, of all windows (`windows:` monitors). */
  readonly driftedWindows?: { readonly drifted: number; readonly windows: number };
}

interface QualitySections {
  performance?: { metrics?: { metric: string; value: number | null }[]; alerts?: unknown[] };
  estimation?: { alerts?: unknown[] };
  windows?: { summary?: { chunks: number; driftedChunks: number } };
}

/** History rows, newest first, each with its trend against the same monitor's previous (older) run. */
export function historyRows(runs: readonly RunRecord[]): HistoryRow[] {
  const rows = runs.map((r) => {
    const result = r.result as Partial<MonitorRunResult> | undefined;
    const d = result?.drift ?? null;
    return {
      id: r.id,
      monitor: r.monitor,
      startedAt: r.startedAt,
      status: r.status,
      driftShare: d ? d.dataset.share : null,
      driftedColumns: d ? d.dataset.driftedColumns : null,
      testedColumns: d ? d.dataset.testedColumns : null,
      drifted: d ? d.columns.filter((c) => c.drifted).map((c) => c.column) : [],
      trend: null as HistoryRow['trend'],
      failedSinks: r.failedSinks?.length ?? 0,
      ...qualityOf(result as QualitySections | undefined),
    };
  });
  for (const [i, row] of rows.entries()) {
    if (row.driftShare === null) continue;
    const previous = rows.slice(i + 1).find((o) => o.monitor === row.monitor && o.driftShare !== null);
    if (!previous || previous.driftShare === null) continue;
    row.trend = row.driftShare > previous.driftShare ? 'up' : row.driftShare < previous.driftShare ? 'down' : 'same';
  }
  return rows;
}

/** The model-quality part of a run's result, when its monitor has `performance:` or `windows:`. */
function qualityOf(result: QualitySections | undefined): Pick<HistoryRow, 'performance' | 'qualityAlerts' | 'driftedWindows'> {
  if (!result) return {};
  // `driftwatch eval` runs (kind llm): each scorer's mean, as a performance metric.
  const llm = result as { kind?: unknown; scorers?: { scorer: string; mean: number | null }[] };
  if (llm.kind === 'llm' && Array.isArray(llm.scorers))
    return { performance: Object.fromEntries(llm.scorers.map((s) => [s.scorer, s.mean])) };
  const out: {
    performance?: Record<string, number | null>;
    qualityAlerts?: number;
    driftedWindows?: { drifted: number; windows: number };
  } = {};
  if (result.performance?.metrics) out.performance = Object.fromEntries(result.performance.metrics.map((m) => [m.metric, m.value]));
  if (result.performance || result.estimation) {
    out.qualityAlerts = (result.performance?.alerts?.length ?? 0) + (result.estimation?.alerts?.length ?? 0);
  }
  const w = result.windows?.summary;
  if (w) out.driftedWindows = { drifted: w.driftedChunks, windows: w.chunks };
  return out;
}

const arrows = { up: '↑', down: '↓', same: '=' } as const;

/** Retraining attempts as a table: when, model, final state, trigger, gate figures, versions. */
export function attemptsTable(attempts: readonly RetrainingAttempt[]): string {
  const header = ['started', 'model', 'state', 'trigger', 'gate', 'versions'];
  const body = attempts.map((a) => [
    a.createdAt,
    a.model,
    a.state,
    a.trigger.kinds.join('+'),
    a.gate ? `${a.gate.passed ? 'passed' : 'rejected'}: ${formatGate(a.gate, a)}` : a.error ? `— (${a.error.message})` : '—',
    a.challenger ? `v${a.challenger}${a.champion ? ` vs v${a.champion}` : ''}` : '—',
  ]);
  const pad = columnPadder(header, body);
  return [pad(header), ...body.map(pad)].join('\n');
}

/** `driftwatch history`: past runs and trends. */
export function historyCommand(): Command {
  return new Command('history')
    .summary('show past runs and drift trends')
    .description(
      "Lists recorded runs, newest first: status (ok, drift, failed; started: recorded before it published, not finished yet — running, or killed, which the monitor's next run marks interrupted), drift share with its trend (↑ ↓ = against the monitor's previous run), drifted columns and failed sinks; for monitors with windows and performance settings also the drifted windows, the realised metrics and the quality alerts. Then the retraining attempts, newest first: state, trigger, gate figures and versions.",
    )
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .option('--monitor <name>', 'only this monitor')
    .option('-n, --limit <n>', 'at most this many runs', '20')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: { config: string; monitor?: string; limit: string; format: 'table' | 'json' }) => {
      const limit = parseNumberIn('--limit', flags.limit, 1, 1_000_000);
      if (!Number.isInteger(limit)) throw new UsageError(`--limit "${flags.limit}" must be a whole number`);
      const { container } = await openConfig(flags.config);
      const store = container.get(runStoreToken);
      // One run more than shown, so the last shown run has a trend too.
      const runs = await store.listRuns({ monitor: flags.monitor, limit: flags.monitor ? limit + 1 : undefined });
      const rows = historyRows(runs).slice(0, limit);
      const attempts = await store.listAttempts({ ...(flags.monitor ? { monitor: flags.monitor } : {}), limit });
      if (flags.format === 'json') {
        process.stdout.write(toJson({ runs: rows, attempts }));
        return;
      }
      const attemptsText = attempts.length > 0 ? `\nRetraining attempts\n${attemptsTable(attempts)}\n` : '';
      if (rows.length === 0) {
        process.stdout.write(
          `no runs recorded${flags.monitor ? ` for monitor ${flags.monitor}` : ''} (run "driftwatch run")\n${attemptsText}`,
        );
        return;
      }
      const quality = rows.some((r) => r.performance !== undefined || r.driftedWindows !== undefined);
      const header = [
        'started',
        'monitor',
        'status',
        'drift share',
        'trend',
        'drifted',
        'columns drifted',
        ...(quality ? ['windows drifted', 'performance', 'quality alerts'] : []),
        'failed sinks',
      ];
      const body = rows.map((r) => [
        r.startedAt,
        r.monitor,
        r.status,
        r.driftShare === null ? '—' : `${(r.driftShare * 100).toFixed(1)}%`,
        r.trend === null ? '—' : arrows[r.trend],
        r.driftedColumns === null ? '—' : `${r.driftedColumns}/${r.testedColumns}`,
        r.drifted.join(', ') || '—',
        ...(quality
          ? [
              r.driftedWindows ? `${r.driftedWindows.drifted}/${r.driftedWindows.windows}` : '—',
              r.performance
                ? Object.entries(r.performance)
                    .map(([m, v]) => `${m} ${v === null ? '—' : Number(v.toPrecision(3))}`)
                    .join(', ')
                : '—',
              r.qualityAlerts === undefined ? '—' : String(r.qualityAlerts),
            ]
          : []),
        String(r.failedSinks),
      ]);
      const pad = columnPadder(header, body);
      process.stdout.write(`${[pad(header), ...body.map(pad)].join('\n')}\n${attemptsText}`);
    });
}
