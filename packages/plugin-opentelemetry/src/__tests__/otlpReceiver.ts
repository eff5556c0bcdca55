import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

// The protobufjs classes generated from the official opentelemetry-proto files, as shipped by the
// SDK's transformer package (0.215.0: the last release that ships them).
const require = createRequire(import.meta.url);
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root.js') as any;
const { ExportMetricsServiceRequest, ExportMetricsServiceResponse } = root.opentelemetry.proto.collector.metrics.v1;

/** An attribute value as OTLP carries it, decoded. */
export type AttributeValue = string | number | boolean;

/** One gauge data point as the receiver decoded it. */
export interface ReceivedPoint {
  readonly attributes: Record<string, AttributeValue>;
  readonly value: number;
  /** Nanoseconds since the epoch, as a decimal string (int64). */
  readonly timeUnixNano: string;
  readonly startTimeUnixNano: string;
}

/** One metric of a request. */
export interface ReceivedMetric {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  /** `gauge` for every metric the sink sends. */
  readonly kind: string;
  readonly points: ReceivedPoint[];
}

/** One export request as the receiver got and decoded it. */
export interface ReceivedRequest {
  readonly path: string;
  readonly contentType: string;
  readonly headers: IncomingHttpHeaders;
  readonly resource: Record<string, AttributeValue>;
  readonly scope: { name: string; version: string };
  readonly metrics: ReceivedMetric[];
}

/** What the receiver answers next: a status (and body), or nothing at all. */
export type ReceiverReply = { status: number; body?: string } | 'hang';

/**
 * A local OTLP/HTTP metrics receiver for tests: it decodes each request body with the official
 * OTLP proto messages (protobuf with `decode`, JSON with `fromObject`, so a field the proto does
 * not define is lost and a wrong type throws) and answers as a collector does — an empty
 * `ExportMetricsServiceResponse` in the request's encoding — unless told otherwise by `replies`.
 */
export class OtlpReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** Replies to use, in order, before the normal answer. */
  readonly replies: ReceiverReply[] = [];
  /** Requests that could not be decoded, with why. */
  readonly rejected: string[] = [];
  #server: Server | undefined;
  #url = '';

  /** `http://127.0.0.1:<port>`. */
  get url(): string {
    return this.#url;
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const reply = this.replies.shift();
        if (reply === 'hang') return;
        let raw = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
        const contentType = req.headers['content-type'] ?? '';
        const json = contentType.startsWith('application/json');
        if (reply === undefined) {
          try {
            this.requests.push(this.#decode(req.url ?? '', contentType, req.headers, raw, json));
          } catch (error) {
            this.rejected.push((error as Error).message);
            res.writeHead(400, { 'content-type': 'text/plain' }).end(`cannot decode: ${(error as Error).message}`);
            return;
          }
        }
        const status = reply?.status ?? 200;
        if (status !== 200) {
          res.writeHead(status, { 'content-type': 'text/plain' }).end(reply?.body ?? '');
          return;
        }
        const empty = ExportMetricsServiceResponse.create({});
        res
          .writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' })
          .end(json ? JSON.stringify(ExportMetricsServiceResponse.toObject(empty)) : ExportMetricsServiceResponse.encode(empty).finish());
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as { port: number }).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }

  #decode(path: string, contentType: string, headers: IncomingHttpHeaders, raw: Buffer, json: boolean): ReceivedRequest {
    const message = json
      ? ExportMetricsServiceRequest.fromObject(JSON.parse(raw.toString('utf8')))
      : ExportMetricsServiceRequest.decode(raw);
    const verified = ExportMetricsServiceRequest.verify(message);
    if (verified) throw new Error(verified);
    const o = ExportMetricsServiceRequest.toObject(message, { longs: String, defaults: true, arrays: true, objects: true, oneofs: true });
    if (o.resourceMetrics.length !== 1 || o.resourceMetrics[0].scopeMetrics.length !== 1)
      throw new Error('expected one resource and one scope');
    const rm = o.resourceMetrics[0];
    const sm = rm.scopeMetrics[0];
    return {
      path,
      contentType,
      headers,
      resource: attributes(rm.resource.attributes),
      scope: { name: sm.scope.name, version: sm.scope.version },
      metrics: sm.metrics.map((m: any) => {
        const kind = m.gauge ? 'gauge' : m.sum ? 'sum' : m.histogram ? 'histogram' : 'other';
        return {
          name: m.name,
          unit: m.unit,
          description: m.description,
          kind,
          points: (m.gauge?.dataPoints ?? []).map((p: any) => ({
            attributes: attributes(p.attributes),
            value: p.asDouble,
            timeUnixNano: p.timeUnixNano,
            startTimeUnixNano: p.startTimeUnixNano,
          })),
        };
      }),
    };
  }
}

function attributes(list: any[]): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const kv of list) {
    // With `oneofs`, `value.value` names the field of the AnyValue that is set.
    const which = kv.value.value as string;
    out[kv.key] = which === 'intValue' ? Number(kv.value.intValue) : kv.value[which];
  }
  return out;
}
