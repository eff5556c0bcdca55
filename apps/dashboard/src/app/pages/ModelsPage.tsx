import { get } from '../api.js';
import { Async, useLoad } from '../components/Async.js';
import { formatTime } from '../format.js';
import { href } from '../router.js';
import type { ModelSummary } from '../types.js';

/** The models the config's monitors retrain: registry, champion, versions. */
export function ModelsPage() {
  const [loaded] = useLoad(() => get<{ models: ModelSummary[] }>('/api/v1/models'), []);
  return (
    <section>
      <div class="page-head">
        <div>
          <h1>Models</h1>
          <p class="muted">Models named by the monitors' retraining registries.</p>
        </div>
      </div>
      <Async loaded={loaded}>
        {({ models }) =>
          models.length === 0 ? (
            <div class="card empty">No model: no monitor of the config has a retraining block with a registry.</div>
          ) : (
            <div class="card">
              <table class="table models-table">
                <thead>
                  <tr>
                    <th>Model</th>
                    <th>Champion</th>
                    <th class="num">Versions</th>
                    <th>Registry</th>
                    <th>Monitors</th>
                  </tr>
                </thead>
                <tbody>
                  {models.map((m) => (
                    <tr key={m.name} data-model={m.name}>
                      <td>
                        <a class="strong" href={href.model(m.name)}>
                          {m.name}
                        </a>
                      </td>
                      <td>
                        {m.champion ? (
                          <span>
                            <span class="version">v{m.champion.version}</span>{' '}
                            <span class="muted small">since {formatTime(m.champion.statusChangedAt ?? m.champion.createdAt)}</span>
                          </span>
                        ) : (
                          <span class="muted">none</span>
                        )}
                      </td>
                      <td class="num">{m.versions}</td>
                      <td class="mono small">{m.registry}</td>
                      <td>
                        {m.monitors.map((name) => (
                          <a key={name} class="chip" href={href.monitor(name)}>
                            {name}
                          </a>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </section>
  );
}
