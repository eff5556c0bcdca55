import type { OtlpProtocol, OtlpSinkOptions } from '../options/otlpSinkOptions.js';
import { parseOtelKeyValues } from './parseOtelKeyValues.js';

/** The exporter's settings, each from config, the environment or the default. */
export interface OtlpSettings {
  /** The metrics URL requests go to. */
  readonly url: string;
  readonly protocol: OtlpProtocol;
  /** Request headers: config over `OTEL_EXPORTER_OTLP_METRICS_HEADERS` over `OTEL_EXPORTER_OTLP_HEADERS`, per name (lower-cased). */
  readonly headers: Readonly<Record<string, string>>;
  /** Each export, retries included, in ms. */
  readonly timeoutMs: number;
  readonly compression: 'none' | 'gzip';
  /** Resource attributes: config over `OTEL_SERVICE_NAME` over `OTEL_RESOURCE_ATTRIBUTES` over `service.name: driftwatch`. */
  readonly resource: Readonly<Record<string, string | number | boolean>>;
  /** Where each setting came from (`config`, the variable's name, or `default`), for messages and docs. */
  readonly sources: Readonly<Record<'url' | 'protocol' | 'timeoutMs' | 'compression', string>>;
  /** Header values read from the environment: secrets, whatever their name. */
  readonly envHeaderValues: readonly string[];
  /** Environment values that were ignored, each with the variable and why (the specification says to warn and go on). */
  readonly warnings: readonly string[];
  /** Environment values the sink cannot work with (a `grpc` protocol): the sink is not created. */
  readonly errors: readonly string[];
}

/** The default OTLP/HTTP endpoint of the specification. */
export const defaultOtlpMetricsEndpoint = 'http://localhost:4318/v1/metrics';

/** The `service.name` when neither config nor environment gives one (the SDK's own default would be `unknown_service:node`). */
export const defaultServiceName = 'driftwatch';

/**
 * Resolves the exporter's settings in the order the OpenTelemetry specification defines for OTLP
 * exporters and the SDK's resource: explicit config, then the signal-specific variable
 * (`OTEL_EXPORTER_OTLP_METRICS_*`), then the generic one (`OTEL_EXPORTER_OTLP_*`), then the
 * default. `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT` is used as is; `OTEL_EXPORTER_OTLP_ENDPOINT` is
 * a base to which `v1/metrics` is appended. Headers merge per name. The resource starts from
 * `service.name: driftwatch`, then `OTEL_RESOURCE_ATTRIBUTES`, then `OTEL_SERVICE_NAME` (which the
 * specification puts above `service.name` of the former), then the config's `resource`. Empty
 * variables count as unset. Reads only `env`, never `process.env`.
 */
export function resolveOtlpSettings(options: OtlpSinkOptions, env: Readonly<Record<string, string | undefined>>): OtlpSettings {
  const warnings: string[] = [];
  const errors: string[] = [];
  const get = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const first = (names: readonly string[]) => {
    for (const name of names) {
      const value = get(name);
      if (value !== undefined) return { name, value };
    }
    return undefined;
  };
  const sources = { url: 'default', protocol: 'default', timeoutMs: 'default', compression: 'default' };

  let url = defaultOtlpMetricsEndpoint;
  if (options.endpoint !== undefined) {
    url = options.endpoint;
    sources.url = 'config';
  } else {
    const specific = get('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
    const generic = get('OTEL_EXPORTER_OTLP_ENDPOINT');
    if (specific !== undefined && isHttpUrl(specific)) {
      url = specific;
      sources.url = 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT';
    } else if (specific !== undefined) warnings.push(`OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: "${specific}" is not an http(s) URL; ignored`);
    if (sources.url === 'default' && generic !== undefined) {
      if (isHttpUrl(generic)) {
        url = `${generic.replace(/\/+$/, '')}/v1/metrics`;
        sources.url = 'OTEL_EXPORTER_OTLP_ENDPOINT';
      } else warnings.push(`OTEL_EXPORTER_OTLP_ENDPOINT: "${generic}" is not an http(s) URL; ignored`);
    }
  }

  let protocol: OtlpProtocol = 'http/protobuf';
  if (options.protocol !== undefined) {
    protocol = options.protocol;
    sources.protocol = 'config';
  } else {
    const found = first(['OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']);
    if (found?.value === 'http/protobuf' || found?.value === 'http/json') {
      protocol = found.value;
      sources.protocol = found.name;
    } else if (found?.value === 'grpc') {
      errors.push(`${found.name}: grpc is not supported by the otlp sink (OTLP/HTTP only): set protocol: http/protobuf or http/json`);
    } else if (found !== undefined)
      warnings.push(`${found.name}: unknown protocol "${found.value}" (known: grpc, http/protobuf, http/json); ignored`);
  }

  let timeoutMs = 10_000;
  if (options.requestTimeout !== undefined) {
    timeoutMs = options.requestTimeout;
    sources.timeoutMs = 'config';
  } else {
    for (const name of ['OTEL_EXPORTER_OTLP_METRICS_TIMEOUT', 'OTEL_EXPORTER_OTLP_TIMEOUT']) {
      const value = get(name);
      if (value === undefined) continue;
      // The specification's unit is milliseconds, as a plain integer.
      const ms = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (Number.isFinite(ms) && ms > 0) {
        timeoutMs = ms;
        sources.timeoutMs = name;
        break;
      }
      warnings.push(`${name}: "${value}" is not a positive number of milliseconds; ignored`);
    }
  }

  let compression: 'none' | 'gzip' = 'none';
  if (options.compression !== undefined) {
    compression = options.compression;
    sources.compression = 'config';
  } else {
    const found = first(['OTEL_EXPORTER_OTLP_METRICS_COMPRESSION', 'OTEL_EXPORTER_OTLP_COMPRESSION']);
    if (found?.value === 'gzip' || found?.value === 'none') {
      compression = found.value;
      sources.compression = found.name;
    } else if (found !== undefined) warnings.push(`${found.name}: unknown compression "${found.value}" (known: gzip, none); ignored`);
  }

  const headers: Record<string, string> = {};
  const envHeaderValues: string[] = [];
  for (const name of ['OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_METRICS_HEADERS']) {
    const value = get(name);
    if (value === undefined) continue;
    const parsed = parseOtelKeyValues(value);
    if (!parsed.ok) {
      warnings.push(`${name}: ${parsed.reason}; the variable is ignored`);
      continue;
    }
    for (const [k, v] of Object.entries(parsed.values)) {
      headers[k.toLowerCase()] = v;
      envHeaderValues.push(v);
    }
  }
  for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;

  const resource: Record<string, string | number | boolean> = { 'service.name': defaultServiceName };
  const attributes = get('OTEL_RESOURCE_ATTRIBUTES');
  if (attributes !== undefined) {
    const parsed = parseOtelKeyValues(attributes);
    if (parsed.ok) Object.assign(resource, parsed.values);
    else warnings.push(`OTEL_RESOURCE_ATTRIBUTES: ${parsed.reason}; the variable is ignored`);
  }
  const serviceName = get('OTEL_SERVICE_NAME');
  if (serviceName !== undefined) resource['service.name'] = serviceName;
  Object.assign(resource, options.resource ?? {});

  return { url, protocol, headers, timeoutMs, compression, resource, sources, envHeaderValues, warnings, errors };
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
