import { useMemo, useState } from 'preact/hooks';
import type { TimedSeries } from '../alignSeries.js';
import { get, post, seg } from '../api.js';
import { Async, ErrorBox, useLoad } from '../components/Async.js';
import { BandChart } from '../components/BandChart.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { TimeChart } from '../components/TimeChart.js';
import { describeSchedule, formatDuration, formatTime, relativeTime } from '../format.js';
import { qualityCharts } from '../qualityBands.js';
import { href } from '../router.js';
import type { MonitorDetail, RunRecord, RunSummary, StoredAlert, StoredSeries } from '../types.js';
import { ShareBar } from './OverviewPage.js';

/** One monitor: drift over time, model quality with its bands, alerts and runs. */
export function MonitorPage({ name, admin }: { name: string; admin: boolean }) {
  const [loaded, reload] = useLoad(() => get<{ monitor: MonitorDetail }>(`/api/v1/monitors/${seg(name)}`), [name]);
  return (
    <Async loaded={loaded}>
      {({ monitor }) => (
        <section>
          <div class="crumbs">
            <a href={href.overview()}>Monitors</a> / <span>{monitor.name}</span>
          </div>
          <div class="page-head">
            <div>
              <h1>
                {monitor.name} <StatusBadge status={monitor.status} />
              </h1>
              <div class="facts">
                <span>
                  Schedule <b class="mono">{describeSchedule(monitor.schedule)}</b>
                </span>
                {monitor.nextRunAt && (
                  <span title={formatTime(monitor.nextRunAt)}>
                    Next run <b>{relativeTime(monitor.nextRunAt)}</b>
                  </span>
                )}
                {monitor.lastRun && (
                  <span>
                    Last run{' '}
                    <a href={href.run(monitor.lastRun.id)}>{relativeTime(monitor.lastRun.finishedAt ?? monitor.lastRun.startedAt)}</a>
                  </span>
                )}
                <span>{monitor.columns.length} columns</span>
              </div>
            </div>
            {admin && <RunNow monitor={monitor.name} onStarted={reload} />}
          </div>
          <DriftCharts monitor={monitor} />
          <Quality lastRun={monitor.lastRun} />
          <div class="grid-2">
            <Alerts monitor={monitor.name} />
            <Runs monitor={monitor.name} />
          </div>
        </section>
      )}
    </Async>
  );
}

function RunNow({ monitor, onStarted }: { monitor: string; onStarted: () => void }) {
  const [state, setState] = useState<{ busy: boolean; message?: string; error?: Error }>({ busy: false });
  const run = async () => {
    setState({ busy: true });
    try {
      await post(`/api/v1/monitors/${seg(monitor)}/runs`);
      setState({ busy: false, message: 'Run started.' });
      setTimeout(onStarted, 1500);
    } catch (error) {
      setState({ busy: false, error: error as Error });
    }
  };
  return (
    <div class="head-actions">
      <button type="button" class="btn btn-primary" onClick={run} disabled={state.busy}>
        {state.busy ? 'Starting…' : 'Run now'}
      </button>
      {state.message && <span class="muted small">{state.message}</span>}
      {state.error && <ErrorBox error={state.error} />}
    </div>
  );
}

/** Run-level points only: a windowed run also publishes one point per window (with a `window` or `chunk` dimension). */
const runLevel = (s: StoredSeries) => s.dimensions.window === undefined && s.dimensions.chunk === undefined;

function DriftCharts({ monitor }: { monitor: MonitorDetail }) {
  const [shares] = useLoad(
    () => get<{ series: StoredSeries[] }>('/api/v1/series', { name: 'dataset.drift_share', monitor: monitor.name, maxPoints: 500 }),
    [monitor.name],
  );
  const [scores] = useLoad(
    () => get<{ series: StoredSeries[] }>('/api/v1/series', { name: 'drift.score', monitor: monitor.name, maxPoints: 500 }),
    [monitor.name],
  );
  return (
    <div class="grid-2">
      <div class="card">
        <h2>Dataset drift share</h2>
        <p class="muted small">Share of drifted columns per run; the dataset drifts at or above the dashed line.</p>
        <Async loaded={shares}>
          {({ series }) => <ShareChart series={series.filter(runLevel)} threshold={monitor.config?.drift?.datasetShare} />}
        </Async>
      </div>
      <div class="card">
        <h2>Drift per column</h2>
        <p class="muted small">Each column's drift score (distance or p-value, by its method) per run.</p>
        <Async loaded={scores}>{({ series }) => <ScoreChart series={series.filter(runLevel)} />}</Async>
      </div>
    </div>
  );
}

function ShareChart({ series, threshold }: { series: StoredSeries[]; threshold?: number }) {
  const lines = useMemo<TimedSeries[]>(() => series.map((s) => ({ label: 'drift share', points: s.points })), [series]);
  return <TimeChart name="drift-share" series={lines} yLabel="drifted share" percent threshold={threshold} />;
}

