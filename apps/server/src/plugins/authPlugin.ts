import type { TokenRecord } from '@driftwatch/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { grants, type Principal } from '../auth/Principal.js';
import { safeEqual } from '../auth/safeEqual.js';
import { tokenHash } from '../auth/tokenHash.js';
import { ProblemError } from '../http/ProblemError.js';

/** The dashboard's session cookie. */
export const sessionCookie = 'dw_session';
const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const touchEveryMs = 60_000;

/** 401 with the challenge RFC 6750 asks for. */
export const unauthenticated = (detail: string) =>
  new ProblemError(401, 'unauthenticated', detail, {}, { 'www-authenticate': 'Bearer realm="driftwatch"' });

/**
 * Authentication as an `onRequest` hook reading the scope the route declares (`config.scope`):
 * a Bearer token (SHA-256 looked up in the token store, compared in constant time, revoked → 401)
 * or the dashboard's session cookie (CSRF header required on state-changing requests); then the
 * scope (admin grants all) → 403.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    const lastTouch = new Map<string, number>();
    const verifyToken = async (token: string): Promise<TokenRecord> => {
      const hash = tokenHash(token);
      const record = await app.dw.store.tokens().findByHash(hash);
      if (record === undefined || !safeEqual(record.hash, hash)) throw unauthenticated('unknown token');
      if (record.revokedAt !== undefined) throw unauthenticated('the token was revoked');
      const now = app.dw.now();
      if ((lastTouch.get(record.id) ?? 0) + touchEveryMs <= now) {
        lastTouch.set(record.id, now);
        app.dw.store
          .tokens()
          .touch(record.id, new Date(now).toISOString())
          .catch((error: Error) => app.log.warn(`could not record the use of token ${record.name}: ${error.message}`));
      }
      return record;
    };
    app.decorate('verifyToken', verifyToken);

    app.addHook('onRequest', async (request: FastifyRequest) => {
      const scope = request.routeOptions.config.scope;
      if (scope === undefined) return;
      const principal = await authenticate(request);
      if (principal === undefined) throw unauthenticated('send Authorization: Bearer <token> (driftwatch tokens create), or sign in');
      request.principal = principal;
      if (principal.via === 'session' && stateChanging.has(request.method)) {
        const header = request.headers['x-csrf-token'];
        if (typeof header !== 'string' || !safeEqual(header, principal.csrfToken ?? ''))
          throw new ProblemError(
            403,
            'forbidden',
            'a cookie-authenticated change needs the header x-csrf-token (from the sign-in response)',
          );
      }
      if (scope !== 'authenticated' && !grants(principal.scopes, scope))
        throw new ProblemError(
          403,
          'forbidden',
          `the token "${principal.name}" lacks the scope "${scope}" (it has: ${principal.scopes.join(', ')})`,
        );
    });

    async function authenticate(request: FastifyRequest): Promise<Principal | undefined> {
      const header = request.headers.authorization;
      if (header !== undefined) {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
        if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
        const record = await verifyToken(match[1] as string);
        return { tokenId: record.id, name: record.name, scopes: record.scopes, via: 'bearer' };
      }
      const id = request.cookies[sessionCookie];
      if (id === undefined || id === '') return undefined;
      const session = app.dw.sessions.get(id);
      if (session === undefined) throw unauthenticated('the session expired or was signed out: sign in again');
      const record = await app.dw.store.tokens().findByHash(session.tokenHash);
      if (record === undefined || record.revokedAt !== undefined) {
        app.dw.sessions.delete(id);
        throw unauthenticated('the token of this session was revoked');
      }
      return { tokenId: session.tokenId, name: session.name, scopes: session.scopes, via: 'session', csrfToken: session.csrfToken };
    }
  },
  { name: 'driftwatch-auth', dependencies: ['@fastify/cookie'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** Checks a token against the store: its record, or a 401 problem. */
    verifyToken(token: string): Promise<TokenRecord>;
  }
}
