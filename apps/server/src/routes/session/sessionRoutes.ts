import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from '../../http/ZodTypeProvider.js';
import { sessionCookie, unauthenticated } from '../../plugins/authPlugin.js';

const sessionSchema = z.object({
  name: z.string().describe('the token name'),
  scopes: z.array(z.enum(['read', 'ingest', 'admin'])),
  csrfToken: z.string().nullable().describe('send as x-csrf-token on cookie-authenticated changes; null for Bearer'),
});

/** The dashboard's sign-in: a token buys an httpOnly, SameSite=Strict session cookie and a CSRF token. */
export async function sessionRoutes(fastify: FastifyInstance, options: { readonly signInPerMinute: number }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/v1/session',
    {
      config: { rateLimit: { max: options.signInPerMinute, timeWindow: 60_000 } },
      schema: {
        summary: 'Sign in with an API token',
        tags: ['session'],
        body: z.object({ token: z.string().min(1).max(512) }),
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const record = await app.verifyToken(request.body.token);
      const session = app.dw.sessions.create(record);
      reply.setCookie(sessionCookie, session.id, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: request.protocol === 'https',
        maxAge: Math.floor(app.dw.sessions.ttlMs / 1000),
      });
      return { name: session.name, scopes: [...session.scopes], csrfToken: session.csrfToken };
    },
  );
  app.get(
    '/api/v1/session',
    { config: { scope: 'authenticated' }, schema: { summary: 'Who is signed in', tags: ['session'], response: { 200: sessionSchema } } },
    async (request) => {
      const p = request.principal;
      if (!p) throw unauthenticated('not signed in');
      return { name: p.name, scopes: [...p.scopes], csrfToken: p.csrfToken ?? null };
    },
  );
  app.delete(
    '/api/v1/session',
    { config: { scope: 'authenticated' }, schema: { summary: 'Sign out', tags: ['session'], response: { 204: z.null() } } },
    async (request, reply) => {
      const id = request.cookies[sessionCookie];
      if (id) app.dw.sessions.delete(id);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send();
    },
  );
}
