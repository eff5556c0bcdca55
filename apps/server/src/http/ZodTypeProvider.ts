import type { FastifyTypeProvider } from 'fastify';
import type { z } from 'zod';

/**
 * Types a route's request from the zod schemas it declares (`querystring`, `params`, `body`).
 * Responses stay `unknown` to the compiler: handlers return domain records whose loose shapes
 * the response schemas only document; the API tests parse every response with its schema.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: unknown;
}
