import type { RetrainingTransition } from '@driftwatch/core';
import { get } from '../api.js';
import { Async, useLoad } from '../components/Async.js';
import { formatNumber, formatTime, relativeTime } from '../format.js';
import { href } from '../router.js';
import type { RetrainingAttempt } from '../types.js';

const ended: Record<string, 'good' | 'bad' | 'neutral'> = {
  deployed: 'good',
  rejected: 'neutral',
  'deploy-failed': 'bad',
  failed: 'bad',
  rolled_back: 'bad',
};

/** Every retraining attempt, newest first, each as a timeline of its states. */
export function RetrainingPage() {
  const [loaded] = useLoad(() => get<{ attempts: RetrainingAttempt[] }>('/api/v1/retraining/attempts', { limit: 50 }), []);
  return (
    <section>
      <div class="page-head">
        <div>
          <h1>Retraining</h1>
          <p class="muted">
            Attempts of the closed loop: trigger, train, register, evaluate, gate, deploy — every transition with its time.
          </p>
        </div>
      </div>
      <Async loaded={loaded}>
        {({ attempts }) =>
          attempts.length === 0 ? (
            <div class="card empty">
              No retraining attempt yet. Monitors with a <code>retraining:</code> block start one when a trigger fires.
            </div>
          ) : (
            attempts.map((a) => <Attempt key={a.id} attempt={a} />)
          )
        }
      </Async>
    </section>
  );
}

function Attempt({ attempt }: { attempt: RetrainingAttempt }) {
  const transitions: readonly RetrainingTransition[] = attempt.transitions;
  const tone = ended[attempt.state] ?? 'active';
  return (
    <article class="card attempt" data-attempt={attempt.id}>
      <div class="attempt-head">
        <div>
          <h2>
            <a href={href.model(attempt.model)}>{attempt.model}</a> <span class={`state state-${tone}`}>{attempt.state}</span>
          </h2>
          <div class="facts small">
            <span>
              monitor <a href={href.monitor(attempt.monitor)}>{attempt.monitor}</a>
            </span>
            <span title={formatTime(attempt.createdAt)}>started {relativeTime(attempt.createdAt)}</span>
            <span>trigger: {attempt.trigger.kinds.join(', ')}</span>
            {attempt.trigger.runId && <a href={href.run(attempt.trigger.runId)}>triggering run</a>}
          </div>
        </div>
      </div>
      <ol class="timeline">
        {transitions.map((t, i) => {
          const last = i === transitions.length - 1;
          const cls = last ? `tl-step tl-${ended[t.to] ?? 'active'}` : 'tl-step tl-done';
          return (
            <li key={`${t.to}-${t.at}`} class={cls} title={t.reason}>
              <span class="tl-dot" />
              <span class="tl-state">{t.to}</span>
              <span class="tl-time" title={formatTime(t.at)}>
                {t.at.slice(11, 19)}
              </span>
            </li>
          );
        })}
      </ol>
      {attempt.trigger.reasons.length > 0 && (
        <ul class="reasons small">
          {attempt.trigger.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {attempt.gate && (
        <div class={attempt.gate.passed ? 'gate gate-pass' : 'gate gate-fail'}>
          <b>Gate {attempt.gate.passed ? 'passed' : 'failed'}</b> on {attempt.gate.metric}: champion {formatNumber(attempt.gate.champion)},
          challenger {formatNumber(attempt.gate.challenger)}
          {attempt.gate.gain !== null && ` (gain ${formatNumber(attempt.gate.gain)})`}
        </div>
      )}
      {attempt.error && !(attempt.gate && attempt.error.code === 'GATE_REJECTED') && (
        <div class="error-box">
          <strong>{attempt.error.code}</strong> <span>{attempt.error.message}</span>
        </div>
      )}
    </article>
  );
}
