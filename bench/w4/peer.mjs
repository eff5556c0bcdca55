#!/usr/bin/env node
// W4's peer: a bare Fastify 5 server that parses a JSON batch and answers 202, with no auth,
// validation or storage: what HTTP + JSON parsing alone cost on this machine, so W4 prints the
// ingestion route's throughput as a share of it. Listens on 127.0.0.1:PORT (argv[2]).
import { createRequire } from 'node:module';

// The server's own Fastify (the bench folder has no dependencies of its own).
const require = createRequire(new URL('../../apps/server/package.json', import.meta.url));
const { default: Fastify } = await import(require.resolve('fastify'));

const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
app.post('/api/v1/monitors/:monitor/events', async (request, reply) => {
  const batch = request.body;
  return reply.code(202).send({ stored: Array.isArray(batch) ? batch.length : 0, duplicate: false });
});
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2]) });
process.stderr.write('peer: listening\n');
