import type { TokenScope } from '@driftwatch/core';

/** Who made a request: the token (directly, or through a session signed in with it). */
export interface Principal {
  readonly tokenId: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  /** `session` when the dashboard's cookie authenticated the request (CSRF applies). */
  readonly via: 'bearer' | 'session';
  /** The session's CSRF token (cookie-authenticated requests only). */
  readonly csrfToken?: string;
}

/** Whether `scopes` grant `scope` (admin grants every scope). */
export function grants(scopes: readonly TokenScope[], scope: TokenScope): boolean {
  return scopes.includes('admin') || scopes.includes(scope);
}
