import { get } from '../api.js';
import { Async, useAutoRefresh, useLoad } from '../components/Async.js';
import { Sparkline } from '../components/Sparkline.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { describeSchedule, formatPercent, formatTime, relativeTime } from '../format.js';
import { href } from '../router.js';
import type { MonitorOverview } from '../types.js';

/** Every monitor: status, last run, drifted share, a sparkline of recent drift shares, next run. */
export function OverviewPage() {
  const [loaded, reload] = useLoad(() => get<{ monitors: MonitorOverview[] }>('/api/v1/monitors'), []);
  useAutoRefresh(reload, 30_000);
  return (
    <section>
      <div class="page-head">
        <div>
          <h1>Monitors</h1>
          <p class="muted">
            Every monitor of the config, its last run and the share of drifted columns over recent runs; refreshed every 30 s.
          </p>
        </div>
      </div>
      <Async loaded={loaded}>
        {({ monitors }) => (
          <>
            <Summary monitors={monitors} />
            <div class="card">
              <table class="table monitors-table">
                <thead>
                  <tr>
                    <th>Monitor</th>
                    <th>Status</th>
                    <th>Last run</th>
                    <th class="num">Drifted share</th>
                    <th>Recent runs</th>
                    <th>Schedule</th>
                  </tr>
                </thead>
                <tbody>
                  {monitors.map((m) => (
                    <tr key={m.name} data-monitor={m.name}>
                      <td>
                        <a class="strong" href={href.monitor(m.name)}>
                          {m.name}
                        </a>
                      </td>
                      <td>
                        <StatusBadge status={m.status} />
                      </td>
                      <td>
                        {m.lastRun ? (
                          <a href={href.run(m.lastRun.id)} title={formatTime(m.lastRun.startedAt)}>
                            {relativeTime(m.lastRun.finishedAt ?? m.lastRun.startedAt)}
                          </a>
                        ) : (
                          <span class="muted">never</span>
                        )}
                      </td>
                      <td class="num">
                        <ShareBar share={m.driftShare} />
                      </td>
                      <td>
                        <Sparkline values={m.sparkline.map((p) => p.value)} />
                      </td>
                      <td>
                        <div class="mono small">{describeSchedule(m.schedule)}</div>
                        {m.nextRunAt && <div class="muted small">next {relativeTime(m.nextRunAt)}</div>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Async>
    </section>
  );
}

function Summary({ monitors }: { monitors: readonly MonitorOverview[] }) {
  const count = (status: string) => monitors.filter((m) => m.status === status).length;
  const tiles: [string, number, string][] = [
    ['Monitors', monitors.length, 'neutral'],
    ['Drifting', count('drift'), 'drift'],
    ['Failed', count('failed'), 'failed'],
    ['Running', count('running'), 'running'],
  ];
  return (
    <div class="tiles">
      {tiles.map(([label, n, tone]) => (
        <div class={`tile tile-${tone}`} key={label}>
          <div class="tile-n">{n}</div>
          <div class="tile-label">{label}</div>
        </div>
      ))}
    </div>
  );
}

/** A share as a percentage with a small bar. */
export function ShareBar({ share }: { share: number | undefined }) {
  if (share === undefined) return <span class="muted">–</span>;
  return (
    <span class="share">
      <span class="share-track">
        <span class={share > 0 ? 'share-fill share-fill-drift' : 'share-fill'} style={{ width: `${Math.min(100, share * 100)}%` }} />
      </span>
      <span class="share-label">{formatPercent(share)}</span>
    </span>
  );
}
