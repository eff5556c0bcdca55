import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError } from '../http/ProblemError.js';
import { sendProblem, toProblem } from '../http/sendProblem.js';

/** Every error, unknown route and wrong method answers RFC 9457 problem+json. */
export const problemPlugin = fp(
  async (app: FastifyInstance, options: { readonly knownPaths: () => ReadonlySet<string> }) => {
    app.setErrorHandler((error, request, reply) => {
      const problem = toProblem(error);
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(request, reply, problem);
    });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const known = [...options.knownPaths()].some((pattern) => matches(pattern, path));
      const problem = known
        ? new ProblemError(405, 'method-not-allowed', `${request.method} is not allowed on ${path}`)
        : new ProblemError(404, 'not-found', `no route ${request.method} ${path}`);
      return sendProblem(request, reply, problem);
    });
  },
  { name: 'driftwatch-problems' },
);

/** Whether a fastify path pattern (`/api/v1/runs/:id`) matches a path. */
function matches(pattern: string, path: string): boolean {
  const a = pattern.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((part, i) => part.startsWith(':') || part === b[i]);
}
