import type { MetricPoint } from '@driftwatch/core';
import { InMemoryLogger, testProviderContext } from '@driftwatch/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OtlpReceiver } from '../__tests__/otlpReceiver.js';
import { openTelemetryPlugin } from '../openTelemetryPlugin.js';
import { OtlpExportError } from './OtlpExportError.js';
import type { OtlpMetricsSink } from './OtlpMetricsSink.js';

const provider = openTelemetryPlugin.providers[0];
const t0 = '2026-12-01T10:00:00.000Z';
const t1 = '2026-12-01T11:00:00.123Z';
const point = (
  name: string,
  value: number,
  dimensions: Record<string, string>,
  timestamp = t0,
  unit: MetricPoint['unit'] = 'None',
): MetricPoint => ({
  name,
  value,
  unit,
  timestamp,
  dimensions,
  runId: 'run-42',
  chunk: 'w1',
});
const nanos = (iso: string) => (BigInt(Date.parse(iso)) * 1_000_000n).toString();

async function sink(
  options: Record<string, unknown>,
  env: Record<string, string> = {},
  logger = new InMemoryLogger(),
): Promise<OtlpMetricsSink> {
  if (!provider) throw new Error('no provider');
  return (await provider.create(provider.options.parse(options), testProviderContext({ env, logger }))) as OtlpMetricsSink;
}

