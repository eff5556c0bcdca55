import type { z } from 'zod';

/** A request part failing its route's zod schema (fastify answers 400 with it). */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_VALIDATION';
  constructor(
    readonly part: string,
    readonly issues: readonly z.core.$ZodIssue[],
  ) {
    super(`${part}: ${issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ')}`);
    this.name = 'RequestValidationError';
  }
}
