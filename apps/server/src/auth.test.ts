import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type Fixture, fixture, fixtureServer, tokens } from './__tests__/serverFixture.js';
import { createServerLogger } from './createServerLogger.js';

let f: Fixture;
let app: Awaited<ReturnType<typeof fixtureServer>>['app'];
const logLines: string[] = [];

beforeAll(async () => {
  f = await fixture();
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  ({ app } = await fixtureServer(f, createServerLogger({ level: 'trace', destination: sink })));
});
afterAll(async () => {
  await app?.close();
});

/** Every authenticated route, with the scope it needs. */
const routes: { method: 'GET' | 'POST' | 'DELETE'; url: string; scope: 'read' | 'ingest' | 'admin'; payload?: object }[] = [
  { method: 'GET', url: '/api/v1/monitors', scope: 'read' },
  { method: 'GET', url: '/api/v1/monitors/customers', scope: 'read' },
  { method: 'GET', url: '/api/v1/monitors/customers/runs', scope: 'read' },
  { method: 'GET', url: '/api/v1/runs/nope', scope: 'read' },
  { method: 'GET', url: '/api/v1/series?name=drift.statistic', scope: 'read' },
  { method: 'GET', url: '/api/v1/alerts', scope: 'read' },
  { method: 'GET', url: '/api/v1/retraining/attempts', scope: 'read' },
  { method: 'GET', url: '/api/v1/models', scope: 'read' },
  { method: 'GET', url: '/api/v1/models/churn', scope: 'read' },
  { method: 'GET', url: '/metrics', scope: 'read' },
  { method: 'POST', url: '/api/v1/monitors/customers/events', scope: 'ingest', payload: [] },
  { method: 'POST', url: '/api/v1/monitors/customers/labels', scope: 'ingest', payload: [] },
  { method: 'POST', url: '/api/v1/models/churn/promote', scope: 'admin', payload: { version: 'nope' } },
  { method: 'POST', url: '/api/v1/models/churn/rollback', scope: 'admin', payload: {} },
];
const allowed = { read: ['read', 'admin'], ingest: ['ingest', 'admin'], admin: ['admin'] } as const;