describe.each(['http/protobuf', 'http/json'] as const)(
  'OtlpMetricsSink over %s against a receiver decoding the official OTLP protos',
  (protocol) => {
    const receiver = new OtlpReceiver();
    beforeAll(async () => {
      await receiver.start();
    });
    afterAll(async () => {
      await receiver.stop();
    });
    beforeEach(() => {
      receiver.requests.length = 0;
      receiver.replies.length = 0;
      receiver.rejected.length = 0;
    });

    it('exports gauges with attributes, units, the points own timestamps and the resource', async () => {
      const s = await sink(
        { protocol, resource: { 'deployment.environment.name': 'ci', 'service.version': '1.2.3' }, headers: { 'x-tenant': 'acme' } },
        {
          OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/otlp/`,
          OTEL_SERVICE_NAME: 'churn-monitor',
          OTEL_RESOURCE_ATTRIBUTES: 'team=risk%20ml,service.name=ignored',
        },
      );
      await s.publish([
        point('drift.score', 0.0125, { monitor: 'churn', feature: 'age', method: 'ks', measure: 'p_value' }),
        point('drift.score', 0.25, { monitor: 'churn', feature: 'age', method: 'ks', measure: 'p_value' }, t1),
        point('dataset.drift_share', 0.5, { monitor: 'churn' }),
        point('latency.p99', 12.5, { monitor: 'churn' }, t0, 'Milliseconds'),
        point('rows.current', 400, { monitor: 'churn' }, t0, 'Count'),
        point('bad', Number.NaN, {}),
      ]);
      await s.flush();
      expect(receiver.rejected).toEqual([]);
      expect(receiver.requests).toHaveLength(1);
      const [request] = receiver.requests;
      expect(request?.path).toBe('/otlp/v1/metrics');
      expect(request?.contentType).toBe(protocol === 'http/json' ? 'application/json' : 'application/x-protobuf');
      expect(request?.headers['x-tenant']).toBe('acme');
      expect(request?.resource).toMatchObject({
        'service.name': 'churn-monitor',
        'service.version': '1.2.3',
        'deployment.environment.name': 'ci',
        team: 'risk ml',
        'telemetry.sdk.language': 'nodejs',
        'telemetry.sdk.name': 'opentelemetry',
      });
      expect(request?.scope).toEqual({ name: '@driftwatch/plugin-opentelemetry', version: '0.1.0' });
      const metrics = Object.fromEntries((request?.metrics ?? []).map((m) => [m.name, m]));
      expect(Object.keys(metrics).sort()).toEqual([
        'driftwatch.dataset.drift_share',
        'driftwatch.drift.score',
        'driftwatch.latency.p99',
        'driftwatch.rows.current',
      ]);
      expect(metrics['driftwatch.drift.score']).toEqual({
        name: 'driftwatch.drift.score',
        unit: '1',
        description: 'Driftwatch metric drift.score',
        kind: 'gauge',
        points: [
          {
            attributes: { monitor: 'churn', feature: 'age', method: 'ks', measure: 'p_value' },
            value: 0.0125,
            timeUnixNano: nanos(t0),
            startTimeUnixNano: nanos(t0),
          },
          {
            attributes: { monitor: 'churn', feature: 'age', method: 'ks', measure: 'p_value' },
            value: 0.25,
            timeUnixNano: nanos(t1),
            startTimeUnixNano: nanos(t1),
          },
        ],
      });
      expect(metrics['driftwatch.latency.p99']?.unit).toBe('ms');
      expect(metrics['driftwatch.latency.p99']?.points[0]?.value).toBe(12.5);
      expect(metrics['driftwatch.rows.current']?.unit).toBe('{count}');
      expect(s.stats).toEqual({ exports: 1, published: 5, dropped: { nonFinite: 1, badTimestamp: 0 } });
      await s.shutdown();
    });

    it('splits a flush into requests of maxBatchSize data points', async () => {
      const s = await sink({ protocol, endpoint: `${receiver.url}/v1/metrics`, maxBatchSize: 4 });
      await s.publish(Array.from({ length: 10 }, (_, i) => point('drift.score', i / 10, { feature: `f${i}` })));
      await s.flush();
      expect(receiver.requests.map((r) => r.metrics[0]?.points.length)).toEqual([4, 4, 2]);
      expect(receiver.requests.flatMap((r) => r.metrics[0]?.points.map((p) => p.attributes.feature))).toEqual(
        Array.from({ length: 10 }, (_, i) => `f${i}`),
      );
      await s.shutdown();
    });

    it('a 4xx fails the flush at once, naming the points, the status and the body, secrets redacted', async () => {
      const s = await sink({ protocol, endpoint: `${receiver.url}/v1/metrics`, headers: { authorization: 'Bearer tok-123456789abc' } });
      receiver.replies.push({ status: 400, body: 'bad data point; Authorization: Bearer tok-123456789abc' });
      const points = [point('drift.score', 0.5, { feature: 'a' })];
      await s.publish(points);
      const error = (await s.flush().catch((e: unknown) => e)) as OtlpExportError;
      expect(error).toBeInstanceOf(OtlpExportError);
      expect(error.code).toBe('PROVIDER_FAILED');
      expect(error.status).toBe(400);
      expect(error.unpublished).toEqual(points);
      expect(error.message).toMatch(/^otlp export: 1 of 1 point\(s\) not exported to http:\/\/127\.0\.0\.1:\d+\/v1\/metrics/);
      expect(error.message).not.toContain('tok-123456789abc');
      expect(receiver.replies).toEqual([]);
      await s.shutdown();
    });

    it('retries 503 within the timeout, then delivers', async () => {
      const s = await sink({ protocol, endpoint: `${receiver.url}/v1/metrics`, requestTimeout: '20s' });
      receiver.replies.push({ status: 503 });
      await s.publish([point('drift.score', 0.5, { feature: 'a' })]);
      await s.flush();
      expect(receiver.requests).toHaveLength(1);
      expect(s.stats.published).toBe(1);
      await s.shutdown();
    });

    it('a receiver that does not answer fails the flush at the timeout', async () => {
      const s = await sink({ protocol, endpoint: `${receiver.url}/v1/metrics`, requestTimeout: '300ms' });
      receiver.replies.push('hang', 'hang', 'hang', 'hang', 'hang', 'hang');
      await s.publish([point('drift.score', 0.5, { feature: 'a' })]);
      const started = Date.now();
      const error = (await s.flush().catch((e: unknown) => e)) as OtlpExportError;
      expect(error).toBeInstanceOf(OtlpExportError);
      expect(error.unpublished).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(5000);
      await s.shutdown();
    });
  },
);

describe('OtlpMetricsSink with the receiver down', () => {
  it('fails the flush naming every point', async () => {
    const down = new OtlpReceiver();
    await down.start();
    const url = down.url;
    await down.stop();
    const s = await sink({ endpoint: `${url}/v1/metrics`, requestTimeout: '2s' });
    await s.publish([point('drift.score', 0.5, { feature: 'a' }), point('dataset.drift_share', 0.5, {})]);
    const error = (await s.flush().catch((e: unknown) => e)) as OtlpExportError;
    expect(error).toBeInstanceOf(OtlpExportError);
    expect(error.unpublished).toHaveLength(2);
    expect(error.message).toMatch(/ECONNREFUSED|connect/i);
    await s.shutdown();
  });

  it('refuses an OTEL_EXPORTER_OTLP_PROTOCOL of grpc, and warns about ignored variables', async () => {
    await expect(sink({}, { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).rejects.toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL: grpc is not supported/);
    const logger = new InMemoryLogger();
    await (await sink({}, { OTEL_RESOURCE_ATTRIBUTES: 'novalue', OTEL_EXPORTER_OTLP_TIMEOUT: '5s' }, logger)).shutdown();
    expect(logger.atLeast('warn').map((e) => e.msg)).toEqual([
      'OTEL_EXPORTER_OTLP_TIMEOUT: "5s" is not a positive number of milliseconds; ignored',
      'OTEL_RESOURCE_ATTRIBUTES: "novalue" is not key=value; the variable is ignored',
    ]);
  });
});
