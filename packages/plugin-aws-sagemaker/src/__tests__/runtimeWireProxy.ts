import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One InvokeEndpoint request as the proxy saw it. */
export interface InvokeCall {
  /** `EndpointName` from the path `/endpoints/<name>/invocations`. */
  readonly endpoint: string;
  readonly contentType: string | undefined;
  readonly accept: string | undefined;
  readonly body: string;
}

/**
 * An answer in SageMaker Runtime's REST-JSON wire format: a body with its content type, or an
 * error (`x-amzn-ErrorType` header and a JSON `message`, as AWS sends ModelError, ValidationError,
 * ThrottlingException…).
 */
export type InvokeReply =
  | { readonly body: string; readonly contentType: string }
  | { readonly error: string; readonly message: string; readonly status: number; readonly fields?: Record<string, unknown> };

/** A local server in front of moto's InvokeEndpoint that records every request and may answer some itself. */
export interface RuntimeWireProxy {
  readonly endpoint: string;
  readonly calls: InvokeCall[];
  close(): Promise<void>;
}

/**
 * Starts the proxy: `handle(call)` answers a request, or undefined forwards it as is to moto
 * (`forwardTo`), whose configured endpoint results then answer it.
 */
export async function startRuntimeWireProxy(
  forwardTo: string,
  handle: (call: InvokeCall, index: number) => InvokeReply | undefined = () => undefined,
): Promise<RuntimeWireProxy> {
  const calls: InvokeCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const match = /^\/endpoints\/([^/]+)\/invocations$/.exec(req.url ?? '');
      const call: InvokeCall = {
        endpoint: decodeURIComponent(match?.[1] ?? ''),
        contentType: req.headers['content-type'],
        accept: req.headers.accept,
        body: body.toString('utf8'),
      };
      calls.push(call);
      const reply = handle(call, calls.length - 1);
      if (reply !== undefined) {
        if ('error' in reply) {
          res.writeHead(reply.status, {
            'content-type': 'application/json',
            'x-amzn-errortype': reply.error,
            'x-amzn-requestid': `r${calls.length}`,
          });
          res.end(JSON.stringify({ message: reply.message, ...reply.fields }));
        } else {
          res.writeHead(200, { 'content-type': reply.contentType, 'x-amzn-requestid': `r${calls.length}` });
          res.end(reply.body);
        }
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || name === 'host' || name === 'content-length' || name === 'connection') continue;
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      fetch(`${forwardTo}${req.url ?? '/'}`, { method: req.method, headers, body }).then(
        async (answer) => {
          const out: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection') out[name] = value;
          });
          res.writeHead(answer.status, out);
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
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