function ScoreChart({ series }: { series: StoredSeries[] }) {
  const lines = useMemo<TimedSeries[]>(
    () =>
      series
        .map((s) => ({
          label: `${s.dimensions.feature ?? '?'}${s.dimensions.method ? ` (${s.dimensions.method})` : ''}`,
          points: s.points,
        }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [series],
  );
  return <TimeChart name="drift-score" series={lines} yLabel="drift score" />;
}

function Quality({ lastRun }: { lastRun: RunSummary | undefined }) {
  const id = lastRun?.status === 'started' ? undefined : lastRun?.id;
  const [loaded] = useLoad(() => (id ? get<{ run: RunRecord }>(`/api/v1/runs/${seg(id)}`) : Promise.resolve(undefined)), [id]);
  return (
    <div class="card">
      <h2>Model quality</h2>
      <Async loaded={loaded}>
        {(answer) => {
          const result = (answer?.run.result ?? {}) as { performance?: unknown; estimation?: unknown };
          const charts = qualityCharts(result);
          if (!answer) return <div class="empty">No finished run yet.</div>;
          if (charts.length === 0)
            return (
              <div class="empty">
                The last run has no model-quality section: give the monitor <code>performance:</code> and <code>windows:</code> to see
                quality per window with its thresholds.
              </div>
            );
          return (
            <>
              <p class="muted small">
                Per window of the <a href={href.run(answer.run.id)}>last run</a>, with the same bands as the HTML report: threshold band
                from the reference's windows, ±3·SE around each window, reference windows shaded.
              </p>
              <div class="grid-2 tight">
                {charts.map((chart) => (
                  <BandChart key={chart.title} chart={chart} />
                ))}
              </div>
            </>
          );
        }}
      </Async>
    </div>
  );
}

function Alerts({ monitor }: { monitor: string }) {
  const [loaded] = useLoad(() => get<{ alerts: StoredAlert[] }>('/api/v1/alerts', { monitor, limit: 50 }), [monitor]);
  return (
    <div class="card">
      <h2>Alerts</h2>
      <Async loaded={loaded}>
        {({ alerts }) =>
          alerts.length === 0 ? (
            <div class="empty">No alert fired.</div>
          ) : (
            <ul class="alerts">
              {alerts.map((a) => (
                <li key={a.id} class={`alert alert-${a.severity}`}>
                  <div class="alert-head">
                    <span class={`sev sev-${a.severity}`}>{a.severity}</span>
                    <b>{a.rule}</b>
                    <span class="muted small" title={formatTime(a.timestamp)}>
                      {relativeTime(a.timestamp)}
                    </span>
                  </div>
                  <div class="alert-msg">{a.message}</div>
                  {a.runId && (
                    <a class="small" href={href.run(a.runId)}>
                      the run
                    </a>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </div>
  );
}

function Runs({ monitor }: { monitor: string }) {
  const [loaded] = useLoad(
    () => get<{ runs: RunSummary[]; nextCursor?: string }>(`/api/v1/monitors/${seg(monitor)}/runs`, { limit: 20 }),
    [monitor],
  );
  const [more, setMore] = useState<{ runs: RunSummary[]; nextCursor?: string } | undefined>();
  const loadMore = async (cursor: string) => {
    const page = await get<{ runs: RunSummary[]; nextCursor?: string }>(`/api/v1/monitors/${seg(monitor)}/runs`, {
      limit: 20,
      before: cursor,
    });
    setMore((m) => ({ runs: [...(m?.runs ?? []), ...page.runs], nextCursor: page.nextCursor }));
  };
  return (
    <div class="card">
      <h2>Runs</h2>
      <Async loaded={loaded}>
        {(first) => {
          const runs = [...first.runs, ...(more?.runs ?? [])];
          const cursor = more ? more.nextCursor : first.nextCursor;
          if (runs.length === 0) return <div class="empty">No run recorded yet.</div>;
          return (
            <>
              <table class="table compact runs-table">
                <thead>
                  <tr>
                    <th>Started</th>
                    <th>Status</th>
                    <th class="num">Drifted</th>
                    <th class="num">Share</th>
                    <th class="num">Took</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <a href={href.run(r.id)} title={formatTime(r.startedAt)}>
                          {formatTime(r.startedAt).slice(5, 16)}
                        </a>
                      </td>
                      <td>
                        <StatusBadge status={r.status} />
                      </td>
                      <td class="num">{r.driftedColumns !== undefined ? `${r.driftedColumns} / ${r.columns ?? '?'}` : '–'}</td>
                      <td class="num">
                        <ShareBar share={r.driftShare} />
                      </td>
                      <td class="num muted">{formatDuration(r.startedAt, r.finishedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {cursor && (
                <button type="button" class="btn btn-ghost" onClick={() => loadMore(cursor)}>
                  Older runs
                </button>
              )}
            </>
          );
        }}
      </Async>
    </div>
  );
}
