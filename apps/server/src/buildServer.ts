import { ConfigError, type RunStore } from '@driftwatch/core';
import { type DataSourceFactory, type DriftwatchConfig, defaultServerConfig, type RetrainingService } from '@driftwatch/runtime';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync, type FastifyPluginCallback } from 'fastify';
import { SessionStore } from './auth/SessionStore.js';
import { ProblemError } from './http/ProblemError.js';
import { jsonSerializerCompiler, zodValidatorCompiler } from './http/zodCompilers.js';
import { WriteQueue } from './ingest/WriteQueue.js';
import { ServerMetrics } from './metrics/ServerMetrics.js';
import { buildOpenApi, type DocumentedRoute } from './openapi/buildOpenApi.js';
import { authPlugin } from './plugins/authPlugin.js';
import { problemPlugin } from './plugins/problemPlugin.js';
import { alertRoutes } from './routes/alerts/alertRoutes.js';
import { ingestRoutes } from './routes/events/ingestRoutes.js';
import { healthRoutes } from './routes/health/healthRoutes.js';
import { metricsRoutes } from './routes/metrics/metricsRoutes.js';
import { modelRoutes } from './routes/models/modelRoutes.js';
import { monitorRoutes } from './routes/monitors/monitorRoutes.js';
import { attemptRoutes } from './routes/retraining/attemptRoutes.js';
import { runRoutes } from './routes/runs/runRoutes.js';
import { seriesRoutes } from './routes/series/seriesRoutes.js';
import { sessionRoutes } from './routes/session/sessionRoutes.js';
import type { RunTrigger } from './runs/RunTrigger.js';
import { serverVersion } from './serverVersion.js';
import { MonitorSchemas } from './services/MonitorSchemas.js';
import type { ServerServices, ServerStore } from './services/ServerServices.js';

/** What the server is built from: the composed process (config, store, use cases) and its seams. */
export interface ServerOptions {
  /** The validated config (its `server:` section sets the limits). */
  readonly config: DriftwatchConfig;
  /** The run store; it must have the server capabilities (series, alerts, tokens, events). */
  readonly store: RunStore;
  /** Opens the monitors' data sources (the composition root's `dataSourceFactoryToken`), for their schemas. */
  readonly openSource: DataSourceFactory;
  /** The retraining use cases (the container's `retrainingServiceToken`). */
  readonly retraining: RetrainingService;
  /** Manual runs and the monitors' schedule state (the scheduler). */
  readonly runs: RunTrigger;
  /** Epoch ms; default `Date.now`. */
  readonly clock?: { now(): number };
  /** Fastify's logger (pino); default: none. Give one made by `createServerLogger` (it redacts credentials). */
  readonly logger?: FastifyBaseLogger;
  /** The dashboard, registered at `/`. */
  readonly dashboard?: FastifyPluginAsync | FastifyPluginCallback;
  /** The server's metrics; default new ones. */
  readonly metrics?: ServerMetrics;
  /** The configured sinks whose outbox sizes `/metrics` reports (config path and outbox key). */
  readonly sinks?: readonly { readonly path: string; readonly key?: string }[];
}

const capabilities = ['series', 'alerts', 'tokens', 'events'] as const;

/** Checks the store has what the server needs, else a config error naming `store.type`. */
export function serverStore(store: RunStore, storeType: string): ServerStore {
  const missing = capabilities.filter((c) => typeof store[c] !== 'function');
  if (missing.length > 0)
    throw new ConfigError(
      `store.type: the "${storeType}" store cannot serve (it lacks ${missing.join(', ')}): use store: { type: sqlite } (one machine) or { type: postgres, url: … } (several) for driftwatch serve`,
    );
  return store as ServerStore;
}

/**
 * Builds the Fastify app of `driftwatch serve`, not listening: every route with its zod schemas
 * (OpenAPI 3.1 at `/openapi.json`), auth, problem+json errors, security headers, rate limits and
 * `/metrics`. `app.dw.state.ready` is set once every plugin has loaded; the caller listens and shuts down.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { config } = options;
  const server = config.server ?? defaultServerConfig;
  const store = serverStore(options.store, config.store.type);
  const now = options.clock ? () => options.clock!.now() : Date.now;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Ingestion routes raise their own limit; everything else is small JSON.
    bodyLimit: 1024 * 1024,
    // Request ids are the server's own (a client's x-request-id is not trusted into the log).
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
    forceCloseConnections: 'idle',
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(jsonSerializerCompiler);

  const metrics = options.metrics ?? new ServerMetrics();
  const services: ServerServices = {
    config,
    store,
    runs: options.runs,
    retraining: options.retraining,
    schemas: new MonitorSchemas(config, options.openSource),
    sessions: new SessionStore(server.sessionTtl, now),
    metrics,
    queue: new WriteQueue(server.ingest.queueSize),
    now,
    state: { ready: false, stopping: false },
    retrainingModels: new Set(),
  };
  app.decorate('dw', services);

  const documented: DocumentedRoute[] = [];
  const paths = new Set<string>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    paths.add(route.url);
    const schema = route.schema as DocumentedRoute['schema'] | undefined;
    if (!schema || route.url.startsWith('/_')) return;
    const scope = (route.config as { scope?: DocumentedRoute['scope'] } | undefined)?.scope;
    for (const method of methods) if (method !== 'HEAD') documented.push({ method, url: route.url, ...(scope ? { scope } : {}), schema });
  });
  let document: Record<string, unknown> | undefined;
  app.decorate('openApiDocument', () => {
    document ??= buildOpenApi(documented, { version: serverVersion });
    return document;
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  await app.register(problemPlugin, { knownPaths: () => paths });
  // The API and the dashboard are same-origin files and JSON only: no inline script or style, no framing.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  if (server.cors.origins.length > 0) await app.register(cors, { origin: [...server.cors.origins], credentials: true });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ProblemError(
        429,
        'too-many-requests',
        `rate limit: at most ${context.max} requests per ${context.after}; retry after ${Math.ceil(context.ttl / 1000)} s`,
        {},
        { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      ),
  });
  await app.register(authPlugin);

  await app.register(healthRoutes);
  await app.register(sessionRoutes, { signInPerMinute: server.rateLimit.signInPerMinute });
  await app.register(monitorRoutes);
  await app.register(runRoutes);
  await app.register(seriesRoutes);
  await app.register(alertRoutes);
  await app.register(attemptRoutes);
  await app.register(modelRoutes);
  await app.register(ingestRoutes, {
    maxBytes: server.ingest.maxBytes,
    maxEvents: server.ingest.maxEvents,
    ingestPerMinute: server.rateLimit.ingestPerMinute,
  });
  await app.register(metricsRoutes, {
    public: server.metrics.public,
    maxSeries: server.metrics.maxSeries,
    outboxes: (options.sinks ?? []).flatMap((s) => (s.key !== undefined ? [{ sink: s.path, key: s.key }] : [])),
    outboxBounds: { maxPoints: config.providers.outbox.maxPoints, maxAgeMs: config.providers.outbox.maxAge },
  });
  if (options.dashboard) await app.register(options.dashboard);

  await app.ready();
  services.state.ready = true;
  return app;
}
