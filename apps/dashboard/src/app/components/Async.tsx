import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.js';

/** The state of a load: pending, its value, or its error. */
export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly value: T }
  | { readonly state: 'error'; readonly error: Error };

/** Loads `load()` when a dependency changes (and when `reload()` is called); the last answer wins. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ state: 'ok', value }),
      (error: Error) => live && setState({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [state, reload];
}

/** Calls `reload` every `ms` while the page is visible (the overview stays current, as a Grafana board does). */
export function useAutoRefresh(reload: () => void, ms: number): void {
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, ms);
    return () => clearInterval(timer);
  }, [reload, ms]);
}

/** Renders the value, a skeleton while loading, or the error. */
export function Async<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ComponentChildren }) {
  if (loaded.state === 'loading')
    return (
      <div class="loading" aria-busy="true">
        Loading…
      </div>
    );
  if (loaded.state === 'error') return <ErrorBox error={loaded.error} />;
  return <>{children(loaded.value)}</>;
}

/** An error answer, with the problem's title and detail. */
export function ErrorBox({ error }: { error: Error }) {
  const title = error instanceof ApiError ? `${error.title}${error.status ? ` (${error.status})` : ''}` : 'Error';
  return (
    <div class="error-box" role="alert">
      <strong>{title}</strong>
      <span>{error.message !== title ? error.message : ''}</span>
    </div>
  );
}
