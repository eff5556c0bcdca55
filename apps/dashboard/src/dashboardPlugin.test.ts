import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardContentSecurityPolicy, formatContentSecurityPolicy } from './dashboardContentSecurityPolicy.js';
import { dashboardAssetsDir, dashboardPlugin } from './dashboardPlugin.js';

// The plugin serves the built bundle: `pnpm test` builds first (the bundle is made by esbuild, not
// by vitest). Run from the sources, the default root still finds dist/public.
const built = dashboardAssetsDir;

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('dashboardPlugin', () => {
  it('serves index.html at / with a strict CSP, and the hashed bundle it names, cached immutably', async () => {
    app = Fastify();
    await app.register(dashboardPlugin);
    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toBe(formatContentSecurityPolicy(dashboardContentSecurityPolicy));
    expect(index.headers['content-security-policy']).toContain("script-src 'self';");
    // No inline script or style: every <script> has a src, and there is no <style> element.
    const scripts = [...index.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(1);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/assets\/app-[A-Z0-9]{8}\.js"/);
      expect(body).toBe('');
    }
    expect(index.body).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);

    const js = /src="(\/assets\/app-[A-Z0-9]{8}\.js)"/.exec(index.body)?.[1] as string;
    const css = /href="(\/assets\/app-[A-Z0-9]{8}\.css)"/.exec(index.body)?.[1] as string;
    const script = await app.inject({ method: 'GET', url: js });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body).toBe(readFileSync(join(built, js), 'utf8'));
    // Bundled, not fetched from a CDN: no absolute URL to load code from.
    expect(script.body).not.toMatch(/import\s*\(?["']https?:/);
    const style = await app.inject({ method: 'GET', url: css });
    expect(style.statusCode).toBe(200);
    expect(style.headers['content-type']).toMatch(/^text\/css/);
    expect(style.body).toContain('.u-legend'); // uPlot's stylesheet is in the bundle
  });

  it('keeps a CSP the server set (helmet), leaves unknown paths to the server, and registers no wildcard', async () => {
    const server = Fastify();
    app = server;
    server.addHook('onRequest', async (_req, reply) => {
      reply.header('content-security-policy', "default-src 'self'");
    });
    server.setNotFoundHandler((_req, reply) => reply.code(404).type('application/problem+json').send({ title: 'Not Found', status: 404 }));
    await app.register(dashboardPlugin, { root: built });
    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.headers['content-security-policy']).toBe("default-src 'self'");
    const missing = await app.inject({ method: 'GET', url: '/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const asset = await app.inject({ method: 'GET', url: '/assets/app-ZZZZZZZZ.js' });
    expect(asset.statusCode).toBe(404);
    expect(app.printRoutes()).not.toContain('*');
    expect(built.replaceAll('\\', '/')).toMatch(/apps\/dashboard\/dist\/public$/);
    expect(readdirSync(join(built, 'assets')).some((f) => f.endsWith('.js'))).toBe(true);
  });

  it('refuses to register without a built bundle, naming the missing file', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dw-dash-'));
    writeFileSync(join(empty, 'other.txt'), 'x');
    app = Fastify();
    await expect(app.register(dashboardPlugin, { root: empty }).ready()).rejects.toThrow(
      `the dashboard bundle is missing: no ${join(empty, 'index.html')} (run pnpm build)`,
    );
  });
});

describe('formatContentSecurityPolicy', () => {
  it('turns helmet-style directives into the header value', () => {
    expect(formatContentSecurityPolicy({ defaultSrc: ["'self'"], frameAncestors: ["'none'"], imgSrc: ["'self'", 'data:'] })).toBe(
      "default-src 'self'; frame-ancestors 'none'; img-src 'self' data:",
    );
  });
});
