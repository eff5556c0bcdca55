import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One request as the server saw it. */
export interface WireRequest {
  /** The operation, from `X-Amz-Target` (JSON) or `Action` (query). */
  readonly operation: string;
  /** `json` for AWS JSON 1.0 (`application/x-amz-json-1.0`), `query` for the AWS query protocol. */
  readonly protocol: 'json' | 'query';
  readonly headers: IncomingMessage['headers'];
  /** The decoded body (gunzipped when sent with Content-Encoding: gzip). */
  readonly body: string;
}

/** What to answer: success (with the JSON protocol's output document, default `{}`), or an error with CloudWatch's code and HTTP status. */
export type WireReply =
  | { readonly ok: true; readonly body?: unknown }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

/** A local HTTP server speaking CloudWatch's wire protocol, answering by a script. */
export interface CloudWatchWireServer {
  readonly endpoint: string;
  readonly requests: WireRequest[];
  close(): Promise<void>;
}

/** Query-protocol error codes → the JSON protocol's `__type` shape names. */
const shapeNames: Record<string, string> = {
  Throttling: 'com.amazon.coral.availability#ThrottlingException',
  InvalidParameterValue: 'com.amazonaws.cloudwatch#InvalidParameterValueException',
  InternalServiceError: 'com.amazonaws.cloudwatch#InternalServiceFault',
};

/**
 * Starts a server that answers each CloudWatch request with `reply(request,
 * index)`. It speaks the protocol the request uses: for AWS JSON 1.0 with
 * query compatibility (what @aws-sdk/client-cloudwatch 3.1162 sends) an error
 * is `{"__type": …, "message": …}` with the `x-amzn-query-error: Code;Sender`
 * header the SDK reads the query-era code from; for the query protocol it is
 * the `<ErrorResponse>` XML document.
 */
export async function startCloudWatchWireServer(reply: (request: WireRequest, index: number) => WireReply): Promise<CloudWatchWireServer> {
  const requests: WireRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let raw = Buffer.concat(chunks);
      if (req.headers['content-encoding']?.includes('gzip')) raw = gunzipSync(raw);
      const body = raw.toString('utf8');
      const protocol = String(req.headers['content-type']).startsWith('application/x-amz-json') ? 'json' : 'query';
      const operation =
        protocol === 'json'
          ? String(req.headers['x-amz-target']).split('.').pop()!
          : (new URLSearchParams(body).get('Action') ?? 'unknown');
      const request: WireRequest = { operation, protocol, headers: req.headers, body };
      requests.push(request);
      const answer = reply(request, requests.length - 1);
      const requestId = `req-${requests.length}`;
      if (protocol === 'json') {
        if (answer.ok) {
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId });
          res.end(JSON.stringify(answer.body ?? {}));
        } else {
          res.writeHead(answer.status, {
            'content-type': 'application/x-amz-json-1.0',
            'x-amzn-requestid': requestId,
            'x-amzn-query-error': `${answer.code};${answer.status >= 500 ? 'Receiver' : 'Sender'}`,
          });
          res.end(JSON.stringify({ __type: shapeNames[answer.code] ?? answer.code, message: answer.message }));
        }
        return;
      }
      res.writeHead(answer.ok ? 200 : answer.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
      res.end(
        answer.ok
          ? `<${operation}Response xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
          : `<ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><Error><Type>${answer.status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${answer.code}</Code><Message>${answer.message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
