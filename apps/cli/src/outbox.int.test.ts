import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, type Metric } from '@aws-sdk/client-cloudwatch';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// End to end against moto: the CloudWatch endpoint goes down (a proxy answering 503 as CloudWatch's
// JSON protocol does), a run keeps the points it could not deliver in the sink's outbox, the endpoint
// comes back, and the next run (or `driftwatch sinks flush`) sends them first: every point of every
// run is in CloudWatch exactly once. The CloudWatch client is the SDK's, in the driftwatch process.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');
const availability = motoAvailability();
const missingInCi = motoMissingInCi(availability);
const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', NO_COLOR: '1' };
const namespace = 'DriftwatchOutbox';

function driftwatch(cwd: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [main, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** A proxy in front of moto: while `down`, every request gets CloudWatch's 503 ServiceUnavailable. */
function startProxy(target: string): Promise<{ endpoint: string; down: boolean; bodies: string[]; server: Server }> {
  const upstream = new URL(target);
  const state = { endpoint: '', down: true, bodies: [] as string[], server: undefined as unknown as Server };
  state.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (state.down) {
        res.writeHead(503, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': 'ServiceUnavailable;Receiver' });
        res.end(JSON.stringify({ __type: 'com.amazon.coral.availability#ServiceUnavailableException', message: 'Service Unavailable' }));
        return;
      }
      state.bodies.push(body.toString('utf8'));
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.end(body);
    });
  });
  return new Promise((ready) =>
    state.server.listen(0, '127.0.0.1', () => {
      state.endpoint = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
      ready(state);
    }),
  );
}

