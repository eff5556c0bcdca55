import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MetricPoint, Redactor } from '@driftwatch/core';
import { InMemoryLogger, testProviderContext } from '@driftwatch/core/testing';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushgatewaySinkOptions } from '../options/pushgatewaySinkOptions.js';
import { prometheusPlugin } from '../prometheusPlugin.js';
import { binaryAvailability, pushgatewayBinary, skipWithout } from '../testing/prometheusBinaries.js';
import type { RunningProgram } from '../testing/startProcess.js';
import { startPushgateway } from '../testing/startPushgateway.js';
import { PushgatewayMetricsSink } from './PushgatewayMetricsSink.js';
import { PushgatewayPushError } from './PushgatewayPushError.js';

const gateway = binaryAvailability(pushgatewayBinary);
const options = (o: Record<string, unknown>) => pushgatewaySinkOptions.parse(o);
const noWait = { sleep: async () => undefined };
const point = (name: string, value: number, dimensions: Record<string, string>, timestamp = '2026-12-07T04:00:00.000Z'): MetricPoint => ({
  name,
  value,
  unit: 'None',
  timestamp,
  dimensions,
  runId: 'run-1',
});

/** One group of the Pushgateway's JSON API: its grouping labels and, per metric name, its samples. */
interface GatewayGroup {
  readonly labels: Record<string, string>;
  readonly metrics: Record<string, { labels: Record<string, string>; value: string }[]>;
}

/** Reads every group the gateway holds through its own API (`GET /api/v1/metrics`). */
async function groups(url: string, headers: Record<string, string> = {}): Promise<GatewayGroup[]> {
  const res = await fetch(`${url}/api/v1/metrics`, { headers });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: Record<string, unknown>[] };
  return body.data.map((g) => {
    const metrics: GatewayGroup['metrics'] = {};
    for (const [k, v] of Object.entries(g)) {
      if (k === 'labels' || k === 'last_push_successful') continue;
      const family = v as { metrics: { labels: Record<string, string>; value: string }[] };
      // The gateway gives every sample without an `instance` label an empty one (so that a scrape
      // with honor_labels does not stamp the gateway's own address on it).
      metrics[k] = family.metrics.map((m) => {
        expect(m.labels.instance).toBe('');
        const { instance: _, ...labels } = m.labels;
        return { labels, value: m.value };
      });
    }
    return { labels: g.labels as Record<string, string>, metrics };
  });
}

const groupOf = (all: GatewayGroup[], labels: Record<string, string>) =>
  all.find((g) => JSON.stringify(g.labels) === JSON.stringify(labels));

