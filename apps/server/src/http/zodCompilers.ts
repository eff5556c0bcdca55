import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import type { z } from 'zod';
import { RequestValidationError } from './RequestValidationError.js';

// Schemas that only document a body (the ingestion routes validate theirs record by record).
const documentationOnly = new WeakSet<object>();

/** Marks `schema` as documentation: it goes into /openapi.json but fastify does not validate with it. */
export function documentOnly<T extends z.ZodType>(schema: T): T {
  documentationOnly.add(schema);
  return schema;
}

/** Validates a request part with the route's zod schema; the parsed value (defaults, coercions) replaces it. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data: unknown) => {
    if (documentationOnly.has(schema)) return { value: data };
    const parsed = schema.safeParse(data);
    return parsed.success ? { value: parsed.data } : { error: new RequestValidationError(httpPart ?? 'request', parsed.error.issues) };
  };

/** Responses are plain JSON: the schemas document them (tests check handlers against them). */
export const jsonSerializerCompiler: FastifySerializerCompiler<z.ZodType> = () => (data) => JSON.stringify(data);
