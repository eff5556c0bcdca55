import { useEffect, useState } from 'preact/hooks';

/** A page of the dashboard and its parameters, read from the location hash. */
export type Route =
  | { readonly page: 'overview' }
  | { readonly page: 'monitor'; readonly monitor: string }
  | { readonly page: 'run'; readonly id: string }
  | { readonly page: 'retraining' }
  | { readonly page: 'models' }
  | { readonly page: 'model'; readonly model: string }
  | { readonly page: 'not-found'; readonly path: string };

/** `#/monitors/credit` → `{ page: 'monitor', monitor: 'credit' }`. Hash routing: the server serves one page. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (parts.length === 0) return { page: 'overview' };
  if (first === 'monitors' && second !== undefined && parts.length === 2) return { page: 'monitor', monitor: second };
  if (first === 'runs' && second !== undefined && parts.length === 2) return { page: 'run', id: second };
  if (first === 'retraining' && parts.length === 1) return { page: 'retraining' };
  if (first === 'models' && parts.length === 1) return { page: 'models' };
  if (first === 'models' && second !== undefined && parts.length === 2) return { page: 'model', model: second };
  return { page: 'not-found', path };
}

/** The link to a route. */
export const href = {
  overview: () => '#/',
  monitor: (name: string) => `#/monitors/${encodeURIComponent(name)}`,
  run: (id: string) => `#/runs/${encodeURIComponent(id)}`,
  retraining: () => '#/retraining',
  models: () => '#/models',
  model: (name: string) => `#/models/${encodeURIComponent(name)}`,
};

/** The current route, updated on `hashchange`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
