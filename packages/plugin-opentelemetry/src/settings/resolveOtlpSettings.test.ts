import { describe, expect, it } from 'vitest';
import { otlpSinkOptions } from '../options/otlpSinkOptions.js';
import { parseOtelKeyValues } from './parseOtelKeyValues.js';
import { resolveOtlpSettings } from './resolveOtlpSettings.js';

const resolve = (options: Record<string, unknown>, env: Record<string, string>) => resolveOtlpSettings(otlpSinkOptions.parse(options), env);

describe('parseOtelKeyValues', () => {
  it('reads W3C-baggage-style lists, trimming and percent-decoding', () => {
    expect(parseOtelKeyValues(' a = 1 ,b=x%2Cy%3Dz,, service.name=my%20svc ')).toEqual({
      ok: true,
      values: { a: '1', b: 'x,y=z', 'service.name': 'my svc' },
    });
    expect(parseOtelKeyValues('')).toEqual({ ok: true, values: {} });
  });
  it('rejects the whole list for one bad member', () => {
    expect(parseOtelKeyValues('a=1,b')).toEqual({ ok: false, reason: '"b" is not key=value' });
    expect(parseOtelKeyValues('=1')).toEqual({ ok: false, reason: '"=1" has an empty key' });
    expect(parseOtelKeyValues('a=%zz')).toEqual({ ok: false, reason: 'the value of "a" is not valid percent-encoding' });
  });
});

