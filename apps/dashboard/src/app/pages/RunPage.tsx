import type { ColumnDrift, MonitorRunResult } from '@driftwatch/core';
import { get, seg } from '../api.js';
import { Async, useLoad } from '../components/Async.js';
import { DistributionChart, type RunDistribution } from '../components/DistributionChart.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { formatDuration, formatInteger, formatNumber, formatPercent, formatTime } from '../format.js';
import { href } from '../router.js';
import type { RunRecord } from '../types.js';

/**
 * One run: the dataset verdict, a row per column (method, statistic against its threshold,
 * p-value, missing values on each side) and each tested column's reference and current
 * distributions (the run result's `distributions` section: the bins of `check --html`).
 */
export function RunPage({ id }: { id: string }) {
  const [loaded] = useLoad(() => get<{ run: RunRecord }>(`/api/v1/runs/${seg(id)}`), [id]);
  return (
    <Async loaded={loaded}>
      {({ run }) => {
        const result = run.result as MonitorRunResult | null;
        const drift = result?.drift ?? null;
        const distributions = (result as { distributions?: readonly RunDistribution[] } | null)?.distributions ?? [];
        return (
          <section>
            <div class="crumbs">
              <a href={href.overview()}>Monitors</a> / <a href={href.monitor(run.monitor)}>{run.monitor}</a> / <span>run</span>
            </div>
            <div class="page-head">
              <div>
                <h1>
                  Run of {run.monitor} <StatusBadge status={run.status} />
                </h1>
                <div class="facts">
                  <span>
                    Started <b>{formatTime(run.startedAt)}</b>
                  </span>
                  <span>
                    Took <b>{formatDuration(run.startedAt, run.finishedAt)}</b>
                  </span>
                  <span class="mono small">{run.id}</span>
                </div>
              </div>
            </div>
            {result?.error && (
              <div class="error-box" role="alert">
                <strong>{result.error.code}</strong> <span>{result.error.message}</span>
              </div>
            )}
            {drift ? (
              <>
                <div class="tiles">
                  <div class={`tile ${drift.dataset.drifted ? 'tile-drift' : 'tile-ok'}`}>
                    <div class="tile-n">{drift.dataset.drifted ? 'Drift' : 'No drift'}</div>
                    <div class="tile-label">dataset verdict (at {formatPercent(drift.dataset.datasetShare)} of columns)</div>
                  </div>
                  <div class="tile">
                    <div class="tile-n">
                      {drift.dataset.driftedColumns} / {drift.dataset.testedColumns}
                    </div>
                    <div class="tile-label">drifted columns ({formatPercent(drift.dataset.share)})</div>
                  </div>
                  <div class="tile">
                    <div class="tile-n">{formatInteger(drift.reference.rows)}</div>
                    <div class="tile-label">reference rows</div>
                  </div>
                  <div class="tile">
                    <div class="tile-n">{formatInteger(drift.current.rows)}</div>
                    <div class="tile-label">current rows</div>
                  </div>
                </div>
                <div class="card">
                  <h2>Columns</h2>
                  <p class="muted small">The statistic against its threshold (the bar's mark).</p>
                  <ColumnTable columns={drift.columns} />
                </div>
                {distributions.length > 0 && (
                  <div class="card">
                    <h2>Distributions</h2>
                    <p class="muted small">
                      Share of each side's rows per bin or category:
                      <span class="legend-ref" />
                      reference
                      <span class="legend-cur" />
                      current
                    </p>
                    <div class="dist-grid">
                      {distributions.map((d) => (
                        <DistributionChart key={d.column} distribution={d} />
                      ))}
                    </div>
                  </div>
                )}
              </>
            ) : (
              <div class="card empty">{run.status === 'started' ? 'The run is still running.' : 'This run has no drift result.'}</div>
            )}
            {result && result.alerts.length > 0 && (
              <div class="card">
                <h2>Alerts fired</h2>
                <ul class="alerts">
                  {result.alerts.map((f) => (
                    <li key={f.alert.rule} class={`alert alert-${f.alert.severity}`}>
                      <div class="alert-head">
                        <span class={`sev sev-${f.alert.severity}`}>{f.alert.severity}</span>
                        <b>{f.alert.rule}</b>
                      </div>
                      <div class="alert-msg">{f.alert.message}</div>
                      <div class="muted small">{f.deliveries.map((d) => `${d.channel}: ${d.status}`).join(' · ') || 'no channel'}</div>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {result?.sinks && result.sinks.length > 0 && (
              <div class="card">
                <h2>Sinks</h2>
                <table class="table compact">
                  <thead>
                    <tr>
                      <th>Sink</th>
                      <th>Type</th>
                      <th class="num">Sent</th>
                      <th class="num">Pending</th>
                      <th class="num">Dropped</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.sinks.map((s) => (
                      <tr key={s.sink}>
                        <td class="mono">{s.sink}</td>
                        <td>{s.type}</td>
                        <td class="num">{formatInteger(s.sent)}</td>
                        <td class="num">{formatInteger(s.pending)}</td>
                        <td class="num">{formatInteger(s.dropped)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      }}
    </Async>
  );
}

function ColumnTable({ columns }: { columns: readonly ColumnDrift[] }) {
  const sorted = [...columns].sort((a, b) => Number(b.drifted) - Number(a.drifted) || a.column.localeCompare(b.column));
  return (
    <table class="table columns-table">
      <thead>
        <tr>
          <th>Column</th>
          <th>Kind</th>
          <th>Method</th>
          <th>Statistic vs threshold</th>
          <th class="num">p-value</th>
          <th class="num">Missing (ref / cur)</th>
          <th>Verdict</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((c) => (
          <tr key={c.column} data-column={c.column} class={c.drifted ? 'row-drift' : ''}>
            <td class="strong">{c.column}</td>
            <td>
              <span class="kind">{c.testedAs ? `${c.kind} → ${c.testedAs}` : c.kind}</span>
            </td>
            <td class="mono small">{c.method}</td>
            <td>
              <StatGauge column={c} />
            </td>
            <td class="num">{formatNumber(c.pValue)}</td>
            <td class="num">
              {formatPercent(c.reference.rows ? c.reference.missing / c.reference.rows : 0)} /{' '}
              {formatPercent(c.current.rows ? c.current.missing / c.current.rows : 0)}
            </td>
            <td>
              {c.skipped ? <span class="muted small">skipped: {c.skipped}</span> : <StatusBadge status={c.drifted ? 'drift' : 'ok'} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The statistic as a bar against its threshold. For distances the bar is the statistic on a scale
 * of twice the threshold; for tests it is the p-value, drifting when it falls under the threshold.
 */
function StatGauge({ column }: { column: ColumnDrift }) {
  const isTest = column.measure === 'p_value';
  const value = isTest ? column.pValue : column.statistic;
  if (value === null || value === undefined) return <span class="muted">–</span>;
  const scale = isTest ? 1 : Math.max(column.threshold * 2, Number.isFinite(value) ? value : 0) || 1;
  const fill = Math.min(1, (Number.isFinite(value) ? value : scale) / scale);
  const mark = Math.min(1, column.threshold / scale);
  return (
    <span
      class="gauge"
      title={`${isTest ? 'p' : 'd'} = ${formatNumber(value)}, threshold ${formatNumber(column.threshold)} (${column.rule})`}
    >
      <span class="gauge-track">
        <span class={column.drifted ? 'gauge-fill gauge-drift' : 'gauge-fill'} style={{ width: `${fill * 100}%` }} />
        <span class="gauge-mark" style={{ left: `${mark * 100}%` }} />
      </span>
      <span class="gauge-label mono small">
        {isTest ? 'p' : 'd'} {formatNumber(value)} <span class="muted">/ {formatNumber(column.threshold)}</span>
      </span>
    </span>
  );
}
