import type { ComponentChildren } from 'preact';
import { href, type Route } from '../router.js';
import type { Session } from '../types.js';

/** Header with the navigation and the signed-in token, then the page. */
export function Layout({
  session,
  route,
  onSignOut,
  children,
}: {
  session: Session;
  route: Route;
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  const section = route.page === 'monitor' || route.page === 'run' ? 'overview' : route.page === 'model' ? 'models' : route.page;
  const link = (to: string, name: string, label: string) => (
    <a href={to} class={section === name ? 'nav-link active' : 'nav-link'} aria-current={section === name ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href={href.overview()}>
          <Logo />
          <span>Driftwatch</span>
        </a>
        <nav class="nav">
          {link(href.overview(), 'overview', 'Monitors')}
          {link(href.retraining(), 'retraining', 'Retraining')}
          {link(href.models(), 'models', 'Models')}
        </nav>
        <div class="who">
          <span class="who-name" title={`scopes: ${session.scopes.join(', ')}`}>
            {session.name}
            {session.scopes.includes('admin') && <span class="tag">admin</span>}
          </span>
          <button type="button" class="btn btn-ghost" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main class="content">{children}</main>
    </div>
  );
}

/** The mark: a line drifting out of its band. */
export function Logo() {
  return (
    <svg class="logo" width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="1" y="1" width="22" height="22" rx="6" fill="#3b5bdb" />
      <path d="M5 15 L9 13 L12 14 L15 10 L19 6" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
      <path d="M5 17 H19" stroke="#a5b4fc" stroke-width="1.4" stroke-dasharray="2 2" />
    </svg>
  );
}