describe.skipIf(skipWithout(gateway))('PushgatewayMetricsSink against a real Pushgateway', () => {
  let pg: RunningProgram;
  beforeAll(async () => {
    pg = await startPushgateway();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  it('pushes one group per monitor, the latest value of each series, labels escaped, odd grouping values in base64', async () => {
    const sink = new PushgatewayMetricsSink(options({ url: pg.url, job: 'dw-test-1', grouping: { env: 'ci' } }), noWait);
    await sink.publish([
      point('drift.score', 0.125, { monitor: 'credit', feature: 'age', method: 'ks', measure: 'p_value' }),
      point('drift.score', 0.5, { monitor: 'credit', feature: 'age', method: 'ks', measure: 'p_value' }, '2026-12-07T03:00:00.000Z'),
      point('drift.score', 2.5e-7, { monitor: 'credit', feature: 'in"co\\me\nü', method: 'psi', measure: 'statistic' }),
      point('dataset.drift_share', 0.5, { monitor: 'credit' }),
      point('dataset.drift_share', 1, { monitor: 'team/a b' }),
    ]);
    expect(sink.pendingGroups).toBe(2);
    await sink.flush();
    expect(sink.stats).toMatchObject({ pushes: 2, published: 5, requests: 2, retries: 0 });

    const all = await groups(pg.url);
    const credit = groupOf(all, { env: 'ci', job: 'dw-test-1', monitor: 'credit' });
    expect(credit?.metrics.driftwatch_drift_score).toEqual(
      expect.arrayContaining([
        { labels: { env: 'ci', job: 'dw-test-1', monitor: 'credit', feature: 'age', method: 'ks', measure: 'p_value' }, value: '0.125' },
        {
          labels: { env: 'ci', job: 'dw-test-1', monitor: 'credit', feature: 'in"co\\me\nü', method: 'psi', measure: 'statistic' },
          value: '2.5e-07',
        },
      ]),
    );
    expect(credit?.metrics.driftwatch_drift_score).toHaveLength(2);
    expect(credit?.metrics.driftwatch_dataset_drift_share).toEqual([
      { labels: { env: 'ci', job: 'dw-test-1', monitor: 'credit' }, value: '0.5' },
    ]);
    const team = groupOf(all, { env: 'ci', job: 'dw-test-1', monitor: 'team/a b' });
    expect(team?.metrics.driftwatch_dataset_drift_share?.[0]?.value).toBe('1');
    await sink.shutdown();
  });

  it('PUT replaces a group (a feature no longer published disappears); POST keeps the other metric names', async () => {
    const put = new PushgatewayMetricsSink(options({ url: pg.url, job: 'dw-test-2' }), noWait);
    await put.publish([
      point('drift.score', 0.1, { monitor: 'm', feature: 'a' }),
      point('drift.score', 0.2, { monitor: 'm', feature: 'b' }),
    ]);
    await put.flush();
    await put.publish([point('drift.score', 0.3, { monitor: 'm', feature: 'a' })]);
    await put.flush();
    let m = groupOf(await groups(pg.url), { job: 'dw-test-2', monitor: 'm' });
    expect(m?.metrics.driftwatch_drift_score).toEqual([{ labels: { job: 'dw-test-2', monitor: 'm', feature: 'a' }, value: '0.3' }]);

    const post = new PushgatewayMetricsSink(options({ url: pg.url, job: 'dw-test-2', method: 'post' }), noWait);
    await post.publish([point('dataset.drift_share', 0.25, { monitor: 'm' })]);
    await post.flush();
    m = groupOf(await groups(pg.url), { job: 'dw-test-2', monitor: 'm' });
    expect(m?.metrics.driftwatch_drift_score?.[0]?.value).toBe('0.3');
    expect(m?.metrics.driftwatch_dataset_drift_share?.[0]?.value).toBe('0.25');
  });

  it('deleteOnSuccess deletes the pushed groups at shutdown, and keeps them when a push failed', async () => {
    const sink = new PushgatewayMetricsSink(options({ url: pg.url, job: 'dw-test-3', deleteOnSuccess: true }), noWait);
    await sink.publish([point('dataset.drift_share', 0.5, { monitor: 'x' })]);
    await sink.flush();
    expect(groupOf(await groups(pg.url), { job: 'dw-test-3', monitor: 'x' })).toBeDefined();
    await sink.shutdown();
    await sink.shutdown();
    expect(sink.stats.deleted).toBe(1);
    expect(groupOf(await groups(pg.url), { job: 'dw-test-3', monitor: 'x' })).toBeUndefined();

    // The gateway refuses (400) a gauge whose name another group holds as a counter: with one
    // group refused, the sink deletes nothing at shutdown, so the last figures stay visible.
    const counter = await fetch(`${pg.url}/metrics/job/dw-other`, {
      method: 'PUT',
      body: '# TYPE driftwatch_conflict_metric counter\ndriftwatch_conflict_metric 1\n',
    });
    expect(counter.status).toBe(200);
    const partly = new PushgatewayMetricsSink(options({ url: pg.url, job: 'dw-test-4', deleteOnSuccess: true }), noWait);
    await partly.publish([
      point('dataset.drift_share', 0.5, { monitor: 'ok' }),
      point('conflict.metric', 0.5, { monitor: 'bad', feature: 'a' }),
    ]);
    const error = (await partly.flush().catch((e: unknown) => e)) as PushgatewayPushError;
    expect(error).toBeInstanceOf(PushgatewayPushError);
    expect(error.message).toMatch(
      /1 point\(s\) in 1 of 2 group\(s\) not pushed .*\(0 kept for the next flush\): \/metrics\/job\/dw-test-4\/monitor\/bad: PUT answered 400/,
    );
    expect(error.unpublished.map((p) => p.dimensions.monitor)).toEqual(['bad']);
    await partly.shutdown();
    expect(partly.stats).toMatchObject({ pushes: 1, deleted: 0 });
    expect(groupOf(await groups(pg.url), { job: 'dw-test-4', monitor: 'ok' })?.metrics.driftwatch_dataset_drift_share?.[0]?.value).toBe(
      '0.5',
    );
    await fetch(`${pg.url}/metrics/job/dw-other`, { method: 'DELETE' });
  });

  it('bounds the series per metric name and reports what it dropped', async () => {
    const logger = new InMemoryLogger();
    const sink = (await prometheusPlugin.providers[0]?.create(
      options({ url: pg.url, job: 'dw-test-5', maxSeriesPerMetric: 3 }),
      testProviderContext({ logger }),
    )) as PushgatewayMetricsSink;
    await sink.publish(Array.from({ length: 10 }, (_, i) => point('drift.score', i, { monitor: 'wide', feature: `f${i}` })));
    await sink.flush();
    const wide = groupOf(await groups(pg.url), { job: 'dw-test-5', monitor: 'wide' });
    expect(wide?.metrics.driftwatch_drift_score?.map((s) => s.labels.feature).sort()).toEqual(['f0', 'f1', 'f2']);
    expect(sink.stats.dropped.cardinality).toBe(7);
    expect(logger.atLeast('warn').map((e) => e.msg)).toEqual([expect.stringContaining('7 point(s) dropped beyond maxSeriesPerMetric (3)')]);
    await sink.shutdown();
  });
});

describe.skipIf(skipWithout(gateway))('PushgatewayMetricsSink against a real Pushgateway with basic auth', () => {
  let pg: RunningProgram;
  let dir: string;
  const password = 'pg-Secret-4711';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dw-pg-auth-'));
    await writeFile(join(dir, 'web.yml'), `basic_auth_users:\n  driftwatch: ${bcrypt.hashSync(password, 4)}\n`);
    pg = await startPushgateway({ args: [`--web.config.file=${join(dir, 'web.yml')}`] });
  });
  afterAll(async () => {
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('pushes with the right credentials; a 401 is not retried, names the points and leaks no secret', async () => {
    const auth = { authorization: `Basic ${Buffer.from(`driftwatch:${password}`).toString('base64')}` };
    const ok = new PushgatewayMetricsSink(options({ url: pg.url, basicAuth: { username: 'driftwatch', password } }), noWait);
    await ok.publish([point('dataset.drift_share', 0.75, { monitor: 'auth' })]);
    await ok.flush();
    expect(
      groupOf(await groups(pg.url, auth), { job: 'driftwatch', monitor: 'auth' })?.metrics.driftwatch_dataset_drift_share?.[0]?.value,
    ).toBe('0.75');

    // Credentials in the URL work the same (fetch itself refuses such URLs).
    const inUrl = new PushgatewayMetricsSink(options({ url: pg.url.replace('http://', `http://driftwatch:${password}@`) }), noWait);
    await inUrl.publish([point('dataset.drift_share', 0.125, { monitor: 'auth-url' })]);
    await inUrl.flush();
    expect(
      groupOf(await groups(pg.url, auth), { job: 'driftwatch', monitor: 'auth-url' })?.metrics.driftwatch_dataset_drift_share?.[0]?.value,
    ).toBe('0.125');

    const wrong = 'wrong-Password-99';
    const redactor = new Redactor([wrong]);
    const bad = new PushgatewayMetricsSink(options({ url: pg.url, basicAuth: { username: 'driftwatch', password: wrong } }), {
      ...noWait,
      redact: (t) => redactor.text(t),
    });
    const points = [point('dataset.drift_share', 0.1, { monitor: 'auth' })];
    await bad.publish(points);
    const error = await bad.flush().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PushgatewayPushError);
    const e = error as PushgatewayPushError;
    expect(e.message).toMatch(/answered 401/);
    expect(e.message).not.toContain(wrong);
    expect(e.unpublished).toEqual(points);
    expect(e.retained).toBe(0);
    expect(bad.stats).toMatchObject({ requests: 1, retries: 0 });
  });
});

describe('PushgatewayMetricsSink against failing peers', () => {
  let server: Server;
  let url: string;
  const statuses: number[] = [];
  let hang = false;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      if (hang) return; // never answers
      const status = statuses.shift() ?? 200;
      res.writeHead(status, status === 429 ? { 'retry-after': '0' } : {});
      res.end(status === 200 ? '' : `status ${status}\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('retries 5xx and 429 with doubling waits, then succeeds', async () => {
    statuses.push(503, 429);
    const waits: number[] = [];
    const sink = new PushgatewayMetricsSink(options({ url, retries: 3, backoff: '100ms' }), { sleep: async (ms) => void waits.push(ms) });
    await sink.publish([point('x', 1, { monitor: 'm' })]);
    await sink.flush();
    expect(waits).toEqual([100, 200]);
    expect(sink.stats).toMatchObject({ requests: 3, retries: 2, pushes: 1 });
  });

  it('keeps the points of a group whose retries ran out for the next flush, and discard forgets them', async () => {
    statuses.push(500, 500);
    const sink = new PushgatewayMetricsSink(options({ url, retries: 1 }), noWait);
    await sink.publish([point('x', 1, { monitor: 'm' }), point('x', 2, { monitor: 'n' })]);
    const error = (await sink.flush().catch((e: unknown) => e)) as PushgatewayPushError;
    // The groups are pushed in order: m's two attempts get the 500s, n goes through.
    expect(error.message).toMatch(/1 point\(s\) in 1 of 2 group\(s\) not pushed .*\(1 kept for the next flush\).*answered 500/);
    expect(error.unpublished.map((p) => p.value)).toEqual([1]);
    expect(sink.pendingGroups).toBe(1);
    await sink.flush();
    expect(sink.stats.pushes).toBe(2);
    sink.discard();
    expect(sink.pendingGroups).toBe(0);
  });

  it('fails a request that gets no answer within requestTimeout, and an endpoint that is down', async () => {
    hang = true;
    const slow = new PushgatewayMetricsSink(options({ url, requestTimeout: '200ms', retries: 0 }), noWait);
    await slow.publish([point('x', 1, { monitor: 'm' })]);
    await expect(slow.flush()).rejects.toThrow(/no answer within 200 ms/);
    hang = false;

    const { freePort } = await import('../testing/freePort.js');
    const down = new PushgatewayMetricsSink(options({ url: `http://127.0.0.1:${await freePort()}`, retries: 1 }), noWait);
    await down.publish([point('x', 1, { monitor: 'm' })]);
    await expect(down.flush()).rejects.toThrow(/ECONNREFUSED/);
    expect(down.stats).toMatchObject({ requests: 2, retries: 1 });
  });
});
