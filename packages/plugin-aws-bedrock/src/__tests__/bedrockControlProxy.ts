import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local server in front of moto's Bedrock control plane. */
export interface BedrockControlProxy {
  /** `http://127.0.0.1:<port>`, for a client's `endpoint`. */
  readonly endpoint: string;
  /** `METHOD path` of every request, in order. */
  readonly requests: string[];
  /**
   * Makes GetModelCustomizationJob of `jobName` answer with these fields
   * over moto's (what Bedrock reports once a job has run: moto's jobs stay
   * InProgress until stopped).
   */
  override(jobName: string, fields: Record<string, unknown>): void;
  close(): Promise<void>;
}

const motoTime = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/**
 * Starts the proxy. It forwards every request to moto and fixes its answers
 * to Bedrock's wire format where moto 5.2 strays: the job timestamps moto
 * writes as `YYYY-MM-DD HH:MM:SS` become RFC 3339 (the real service's
 * format; the SDK rejects the other). Job fields set with
 * {@link BedrockControlProxy.override} replace moto's.
 */
export async function startBedrockControlProxy(forwardTo: string): Promise<BedrockControlProxy> {
  const requests: string[] = [];
  const overrides = new Map<string, Record<string, unknown>>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push(`${req.method} ${req.url}`);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || name === 'host' || name === 'content-length' || name === 'connection') continue;
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const job = req.method === 'GET' ? /^\/model-customization-jobs\/([^/?]+)$/.exec(req.url ?? '')?.[1] : undefined;
      fetch(`${forwardTo}${req.url ?? '/'}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body }).then(
        async (answer) => {
          let text = Buffer.from(await answer.arrayBuffer());
          if (job !== undefined && answer.status === 200) {
            const value = JSON.parse(text.toString('utf8')) as Record<string, unknown>;
            for (const field of ['creationTime', 'lastModifiedTime', 'endTime']) {
              const m = typeof value[field] === 'string' ? motoTime.exec(value[field]) : null;
              if (m) value[field] = `${m[1]}T${m[2]}Z`;
            }
            Object.assign(value, overrides.get(decodeURIComponent(job)));
            text = Buffer.from(JSON.stringify(value));
          }
          const out: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection') out[name] = value;
          });
          if (job !== undefined) out['content-type'] = 'application/json';
          res.writeHead(answer.status, out);
          res.end(text);
        },
        (error: unknown) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    override: (jobName, fields) => overrides.set(jobName, fields),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
