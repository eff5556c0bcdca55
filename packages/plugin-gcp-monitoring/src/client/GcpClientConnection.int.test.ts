import { mkdtempSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProviderError, type MetricPoint, type ProviderError } from '@driftwatch/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GcpAlertPolicyManager } from '../alerts/GcpAlertPolicyManager.js';
import { PointsNotWrittenError } from '../errors/PointsNotWrittenError.js';
import { GcpMetricsSink } from '../sink/GcpMetricsSink.js';

// No Application Default Credentials anywhere: no GOOGLE_* variables, a HOME without a gcloud ADC file,
// and the metadata server lookup turned off (or, below, a metadata server that never answers).
const saved = { ...process.env };
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  for (const key of Object.keys(process.env))
    if (key.startsWith('GOOGLE_') || key.startsWith('GCLOUD') || key.startsWith('CLOUDSDK_')) delete process.env[key];
  delete process.env.GCE_METADATA_HOST;
  delete process.env.GCE_METADATA_IP;
  process.env.HOME = mkdtempSync(join(tmpdir(), 'dw-no-adc-'));
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});
afterEach(async () => {
  // The generated clients used to rethrow the failure from a detached promise: give it the time to surface.
  await new Promise((r) => setTimeout(r, 50));
  expect(unhandled).toEqual([]);
});

const points: MetricPoint[] = [
  { name: 'dataset.drift_share', value: 0.5, unit: 'None', timestamp: '2026-03-01T10:00:00Z', dimensions: { monitor: 'credit' } },
];
const howToProvide = [/GOOGLE_APPLICATION_CREDENTIALS=<service-account key file>/, /gcloud auth application-default login/, /keyFilename/];

describe('without credentials', () => {
  it("the sink's flush fails as a provider error saying how to provide credentials, and fails again (no crash) the next time", async () => {
    const sink = new GcpMetricsSink({ projectId: 'my-project' });
    await sink.publish(points);
    const started = Date.now();
    const error = (await sink.flush().catch((e) => e)) as PointsNotWrittenError;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toBeInstanceOf(PointsNotWrittenError);
    expect(error.operation).toBe('Authenticate');
    expect(error.message).toMatch(/^gcp-monitoring Authenticate: no Google Cloud credentials found \(Application Default Credentials\); /);
    for (const hint of howToProvide) expect(error.message).toMatch(hint);
    expect(error.message).toMatch(/; 1 points not written$/);
    expect(error.unwritten).toEqual(points);
    expect(error.message).not.toContain('\n');

    // A new client is tried for the next flush; the failure is the same, not "the client has already been closed".
    await sink.publish(points);
    const again = (await sink.flush().catch((e) => e)) as PointsNotWrittenError;
    expect(again.operation).toBe('Authenticate');
    await expect(sink.shutdown()).resolves.toBeUndefined();
  });

  it("the alarm manager's sync fails the same way, before any project lookup", async () => {
    const alarms = new GcpAlertPolicyManager({});
    const error = await alarms
      .sync([{ name: 'share', metric: 'dataset.drift_share', comparison: 'gt', threshold: 0.4, severity: 'warning' }], {
        monitor: 'credit',
      })
      .catch((e) => e);
    expect(isProviderError(error)).toBe(true);
    expect((error as ProviderError).operation).toBe('Authenticate');
    for (const hint of howToProvide) expect((error as Error).message).toMatch(hint);
    await expect(alarms.shutdown()).resolves.toBeUndefined();
  });

  it('a key file that cannot be read is named in the message', async () => {
    const sink = new GcpMetricsSink({ projectId: 'my-project', keyFilename: '/nonexistent/dw-key.json' });
    await sink.publish(points);
    const error = (await sink.flush().catch((e) => e)) as PointsNotWrittenError;
    expect(error.operation).toBe('Authenticate');
    expect(error.message).toMatch(/could not authenticate: .*\/nonexistent\/dw-key\.json/);
    await sink.shutdown();
  });

  it('a metadata server that never answers does not hold the flush past timeoutMs', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    const port = await new Promise<number>((resolve) =>
      silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)),
    );
    process.env.METADATA_SERVER_DETECTION = 'ping-only';
    process.env.GCE_METADATA_HOST = `127.0.0.1:${port}`;
    try {
      const sink = new GcpMetricsSink({ projectId: 'my-project', timeoutMs: 300 });
      await sink.publish(points);
      const started = Date.now();
      const error = (await sink.flush().catch((e) => e)) as PointsNotWrittenError;
      const took = Date.now() - started;
      expect(error).toBeInstanceOf(PointsNotWrittenError);
      expect(error.message).toMatch(/^gcp-monitoring Authenticate: could not authenticate within 300 ms/);
      for (const hint of howToProvide) expect(error.message).toMatch(hint);
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took).toBeLessThan(2500);
      expect(sockets.length).toBeGreaterThan(0);
      await sink.shutdown();
    } finally {
      process.env.METADATA_SERVER_DETECTION = 'none';
      delete process.env.GCE_METADATA_HOST;
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
