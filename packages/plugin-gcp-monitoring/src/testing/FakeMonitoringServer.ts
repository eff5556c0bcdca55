import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { insecureCredentials } from '../client/insecureCredentials.js';

/** One request the fake server received, in arrival order. */
export interface RecordedCall {
  readonly method: string;
  readonly request: any;
}

/** A failure injected into the next calls of a method. */
interface InjectedFailure {
  code: grpc.status;
  message: string;
  remaining: number;
}

/** A stored time series: its identity and every point written to it, oldest first. */
export interface StoredSeries {
  readonly metric: { type: string; labels: Record<string, string> };
  readonly resource: { type: string; labels: Record<string, string> };
  readonly points: { endSeconds: number; endNanos: number; value: number }[];
}

type Handler = (request: any) => any;

const require = createRequire(import.meta.url);
/** The protos that ship with the client library, and the google/api + google/protobuf ones google-gax ships beside them. */
const monitoringMain = require.resolve('@google-cloud/monitoring');
const monitoringProtos = join(dirname(monitoringMain), '..', 'protos');
const gaxProtos = join(dirname(createRequire(monitoringMain).resolve('google-gax')), '..', 'protos');

// The same loader options google-gax uses, so the server sees requests exactly as the client encodes them.
const packageDefinition = protoLoader.loadSync(['google/monitoring/v3/metric_service.proto', 'google/monitoring/v3/alert_service.proto'], {
  includeDirs: [monitoringProtos, gaxProtos],
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});
const loaded = grpc.loadPackageDefinition(packageDefinition) as any;
const metricService = loaded.google.monitoring.v3.MetricService.service as grpc.ServiceDefinition;
const alertPolicyService = loaded.google.monitoring.v3.AlertPolicyService.service as grpc.ServiceDefinition;

const labelKeyPattern = /^[a-z][a-z0-9_]{0,99}$/;

class RpcError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
  }
}

const seriesKey = (metric: StoredSeries['metric'], resource: StoredSeries['resource']) =>
  JSON.stringify([metric.type, Object.entries(metric.labels).sort(), resource.type, Object.entries(resource.labels).sort()]);

