import { useEffect, useState } from 'preact/hooks';
import { ApiError, request, setCsrfToken, whenUnauthenticated } from './api.js';
import { ErrorBox } from './components/Async.js';
import { Layout } from './components/Layout.js';
import { ModelPage } from './pages/ModelPage.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { MonitorPage } from './pages/MonitorPage.js';
import { OverviewPage } from './pages/OverviewPage.js';
import { RetrainingPage } from './pages/RetrainingPage.js';
import { RunPage } from './pages/RunPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { href, type Route, useRoute } from './router.js';
import type { Session } from './types.js';

type SessionState =
  | { readonly state: 'checking' }
  | { readonly state: 'signed-out'; readonly reason?: string }
  | { readonly state: 'signed-in'; readonly session: Session };

/** The dashboard: sign-in until a session exists, then the page the hash names. */
export function App() {
  const [session, setSession] = useState<SessionState>({ state: 'checking' });
  const route = useRoute();

  useEffect(() => {
    whenUnauthenticated(() => {
      setCsrfToken(null);
      setSession({ state: 'signed-out', reason: 'Your session ended. Sign in again.' });
    });
    request<Session>('GET', '/api/v1/session', undefined, { quiet401: true }).then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setSession({ state: 'signed-in', session: s });
      },
      (error: unknown) =>
        setSession({
          state: 'signed-out',
          ...(!(error instanceof ApiError && error.status === 401) && { reason: (error as Error).message }),
        }),
    );
  }, []);

  if (session.state === 'checking') return <div class="boot">Loading…</div>;
  if (session.state === 'signed-out')
    return (
      <SignInPage
        reason={session.reason}
        onSignedIn={(s) => {
          setCsrfToken(s.csrfToken);
          setSession({ state: 'signed-in', session: s });
        }}
      />
    );
  const signOut = async () => {
    await request('DELETE', '/api/v1/session').catch(() => undefined);
    setCsrfToken(null);
    setSession({ state: 'signed-out' });
    location.hash = href.overview();
  };
  return (
    <Layout session={session.session} route={route} onSignOut={signOut}>
      <Page route={route} session={session.session} />
    </Layout>
  );
}

function Page({ route, session }: { route: Route; session: Session }) {
  const admin = session.scopes.includes('admin');
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'monitor':
      return <MonitorPage name={route.monitor} admin={admin} />;
    case 'run':
      return <RunPage id={route.id} />;
    case 'retraining':
      return <RetrainingPage />;
    case 'models':
      return <ModelsPage />;
    case 'model':
      return <ModelPage name={route.model} admin={admin} />;
    default:
      return <ErrorBox error={new ApiError(404, 'Not found', `no page at ${route.path}`)} />;
  }
}