describe.skipIf(skipWithoutMoto(availability))('the durable outbox with CloudWatch (moto)', () => {
  let moto: MotoServer;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let dir: string;
  let client: CloudWatchClient;

  beforeAll(async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
    moto = await startMotoServer();
    proxy = await startProxy(moto.endpoint);
    client = new CloudWatchClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    dir = mkdtempSync(join(tmpdir(), 'dw-outbox-'));
    let reference = 'age,income\n';
    let current = reference;
    for (let i = 0; i < 300; i++) {
      reference += `${20 + (i % 40)},${30_000 + ((i * 137) % 20_000)}\n`;
      current += `${35 + (i % 40)},${30_000 + ((i * 137) % 20_000)}\n`;
    }
    writeFileSync(join(dir, 'reference.csv'), reference);
    writeFileSync(join(dir, 'current.csv'), current);
    // High resolution, so the points of runs seconds apart stay separate data points (Period 1).
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
store: { type: files, path: .driftwatch }
sinks:
  - { type: jsonl, path: out/metrics.jsonl }
  - type: cloudwatch
    namespace: ${namespace}
    region: us-east-1
    endpoint: "${proxy.endpoint}"
    requestCompression: false
    storageResolution: 1
    maxAttempts: 2
    retryBaseDelayMs: 10
monitors:
  - name: credit
    reference: { path: reference.csv }
    current: { path: current.csv }
`,
    );
  });
  afterAll(async () => {
    client?.destroy();
    await new Promise((r) => proxy?.server.close(r));
    await moto?.stop();
  });

  /** Every data point CloudWatch holds, as `metric{dims}@epoch-seconds` → sample count. */
  async function cloudWatchSamples(): Promise<Map<string, number>> {
    const metrics: Metric[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListMetricsCommand({ Namespace: namespace, NextToken: token }));
      metrics.push(...(page.Metrics ?? []));
      token = page.NextToken;
    } while (token);
    const samples = new Map<string, number>();
    const now = Date.now();
    for (const metric of metrics) {
      const res = await client.send(
        new GetMetricDataCommand({
          StartTime: new Date(now - 3600_000),
          EndTime: new Date(now + 3600_000),
          MetricDataQueries: [{ Id: 'q', MetricStat: { Metric: metric, Period: 1, Stat: 'SampleCount' } }],
        }),
      );
      const r = res.MetricDataResults?.[0];
      for (const [i, t] of (r?.Timestamps ?? []).entries())
        samples.set(`${seriesOf(metric.MetricName!, metric.Dimensions ?? [])}@${Math.floor(t.getTime() / 1000)}`, r!.Values![i]!);
    }
    return samples;
  }

  const seriesOf = (name: string, dims: readonly { Name?: string; Value?: string }[]) =>
    `${name}{${[...dims]
      .map((d) => `${d.Name}=${d.Value}`)
      .sort()
      .join(',')}}`;

  /** What the runs computed (the jsonl sink got every point), as keys of {@link cloudWatchSamples}. */
  function computedPoints(): { keys: string[]; runs: Set<string> } {
    const points = readFileSync(join(dir, 'out/metrics.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const keys = points.map(
      (p) =>
        `${seriesOf(
          p.name,
          Object.entries(p.dimensions as Record<string, string>).map(([Name, Value]) => ({ Name, Value })),
        )}@${Math.floor(Date.parse(p.timestamp) / 1000)}`,
    );
    return { keys, runs: new Set(points.map((p) => p.runId as string)) };
  }

  /**
   * Waits for the wall clock's next second. CloudWatch keeps timestamps to the second: two runs in
   * one second put two samples on one timestamp, which is one datum of sample count 2 there, so the
   * runs here start in distinct seconds (the previous run's points are stamped before this returns).
   */
  const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));

  it('endpoint down → run → endpoint up → next run: every point of both runs is in CloudWatch exactly once', async () => {
    proxy.down = true;
    const first = await driftwatch(dir, 'run');
    expect(first.status, first.stderr).toBe(4);
    const n = computedPoints().keys.length;
    expect(n).toBeGreaterThan(0);
    expect(first.stdout).toContain(`${n} points: sinks[0] (jsonl) ${n} sent; sinks[1] (cloudwatch) 0 sent, ${n} pending in the outbox;`);
    expect(first.stderr).toMatch(/sink sinks\[1\] \(cloudwatch\) failed: .*ServiceUnavailable/);
    expect(first.stderr).toContain(`${n} point(s) kept in the outbox`);
    expect(readdirSync(join(dir, '.driftwatch/outbox')).filter((k) => k.startsWith('cloudwatch-'))).toHaveLength(1);
    expect(await cloudWatchSamples()).toEqual(new Map());

    proxy.down = false;
    await nextSecond();
    const second = await driftwatch(dir, 'run', '--format', 'json');
    expect(second.status, second.stderr).toBe(0);
    const result = JSON.parse(second.stdout);
    expect(result.sinks).toEqual([
      { sink: 'sinks[0]', type: 'jsonl', sent: n, fromOutbox: 0, pending: 0, dropped: 0, lost: 0 },
      { sink: 'sinks[1]', type: 'cloudwatch', sent: 2 * n, fromOutbox: n, pending: 0, dropped: 0, lost: 0 },
    ]);
    // The outbox went first: the first request's points are in timestamp order, the first run's before the second's.
    const sent = JSON.parse(proxy.bodies[0]!).MetricData.map((d: { Timestamp: number }) => d.Timestamp);
    expect(sent).toHaveLength(2 * n);
    expect(sent).toEqual([...sent].sort((a: number, b: number) => a - b));

    const computed = computedPoints();
    expect(computed.runs.size).toBe(2);
    expect(new Set(computed.keys).size).toBe(2 * n);
    const samples = await cloudWatchSamples();
    expect([...samples.keys()].sort()).toEqual([...computed.keys].sort());
    expect([...samples.values()].every((count) => count === 1)).toBe(true);

    // Down again: the third run's points wait; `driftwatch sinks flush` sends them once the endpoint is back.
    proxy.down = true;
    await nextSecond();
    const third = await driftwatch(dir, 'run');
    expect(third.status).toBe(4);
    expect(third.stdout).toContain(`sinks[1] (cloudwatch) 0 sent, ${n} pending in the outbox`);
    const stillDown = await driftwatch(dir, 'sinks', 'flush');
    expect(stillDown.status).toBe(4);
    expect(stillDown.stdout).toBe(`sinks[0] (jsonl) 0 sent\nsinks[1] (cloudwatch) 0 sent, ${n} pending in the outbox\n`);
    expect(stillDown.stderr).toMatch(/^driftwatch: sink sinks\[1\] \(cloudwatch\) failed: .*ServiceUnavailable/m);
    proxy.down = false;
    const flush = await driftwatch(dir, 'sinks', 'flush');
    expect(flush.stderr).toBe('');
    expect(flush.status).toBe(0);
    expect(flush.stdout).toBe(`sinks[0] (jsonl) 0 sent\nsinks[1] (cloudwatch) ${n} sent (${n} from the outbox)\n`);
    const again = await driftwatch(dir, 'sinks', 'flush', '--format', 'json');
    expect(JSON.parse(again.stdout)[1]).toEqual({
      sink: 'sinks[1]',
      type: 'cloudwatch',
      sent: 0,
      fromOutbox: 0,
      pending: 0,
      dropped: 0,
      lost: 0,
    });

    const all = computedPoints();
    expect(all.runs.size).toBe(3);
    const final = await cloudWatchSamples();
    expect([...final.keys()].sort()).toEqual([...all.keys].sort());
    expect([...final.values()].every((count) => count === 1)).toBe(true);
  }, 240_000);
});

if (missingInCi !== undefined) {
  describe('the durable outbox with CloudWatch (moto)', () => {
    it('needs moto in CI', () => {
      throw new Error(missingInCi);
    });
  });
}
