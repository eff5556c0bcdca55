import { useState } from 'preact/hooks';
import { ApiError, request } from '../api.js';
import { Logo } from '../components/Layout.js';
import type { Session } from '../types.js';

/** Sign in with an API token (`driftwatch tokens create`); the server answers with a session cookie. */
export function SignInPage({ reason, onSignedIn }: { reason?: string; onSignedIn: (session: Session) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await request<Session>('POST', '/api/v1/session', { token: token.trim() }, { quiet401: true });
      onSignedIn(session);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'That token is unknown or revoked.' : (e as Error).message);
      setBusy(false);
    }
  };
  return (
    <div class="signin">
      <form class="signin-card" onSubmit={submit}>
        <div class="signin-brand">
          <Logo />
          <span>Driftwatch</span>
        </div>
        <h1>Sign in</h1>
        <p class="muted">
          Paste an API token. Create one with <code>driftwatch tokens create --name me --scopes read</code> (add <code>admin</code> to
          promote and roll back models).
        </p>
        {reason && <div class="notice">{reason}</div>}
        <label for="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
          required
        />
        {error && (
          <div class="error-box" role="alert">
            {error}
          </div>
        )}
        <button type="submit" class="btn btn-primary btn-block" disabled={busy || token.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
