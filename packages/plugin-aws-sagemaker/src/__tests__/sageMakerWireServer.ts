import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One SageMaker request as the server saw it. */
export interface SageMakerCall {
  /** The operation, from `X-Amz-Target: SageMaker.<Op>`. */
  readonly operation: string;
  /** The JSON body. */
  readonly input: Record<string, any>;
}

/** An answer: a JSON body (HTTP 200 unless `status`), or an error with SageMaker's `__type` code. */
export type SageMakerReply =
  | { readonly body: unknown; readonly status?: number }
  | { readonly error: string; readonly message: string; readonly status?: number };

/** A local server speaking SageMaker's AWS JSON 1.1 protocol. */
export interface SageMakerWireServer {
  readonly endpoint: string;
  /** Every call in order, answered here or forwarded. */
  readonly calls: SageMakerCall[];
  /** The operations called, in order. */
  operations(): string[];
  close(): Promise<void>;
}

/**
 * Starts a server that answers SageMaker requests (`application/x-amz-json-1.1`,
 * `X-Amz-Target: SageMaker.<Op>`) with `handle(call)`; when that returns
 * undefined, the request is forwarded as is to `forwardTo` (moto) and moto's
 * answer relayed. Used for what moto 5.2 lacks: UpdateEndpoint and
 * StopTrainingJob (HTTP 500 there), jobs that end Failed or Stopped, endpoint
 * updates that AWS rolls back.
 */
export async function startSageMakerWireServer(
  forwardTo: string | undefined,
  handle: (call: SageMakerCall) => SageMakerReply | undefined,
): Promise<SageMakerWireServer> {
  const calls: SageMakerCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').replace(/^SageMaker\./, '');
      const call: SageMakerCall = { operation, input: body.length > 0 ? JSON.parse(body.toString('utf8')) : {} };
      calls.push(call);
      const reply = handle(call);
      if (reply !== undefined) {
        const error = 'error' in reply;
        res.writeHead(reply.status ?? (error ? 400 : 200), {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': `req-${calls.length}`,
        });
        res.end(JSON.stringify(error ? { __type: reply.error, Message: reply.message } : reply.body));
        return;
      }
      if (forwardTo === undefined) {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'InternalFailure', Message: `no handler for ${operation}` }));
        return;
      }
      forward(forwardTo, req, body).then(
        async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/x-amz-json-1.1' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        },
        (error: unknown) => {
          res.writeHead(502);
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    operations: () => calls.map((c) => c.operation),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function forward(target: string, req: IncomingMessage, body: Buffer): Promise<Response> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'host' || name === 'content-length' || name === 'connection') continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return fetch(`${target}${req.url ?? '/'}`, { method: req.method, headers, body });
}