/** Parses `a = "x" AND b = "y"` filters into pairs; enough for the filters the plugin sends. */
function parseEqualities(filter: string): [string, string][] {
  if (filter.trim() === '') return [];
  const pairs: [string, string][] = [];
  for (const part of filter.split(/\s+AND\s+/)) {
    const m = /^\s*([\w.]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(part);
    if (m === null) throw new RpcError(grpc.status.INVALID_ARGUMENT, `cannot parse filter term: ${part}`);
    pairs.push([m[1], m[2].replace(/\\(.)/g, '$1')]);
  }
  return pairs;
}

/** Where {@link FakeMonitoringServer.start} listens. */
export interface FakeMonitoringServerOptions {
  /** Interface to bind; default `127.0.0.1`. */
  readonly host?: string;
  /** Port; default 0, a free one (read it from {@link FakeMonitoringServer.port}). */
  readonly port?: number;
  /**
   * The server's clock (ms since the epoch) for the API's write window: a point more than 25 hours
   * in the past or more than 5 minutes in the future is rejected. Default `Date.now`.
   */
  readonly now?: () => number;
}

const maxPointAgeMs = 25 * 60 * 60 * 1000;
const maxPointFutureMs = 5 * 60 * 1000;

/**
 * A local gRPC server implementing `google.monitoring.v3.MetricService` and
 * `google.monitoring.v3.AlertPolicyService` from the library's own protos. It keeps
 * state in memory, records every request, enforces the write rules of the real API
 * that the plugin must respect (≤ 200 series per request, one point per series, no
 * series twice in a request, points in order, a point's time at most 25 hours in the past
 * and 5 minutes in the future, labels declared by the descriptor), and
 * can be told to fail the next calls of a method with a given status.
 */
export class FakeMonitoringServer {
  readonly calls: RecordedCall[] = [];
  readonly descriptors = new Map<string, any>();
  readonly series = new Map<string, StoredSeries>();
  readonly policies = new Map<string, any>();
  readonly #server: grpc.Server;
  readonly #failures = new Map<string, InjectedFailure>();
  #port = 0;
  #host = '127.0.0.1';
  #nextPolicyId = 1;
  #now: () => number = Date.now;
  /** Page size of ListAlertPolicies when the request asks for none; small so paging is exercised. */
  listPageSize = 2;

  private constructor() {
    this.#server = new grpc.Server();
    this.#server.addService(
      metricService,
      this.#wrap(
        {
          CreateMetricDescriptor: (r) => this.#createMetricDescriptor(r),
          GetMetricDescriptor: (r) => this.#getMetricDescriptor(r),
          ListMetricDescriptors: (r) => ({
            metricDescriptors: [...this.descriptors.values()].filter((d) => d.name.startsWith(`${r.name}/`)),
            nextPageToken: '',
          }),
          CreateTimeSeries: (r) => this.#createTimeSeries(r),
          ListTimeSeries: (r) => this.#listTimeSeries(r),
        },
        metricService,
      ),
    );
    this.#server.addService(
      alertPolicyService,
      this.#wrap(
        {
          ListAlertPolicies: (r) => this.#listAlertPolicies(r),
          GetAlertPolicy: (r) => this.#getPolicy(r.name),
          CreateAlertPolicy: (r) => this.#createAlertPolicy(r),
          UpdateAlertPolicy: (r) => this.#updateAlertPolicy(r),
          DeleteAlertPolicy: (r) => {
            this.#getPolicy(r.name);
            this.policies.delete(r.name);
            return {};
          },
        },
        alertPolicyService,
      ),
    );
  }

  /** Starts a server, in clear text, on a free port of 127.0.0.1 unless told otherwise. */
  static async start(options: FakeMonitoringServerOptions = {}): Promise<FakeMonitoringServer> {
    const server = new FakeMonitoringServer();
    const host = options.host ?? '127.0.0.1';
    const address = host.includes(':') ? `[${host}]:${options.port ?? 0}` : `${host}:${options.port ?? 0}`;
    server.#host = host;
    if (options.now !== undefined) server.#now = options.now;
    server.#port = await new Promise<number>((resolve, reject) =>
      server.#server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))),
    );
    return server;
  }

  /** The port it listens on. */
  get port(): number {
    return this.#port;
  }

  /** `host:port`, as the providers' `apiEndpoint` option takes it. */
  get endpoint(): string {
    return this.#host.includes(':') ? `[${this.#host}]:${this.#port}` : `${this.#host}:${this.#port}`;
  }

  /** The provider options (as in a config file) that write to this server: its endpoint, in plaintext. */
  providerOptions(projectId = 'test-project'): { projectId: string; apiEndpoint: string; plaintext: true } {
    return { projectId, apiEndpoint: this.endpoint, plaintext: true };
  }

  /**
   * Options for a client library client (`MetricServiceClient`, `AlertPolicyServiceClient`) that
   * talk to this server in clear text, without Google credentials.
   */
  clientOptions(projectId = 'test-project') {
    // An explicit universe domain keeps google-auth-library from probing the GCE metadata server for one.
    return {
      servicePath: this.#host,
      port: this.#port,
      sslCreds: insecureCredentials() as grpc.ChannelCredentials,
      projectId,
      universeDomain: 'googleapis.com',
    };
  }

  /** Makes the next `times` calls of `method` fail with `code`. */
  failNext(method: string, code: grpc.status, message = 'injected failure', times = 1): void {
    this.#failures.set(method, { code, message, remaining: times });
  }

  /** The requests received by `method`, in order. */
  requests(method: string): any[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.request);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.tryShutdown(() => resolve()));
  }

  #wrap(handlers: Record<string, Handler>, definition: grpc.ServiceDefinition): grpc.UntypedServiceImplementation {
    const impl: grpc.UntypedServiceImplementation = {};
    for (const name of Object.keys(definition)) {
      const handler = handlers[name];
      impl[name] = (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
        this.calls.push({ method: name, request: call.request });
        const failure = this.#failures.get(name);
        if (failure !== undefined && failure.remaining > 0) {
          failure.remaining--;
          callback({ code: failure.code, details: failure.message });
          return;
        }
        if (handler === undefined) {
          callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented by the fake server` });
          return;
        }
        try {
          callback(null, handler(call.request));
        } catch (err) {
          if (err instanceof RpcError) callback({ code: err.code, details: err.message });
          else callback({ code: grpc.status.INTERNAL, details: String(err) });
        }
      };
    }
    return impl;
  }

  #createMetricDescriptor(request: any) {
    const d = request.metricDescriptor;
    if (!/^custom\.googleapis\.com\/[a-z0-9_/]+$/.test(d.type))
      throw new RpcError(grpc.status.INVALID_ARGUMENT, `invalid metric type ${d.type}`);
    if (d.labels.length > 30) throw new RpcError(grpc.status.INVALID_ARGUMENT, `too many labels (${d.labels.length} > 30)`);
    for (const l of d.labels) {
      if (!labelKeyPattern.test(l.key)) throw new RpcError(grpc.status.INVALID_ARGUMENT, `invalid label key ${l.key}`);
    }
    const stored = { ...d, name: `${request.name}/metricDescriptors/${d.type}` };
    this.descriptors.set(stored.name, stored);
    return stored;
  }

  #getMetricDescriptor(request: any) {
    const d = this.descriptors.get(request.name);
    if (d === undefined) throw new RpcError(grpc.status.NOT_FOUND, `no metric descriptor ${request.name}`);
    return d;
  }

  #createTimeSeries(request: any) {
    const list: any[] = request.timeSeries;
    if (list.length > 200) throw new RpcError(grpc.status.INVALID_ARGUMENT, `${list.length} time series in one request (max 200)`);
    const seen = new Set<string>();
    // Validate the whole request first: the plugin's batching must never produce a request the real API rejects.
    const accepted: [string, StoredSeries, number, number, number][] = [];
    for (const [i, ts] of list.entries()) {
      if (ts.points.length !== 1)
        throw new RpcError(grpc.status.INVALID_ARGUMENT, `timeSeries[${i}] has ${ts.points.length} points (exactly 1 allowed)`);
      const metric = { type: ts.metric.type, labels: { ...ts.metric.labels } };
      const resource = { type: ts.resource.type, labels: { ...ts.resource.labels } };
      const key = seriesKey(metric, resource);
      if (seen.has(key)) throw new RpcError(grpc.status.INVALID_ARGUMENT, `timeSeries[${i}]: the same series appears twice in one request`);
      seen.add(key);
      const descriptor = this.descriptors.get(`${request.name}/metricDescriptors/${metric.type}`);
      if (descriptor === undefined) throw new RpcError(grpc.status.NOT_FOUND, `timeSeries[${i}]: no metric descriptor for ${metric.type}`);
      const declared = new Set(descriptor.labels.map((l: any) => l.key));
      for (const k of Object.keys(metric.labels)) {
        if (!declared.has(k))
          throw new RpcError(grpc.status.INVALID_ARGUMENT, `timeSeries[${i}]: label ${k} is not declared by ${metric.type}`);
      }
      const p = ts.points[0];
      const endSeconds = Number(p.interval.endTime.seconds);
      const endNanos = p.interval.endTime.nanos;
      const endMs = endSeconds * 1000 + endNanos / 1e6;
      const now = this.#now();
      if (endMs < now - maxPointAgeMs)
        throw new RpcError(
          grpc.status.INVALID_ARGUMENT,
          `timeSeries[${i}]: the point's time ${new Date(endMs).toISOString()} is more than 25 hours in the past`,
        );
      if (endMs > now + maxPointFutureMs)
        throw new RpcError(
          grpc.status.INVALID_ARGUMENT,
          `timeSeries[${i}]: the point's time ${new Date(endMs).toISOString()} is more than 5 minutes in the future`,
        );
      const existing = this.series.get(key);
      const last = existing?.points.at(-1);
      if (last !== undefined && (endSeconds < last.endSeconds || (endSeconds === last.endSeconds && endNanos <= last.endNanos))) {
        throw new RpcError(grpc.status.INVALID_ARGUMENT, `timeSeries[${i}]: points must be written in order`);
      }
      accepted.push([key, existing ?? { metric, resource, points: [] }, endSeconds, endNanos, p.value.doubleValue]);
    }
    for (const [key, s, endSeconds, endNanos, value] of accepted) {
      s.points.push({ endSeconds, endNanos, value });
      this.series.set(key, s);
    }
    return {};
  }

  #listTimeSeries(request: any) {
    const equalities = parseEqualities(request.filter ?? '');
    const timeSeries = [...this.series.values()]
      .filter((s) =>
        equalities.every(([field, value]) => {
          if (field === 'metric.type') return s.metric.type === value;
          if (field === 'resource.type') return s.resource.type === value;
          const metricLabel = /^metric\.labels?\.(\w+)$/.exec(field);
          if (metricLabel !== null) return s.metric.labels[metricLabel[1]] === value;
          const resourceLabel = /^resource\.labels?\.(\w+)$/.exec(field);
          if (resourceLabel !== null) return s.resource.labels[resourceLabel[1]] === value;
          throw new RpcError(grpc.status.INVALID_ARGUMENT, `unsupported filter field ${field}`);
        }),
      )
      .map((s) => ({
        metric: s.metric,
        resource: s.resource,
        metricKind: 'GAUGE',
        valueType: 'DOUBLE',
        points: s.points
          .slice()
          .reverse()
          .map((p) => ({ interval: { endTime: { seconds: p.endSeconds, nanos: p.endNanos } }, value: { doubleValue: p.value } })),
      }));
    return { timeSeries, nextPageToken: '' };
  }

  #listAlertPolicies(request: any) {
    const equalities = parseEqualities(request.filter ?? '');
    const all = [...this.policies.values()]
      .filter((p) => p.name.startsWith(`${request.name}/`))
      .filter((p) =>
        equalities.every(([field, value]) => {
          if (field.startsWith('user_label.')) return p.userLabels[field.slice(11)] === value;
          if (field === 'display_name') return p.displayName === value;
          throw new RpcError(grpc.status.INVALID_ARGUMENT, `unsupported filter field ${field}`);
        }),
      );
    const size = request.pageSize > 0 ? request.pageSize : this.listPageSize;
    const start = request.pageToken === '' ? 0 : Number(request.pageToken);
    const end = start + size;
    return { alertPolicies: all.slice(start, end), nextPageToken: end < all.length ? String(end) : '', totalSize: all.length };
  }

  #getPolicy(name: string) {
    const p = this.policies.get(name);
    if (p === undefined) throw new RpcError(grpc.status.NOT_FOUND, `no alert policy ${name}`);
    return p;
  }

  #validatePolicy(p: any) {
    if (p.conditions.length === 0) throw new RpcError(grpc.status.INVALID_ARGUMENT, 'an alert policy needs at least one condition');
    for (const [k, v] of Object.entries(p.userLabels as Record<string, string>)) {
      if (!/^[a-z][a-z0-9_-]{0,62}$/.test(k) || !/^[a-z0-9_-]{0,63}$/.test(v)) {
        throw new RpcError(grpc.status.INVALID_ARGUMENT, `invalid user label ${k}=${v}`);
      }
    }
  }

  /** Gives conditions server-side names, as the real service does. */
  #nameConditions(policyName: string, conditions: any[]) {
    return conditions.map((c, i) => ({ ...c, name: `${policyName}/conditions/${i + 1}` }));
  }

  #createAlertPolicy(request: any) {
    const p = request.alertPolicy;
    this.#validatePolicy(p);
    const name = `${request.name}/alertPolicies/${this.#nextPolicyId++}`;
    const stored = { ...p, name, conditions: this.#nameConditions(name, p.conditions) };
    this.policies.set(name, stored);
    return stored;
  }

  #updateAlertPolicy(request: any) {
    const p = request.alertPolicy;
    const existing = this.#getPolicy(p.name);
    const paths: string[] = request.updateMask?.paths ?? [];
    const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const updated = paths.length === 0 ? { ...p } : { ...existing };
    for (const path of paths) updated[camel(path)] = p[camel(path)];
    updated.name = existing.name;
    updated.conditions = this.#nameConditions(existing.name, updated.conditions);
    this.#validatePolicy(updated);
    this.policies.set(existing.name, updated);
    return updated;
  }
}
