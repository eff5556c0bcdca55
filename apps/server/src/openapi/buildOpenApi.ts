import type { TokenScope } from '@driftwatch/core';
import { z } from 'zod';

/** What a route declares for the OpenAPI document. */
export interface DocumentedRoute {
  readonly method: string;
  /** Fastify pattern, e.g. `/api/v1/runs/:id`. */
  readonly url: string;
  readonly scope?: TokenScope | 'authenticated';
  readonly schema: {
    readonly summary?: string;
    readonly description?: string;
    readonly tags?: readonly string[];
    readonly querystring?: z.ZodType;
    readonly params?: z.ZodType;
    readonly body?: z.ZodType;
    /** Content types of the body; default JSON. */
    readonly consumes?: readonly string[];
    readonly response?: Readonly<Record<number, z.ZodType>>;
    /** Response content type when not JSON (e.g. the Prometheus text). */
    readonly produces?: string;
  };
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
};

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object' } },
  },
};

const reasons: Readonly<Record<number, string>> = {
  200: 'OK',
  202: 'Accepted',
  204: 'No content',
  400: 'Invalid request',
  401: 'No or bad credentials',
  403: 'Missing scope or CSRF token',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests (see Retry-After)',
  503: 'Not ready',
};

/** The OpenAPI 3.1 document of the routes, their zod schemas turned into JSON Schema 2020-12 (OpenAPI 3.1's dialect). */
export function buildOpenApi(routes: readonly DocumentedRoute[], info: { readonly version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const { schema } = route;
    const parameters: unknown[] = [];
    for (const [part, where] of [
      ['params', 'path'],
      ['querystring', 'query'],
    ] as const) {
      const zod = schema[part];
      if (!zod) continue;
      const js = jsonSchema(zod, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
      for (const [name, property] of Object.entries(js.properties ?? {})) {
        const { description, ...rest } = property;
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (js.required ?? []).includes(name),
          ...(description !== undefined ? { description } : {}),
          schema: rest,
        });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, zod] of Object.entries(schema.response ?? {})) {
      const content =
        schema.produces !== undefined
          ? { [schema.produces]: { schema: { type: 'string' } } }
          : { 'application/json': { schema: jsonSchema(zod, 'output') } };
      responses[status] = { description: reasons[Number(status)] ?? 'Response', ...(Number(status) === 204 ? {} : { content }) };
    }
    const errors = [400, ...(route.scope ? [401, 403] : []), ...(path.includes('{') ? [404] : [])];
    for (const status of errors)
      responses[String(status)] ??= { description: reasons[status], content: { 'application/problem+json': { schema: problemSchema } } };
    responses.default = { description: 'Error', content: { 'application/problem+json': { schema: problemSchema } } };
    const operation: Record<string, unknown> = {
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      ...(schema.summary !== undefined ? { summary: schema.summary } : {}),
      ...(schema.description !== undefined ? { description: schema.description } : {}),
      ...(schema.tags !== undefined ? { tags: schema.tags } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(schema.body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                (schema.consumes ?? ['application/json']).map((type) => [type, { schema: jsonSchema(schema.body as z.ZodType, 'input') }]),
              ),
            },
          }
        : {}),
      responses,
      security: route.scope ? [{ bearer: [] }, { session: [] }] : [],
      ...(route.scope ? { 'x-scope': route.scope } : {}),
    };
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Driftwatch server API',
      version: info.version,
      description:
        'driftwatch serve: monitors, runs, series, alerts, retraining, models, ingestion. Scopes: read, ingest, admin (admin implies all). Errors are RFC 9457 problem+json.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token from driftwatch tokens create' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'dw_session',
          description: 'The dashboard session (POST /api/v1/session); changes need the x-csrf-token header',
        },
      },
    },
    paths,
  };
}
