import { errorFamily, isDriftwatchError } from '@driftwatch/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, problemTitles, problemType } from './ProblemError.js';
import { RequestValidationError } from './RequestValidationError.js';

const slugOfStatus: Readonly<Record<number, string>> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  503: 'not-ready',
};

/** Any error a request ended with, as a problem (unexpected ones as a bare 500: their message goes only to the log). */
export function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof RequestValidationError)
    return new ProblemError(400, 'validation', `invalid ${error.part}: ${error.message.slice(error.part.length + 2)}`, {
      errors: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  if (isDriftwatchError(error)) {
    const family = errorFamily(error.code);
    if (family === 'state') return new ProblemError(409, 'conflict', error.message, { code: error.code });
    if (family === 'provider') return new ProblemError(502, 'bad-gateway', error.message, { code: error.code });
    return new ProblemError(400, 'validation', error.message, { code: error.code });
  }
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const slug = slugOfStatus[status] ?? 'validation';
    return new ProblemError(status, slug, (error as Error).message);
  }
  return new ProblemError(500, 'internal', 'an unexpected error happened (see the server log)');
}

/** Writes `problem` as `application/problem+json` (RFC 9457). */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemError): FastifyReply {
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({
      type: problemType(problem.slug),
      title: problemTitles[problem.slug] ?? 'Error',
      status: problem.status,
      detail: problem.detail,
      instance: request.url.split('?')[0],
      ...problem.extensions,
    });
}