describe('resolveOtlpSettings', () => {
  it('uses the specification defaults with no config and no environment', () => {
    const s = resolve({}, {});
    expect(s).toMatchObject({
      url: 'http://localhost:4318/v1/metrics',
      protocol: 'http/protobuf',
      headers: {},
      timeoutMs: 10_000,
      compression: 'none',
      resource: { 'service.name': 'driftwatch' },
      sources: { url: 'default', protocol: 'default', timeoutMs: 'default', compression: 'default' },
      warnings: [],
      errors: [],
    });
  });

  it('takes the generic variables, appending v1/metrics to the base endpoint', () => {
    const s = resolve(
      {},
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector:4318/base/',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TIMEOUT: '2500',
        OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
        OTEL_EXPORTER_OTLP_HEADERS: 'Api-Key=k1,x-team=a',
      },
    );
    expect(s).toMatchObject({
      url: 'https://collector:4318/base/v1/metrics',
      protocol: 'http/json',
      timeoutMs: 2500,
      compression: 'gzip',
      headers: { 'api-key': 'k1', 'x-team': 'a' },
      envHeaderValues: ['k1', 'a'],
      sources: { url: 'OTEL_EXPORTER_OTLP_ENDPOINT', protocol: 'OTEL_EXPORTER_OTLP_PROTOCOL', timeoutMs: 'OTEL_EXPORTER_OTLP_TIMEOUT' },
    });
  });

  it('prefers the metrics-specific variables (the endpoint as is) and merges headers per name', () => {
    const s = resolve(
      {},
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://generic:4318',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://metrics:9999/custom/path',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_TIMEOUT: '2500',
        OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '700',
        OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
        OTEL_EXPORTER_OTLP_METRICS_COMPRESSION: 'none',
        OTEL_EXPORTER_OTLP_HEADERS: 'a=generic,b=generic',
        OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'B=metrics',
      },
    );
    expect(s).toMatchObject({
      url: 'http://metrics:9999/custom/path',
      protocol: 'http/protobuf',
      timeoutMs: 700,
      compression: 'none',
      headers: { a: 'generic', b: 'metrics' },
      sources: {
        url: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
        protocol: 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL',
        timeoutMs: 'OTEL_EXPORTER_OTLP_METRICS_TIMEOUT',
        compression: 'OTEL_EXPORTER_OTLP_METRICS_COMPRESSION',
      },
    });
  });

  it('puts explicit config above every variable', () => {
    const s = resolve(
      {
        endpoint: 'http://config:1/v1/metrics',
        protocol: 'http/json',
        requestTimeout: '3s',
        compression: 'gzip',
        headers: { B: 'config' },
        resource: { 'service.name': 'from-config', replicas: 3, canary: false },
      },
      {
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://metrics:9999/x',
        OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '700',
        OTEL_EXPORTER_OTLP_METRICS_COMPRESSION: 'none',
        OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'b=metrics',
        OTEL_SERVICE_NAME: 'from-env',
        OTEL_RESOURCE_ATTRIBUTES: 'replicas=1,zone=eu-1',
      },
    );
    expect(s).toMatchObject({
      url: 'http://config:1/v1/metrics',
      protocol: 'http/json',
      timeoutMs: 3000,
      compression: 'gzip',
      headers: { b: 'config' },
      resource: { 'service.name': 'from-config', replicas: 3, canary: false, zone: 'eu-1' },
      sources: { url: 'config', protocol: 'config', timeoutMs: 'config', compression: 'config' },
    });
  });

  it('puts OTEL_SERVICE_NAME above service.name of OTEL_RESOURCE_ATTRIBUTES', () => {
    expect(resolve({}, { OTEL_RESOURCE_ATTRIBUTES: 'service.name=attrs,team=ml' }).resource).toEqual({
      'service.name': 'attrs',
      team: 'ml',
    });
    expect(resolve({}, { OTEL_RESOURCE_ATTRIBUTES: 'service.name=attrs', OTEL_SERVICE_NAME: 'svc' }).resource).toEqual({
      'service.name': 'svc',
    });
    expect(resolve({}, { OTEL_SERVICE_NAME: '  ' }).resource).toEqual({ 'service.name': 'driftwatch' });
  });

  it('warns about and ignores variables it cannot read; refuses grpc', () => {
    const s = resolve(
      {},
      {
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'collector:4318',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://fallback:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'thrift',
        OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '-1',
        OTEL_EXPORTER_OTLP_TIMEOUT: '900',
        OTEL_EXPORTER_OTLP_COMPRESSION: 'zstd',
        OTEL_EXPORTER_OTLP_HEADERS: 'broken',
        OTEL_RESOURCE_ATTRIBUTES: 'a=%E0%A4%A',
      },
    );
    expect(s.url).toBe('http://fallback:4318/v1/metrics');
    expect(s.timeoutMs).toBe(900);
    expect(s.warnings).toEqual([
      'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: "collector:4318" is not an http(s) URL; ignored',
      'OTEL_EXPORTER_OTLP_PROTOCOL: unknown protocol "thrift" (known: grpc, http/protobuf, http/json); ignored',
      'OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: "-1" is not a positive number of milliseconds; ignored',
      'OTEL_EXPORTER_OTLP_COMPRESSION: unknown compression "zstd" (known: gzip, none); ignored',
      'OTEL_EXPORTER_OTLP_HEADERS: "broken" is not key=value; the variable is ignored',
      'OTEL_RESOURCE_ATTRIBUTES: the value of "a" is not valid percent-encoding; the variable is ignored',
    ]);
    expect(resolve({}, { OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'grpc' }).errors).toEqual([
      'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: grpc is not supported by the otlp sink (OTLP/HTTP only): set protocol: http/protobuf or http/json',
    ]);
    expect(resolve({ protocol: 'http/json' }, { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }).errors).toEqual([]);
  });
});

describe('otlpSinkOptions', () => {
  it('reports bad options with their paths', () => {
    const r = otlpSinkOptions.safeParse({
      endpoint: 'grpc://x',
      protocol: 'grpc',
      prefix: '1x',
      maxBatchSize: 0,
      resource: { a: [1] },
      other: 1,
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'endpoint: an http(s) URL',
      'protocol: Invalid option: expected one of "http/protobuf"|"http/json"',
      'resource.a: Invalid input',
      'prefix: a metric name start: a letter, then letters, digits, _ . -',
      'maxBatchSize: Too small: expected number to be >=1',
      ': Unrecognized key: "other"',
    ]);
  });
});