describe('authentication and scopes', () => {
  it.each(routes)('$method $url: 401 without a token, with a challenge, as problem+json', async ({ method, url, payload }) => {
    const r = await app.inject({ method, url, ...(payload !== undefined ? { payload } : {}) });
    expect(r.statusCode).toBe(401);
    expect(r.headers['www-authenticate']).toBe('Bearer realm="driftwatch"');
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({ type: 'https://driftwatch.dev/problems/unauthenticated', status: 401, instance: url.split('?')[0] });
  });

  it.each(routes)(
    '$method $url: 403 for a token without the scope, passes auth with it (scope $scope)',
    async ({ method, url, scope, payload }) => {
      for (const token of ['read', 'ingest', 'admin'] as const) {
        const r = await app.inject({ method, url, headers: bearer(token), ...(payload !== undefined ? { payload } : {}) });
        if ((allowed[scope] as readonly string[]).includes(token))
          expect([200, 202, 404, 400, 409], `${token}: ${r.body}`).toContain(r.statusCode);
        else {
          expect(r.statusCode, `${token}: ${r.body}`).toBe(403);
          expect(r.json().detail).toContain(`lacks the scope "${scope}"`);
        }
      }
    },
  );

  it('401 for an unknown token, a revoked one and a malformed header', async () => {
    const unknown = await app.inject({ url: '/api/v1/monitors', headers: { authorization: 'Bearer dw_not_a_token' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().detail).toBe('unknown token');
    const revoked = await app.inject({ url: '/api/v1/monitors', headers: bearer('revoked') });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().detail).toBe('the token was revoked');
    const basic = await app.inject({ url: '/api/v1/monitors', headers: { authorization: 'Basic eDp5' } });
    expect(basic.statusCode).toBe(401);
  });

  it('health, readiness and the OpenAPI document need no token', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    expect((await app.inject({ url: '/openapi.json' })).statusCode).toBe(200);
  });

  it('sets security headers (helmet) and no CORS headers by default', async () => {
    const r = await app.inject({ url: '/healthz', headers: { origin: 'https://evil.example.com' } });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('session sign-in', () => {
  it('a token buys an httpOnly SameSite=Strict cookie; changes through it need the CSRF header', async () => {
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { token: tokens.admin } });
    expect(signIn.statusCode).toBe(200);
    const body = signIn.json();
    expect(body).toMatchObject({ name: 'admin', scopes: ['admin'] });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/^dw_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain(tokens.admin);
    const cookie = setCookie.split(';')[0] as string;

    const me = await app.inject({ url: '/api/v1/session', headers: { cookie } });
    expect(me.json()).toEqual({ name: 'admin', scopes: ['admin'], csrfToken: body.csrfToken });
    expect((await app.inject({ url: '/api/v1/monitors', headers: { cookie } })).statusCode).toBe(200);

    const noCsrf = await app.inject({ method: 'POST', url: '/api/v1/models/churn/rollback', headers: { cookie }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().detail).toContain('x-csrf-token');
    const wrongCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/models/churn/rollback',
      headers: { cookie, 'x-csrf-token': 'x'.repeat(43) },
      payload: {},
    });
    expect(wrongCsrf.statusCode).toBe(403);
    // With the header the request passes auth (the rollback itself fails: no champion yet).
    const withCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/models/churn/rollback',
      headers: { cookie, 'x-csrf-token': body.csrfToken },
      payload: {},
    });
    expect(withCsrf.statusCode).not.toBe(403);
    expect(withCsrf.statusCode).not.toBe(401);

    const out = await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, 'x-csrf-token': body.csrfToken } });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/monitors', headers: { cookie } })).statusCode).toBe(401);
  });

  it('a bad token does not sign in', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { token: 'dw_wrong' } });
    expect(r.statusCode).toBe(401);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('sign-in is rate-limited per client: 429 with Retry-After', async () => {
    let last = 0;
    let retryAfter: string | undefined;
    for (let i = 0; i < 12 && last !== 429; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { token: 'dw_guess' }, remoteAddress: '10.0.0.9' });
      last = r.statusCode;
      retryAfter = r.headers['retry-after'] as string | undefined;
      if (last === 429) expect(r.json()).toMatchObject({ status: 429, type: 'https://driftwatch.dev/problems/too-many-requests' });
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('never logs a token, session id or CSRF token', async () => {
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { token: tokens.read } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] as string;
    await app.inject({ url: '/api/v1/monitors', headers: { ...bearer('admin'), cookie } });
    await app.inject({ url: '/api/v1/monitors', headers: { authorization: 'Bearer dw_unknown_secret_value' } });
    const log = logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).toContain('/api/v1/monitors');
    for (const secret of [
      tokens.admin,
      tokens.read,
      'dw_unknown_secret_value',
      cookie.split('=')[1] as string,
      signIn.json().csrfToken as string,
    ])
      expect(log).not.toContain(secret);
  });
});

describe('CORS when origins are configured', () => {
  it('answers the listed origin only', async () => {
    const g = await fixture("server: { cors: { origins: ['https://grafana.example.com'] } }\n");
    const { app: open } = await fixtureServer(g);
    try {
      const preflight = await open.inject({
        method: 'OPTIONS',
        url: '/api/v1/monitors',
        headers: {
          origin: 'https://grafana.example.com',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://grafana.example.com');
      const listed = await open.inject({ url: '/api/v1/monitors', headers: { ...bearer('read'), origin: 'https://grafana.example.com' } });
      expect(listed.headers['access-control-allow-origin']).toBe('https://grafana.example.com');
      const other = await open.inject({ url: '/api/v1/monitors', headers: { ...bearer('read'), origin: 'https://evil.example.com' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});
