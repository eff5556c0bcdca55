import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { dashboardContentSecurityPolicy, formatContentSecurityPolicy } from './dashboardContentSecurityPolicy.js';

/** Options of {@link dashboardPlugin}. */
export interface DashboardPluginOptions {
  /** Folder of the built bundle (`index.html`, `assets/`). Default: this package's `dist/public`. */
  readonly root?: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Where the build puts the bundle: `dist/public` of this package (next to `dist/index.js`; found
 * from `src/` too, when a test runs the sources).
 */
export const dashboardAssetsDir: string =
  [join(here, 'public'), join(here, '..', 'dist', 'public')].find((dir) => existsSync(join(dir, 'index.html'))) ?? join(here, 'public');

const hashedAsset = /\/assets\/[^/]+-[A-Z0-9]{8}\.(?:js|css)(?:\.map)?$/;

/**
 * Serves the dashboard at `/`: `index.html` (never cached: it names the current bundle) and the
 * content-hashed files under `/assets/` (cached for a year, immutable). One route per file, no
 * wildcard, so unknown paths still reach the server's own 404 handler. The page loads scripts and
 * styles from files only (no inline script), so it runs under {@link dashboardContentSecurityPolicy},
 * which this plugin sets on its responses when the server (helmet) has not set a policy.
 *
 * @throws Error at registration when the bundle is missing (the package was not built).
 */
export const dashboardPlugin = fp<DashboardPluginOptions>(
  async (app: FastifyInstance, options: DashboardPluginOptions) => {
    const root = options.root ?? dashboardAssetsDir;
    if (!existsSync(join(root, 'index.html')))
      throw new Error(`the dashboard bundle is missing: no ${join(root, 'index.html')} (run pnpm build)`);
    const policy = formatContentSecurityPolicy(dashboardContentSecurityPolicy);
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      decorateReply: false,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', hashedAsset.test(path.replaceAll('\\', '/')) ? 'public, max-age=31536000, immutable' : 'no-cache');
        if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', policy);
        reply.header('x-content-type-options', 'nosniff');
      },
    });
  },
  { name: '@driftwatch/dashboard', fastify: '5.x' },
);
