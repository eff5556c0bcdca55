import { useState } from 'preact/hooks';
import { get, post, seg } from '../api.js';
import { Async, useLoad } from '../components/Async.js';
import { type Confirmation, ConfirmDialog } from '../components/ConfirmDialog.js';
import { formatInteger, formatNumber, formatTime } from '../format.js';
import { href } from '../router.js';
import type { ModelDetail, ModelVersion } from '../types.js';

/** A model's versions, the champion marked; admins promote a version or roll back, after a confirmation. */
export function ModelPage({ name, admin }: { name: string; admin: boolean }) {
  const [loaded, reload] = useLoad(() => get<{ model: ModelDetail }>(`/api/v1/models/${seg(name)}`), [name]);
  const [confirming, setConfirming] = useState<Confirmation | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  const promote = (version: ModelVersion, champion: ModelVersion | undefined) =>
    setConfirming({
      title: `Promote ${name} v${version.version}?`,
      body: (
        <p>
          Deploys version <b>v{version.version}</b> and makes it the champion
          {champion ? (
            <>
              {' '}
              in place of <b>v{champion.version}</b>
            </>
          ) : null}
          . Monitors following the champion compare against its data from their next run.
        </p>
      ),
      confirmLabel: `Promote v${version.version}`,
      onConfirm: async () => {
        await post(`/api/v1/models/${seg(name)}/promote`, { version: version.version });
        setNotice(`v${version.version} is now the champion.`);
        reload();
      },
    });
  const rollback = (champion: ModelVersion | undefined) =>
    setConfirming({
      title: `Roll back ${name}?`,
      body: <p>Retires the champion{champion ? <b> v{champion.version}</b> : null} and deploys the previous champion again.</p>,
      confirmLabel: 'Roll back',
      danger: true,
      onConfirm: async () => {
        await post(`/api/v1/models/${seg(name)}/rollback`, {});
        setNotice('Rolled back to the previous champion.');
        reload();
      },
    });

  return (
    <Async loaded={loaded}>
      {({ model }) => {
        const versions = [...model.versions].reverse();
        return (
          <section>
            <div class="crumbs">
              <a href={href.models()}>Models</a> / <span>{model.name}</span>
            </div>
            <div class="page-head">
              <div>
                <h1>{model.name}</h1>
                <div class="facts">
                  <span>
                    Champion <b>{model.champion ? `v${model.champion.version}` : 'none'}</b>
                  </span>
                  <span>
                    Registry <b class="mono">{model.registry}</b>
                  </span>
                  <span>
                    Monitors{' '}
                    {model.monitors.map((m) => (
                      <a key={m} class="chip" href={href.monitor(m)}>
                        {m}
                      </a>
                    ))}
                  </span>
                </div>
              </div>
              {admin && model.champion && (
                <div class="head-actions">
                  <button type="button" class="btn btn-danger-outline" onClick={() => rollback(model.champion)}>
                    Roll back
                  </button>
                </div>
              )}
            </div>
            {notice && <div class="notice notice-ok">{notice}</div>}
            <div class="card">
              <h2>Versions</h2>
              <table class="table versions-table">
                <thead>
                  <tr>
                    <th>Version</th>
                    <th>Status</th>
                    <th>Registered</th>
                    <th>Training</th>
                    <th>Why</th>
                    {admin && <th />}
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v.version} data-version={v.version} class={v.status === 'champion' ? 'row-champion' : ''}>
                      <td>
                        <span class="version">v{v.version}</span>
                      </td>
                      <td>
                        <span class={`vstatus vstatus-${v.status}`}>{v.status}</span>
                      </td>
                      <td class="nowrap">{formatTime(v.createdAt)}</td>
                      <td class="small">{trainingSummary(v)}</td>
                      <td class="muted small">{v.statusReason ?? ''}</td>
                      {admin && (
                        <td class="actions">
                          {v.status !== 'champion' && (
                            <button type="button" class="btn btn-small" onClick={() => promote(v, model.champion)}>
                              Promote
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {confirming && <ConfirmDialog confirmation={confirming} onClose={() => setConfirming(undefined)} />}
          </section>
        );
      }}
    </Async>
  );
}

/** What the retraining loop recorded with a version: the rows it trained and was scored on, the gate's figures when present. */
function trainingSummary(version: ModelVersion): string {
  const m = version.metadata as {
    trainRows?: number;
    holdoutRows?: number;
    gate?: { metric?: string; challenger?: number | null; champion?: number | null };
  };
  const parts: string[] = [];
  if (typeof m.trainRows === 'number') parts.push(`${formatInteger(m.trainRows)} rows`);
  if (typeof m.holdoutRows === 'number') parts.push(`holdout ${formatInteger(m.holdoutRows)}`);
  if (m.gate?.metric) parts.push(`${m.gate.metric} ${formatNumber(m.gate.challenger ?? null)} vs ${formatNumber(m.gate.champion ?? null)}`);
  return parts.join(' · ');
}
