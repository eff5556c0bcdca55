import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricStatisticsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// End to end against the moto server: `driftwatch run` publishing to the `cloudwatch` sink and
// `driftwatch alarms sync` creating CloudWatch alarms from the config's alert rules, with the real
// SDK client behind both (credentials from the environment, endpoint from the config).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');
const availability = motoAvailability();
const missingInCi = motoMissingInCi(availability);
const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', NO_COLOR: '1' };

// Async spawn: the moto server lives in this process's event loop.
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

describe.skipIf(skipWithoutMoto(availability))('driftwatch with CloudWatch (moto)', () => {
  let moto: MotoServer;
  let dir: string;
  let client: CloudWatchClient;

  beforeAll(async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
    moto = await startMotoServer();
    client = new CloudWatchClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    dir = mkdtempSync(join(tmpdir(), 'dw-cloudwatch-'));
    for (const f of ['reference.csv', 'current.csv']) cpSync(join(root, 'examples/data', f), join(dir, 'data', f));
    writeFileSync(join(dir, 'driftwatch.yaml'), config({ threshold: 0.3, prune: false, incomeRule: true }));
  });
  afterAll(async () => {
    client?.destroy();
    await moto?.stop();
  });

  // moto's server cannot read gzip bodies: the config turns request compression off, as the README's emulator section says.
  function config(o: { threshold: number; prune: boolean; incomeRule: boolean }): string {
    const cw = `{ type: cloudwatch, namespace: DriftwatchE2E, region: us-east-1, endpoint: "${moto.endpoint}", requestCompression: false }`;
    return `version: 1
sinks:
  - ${cw}
alarms:
  - ${cw.replace(' }', `, prune: ${o.prune} }`)}
monitors:
  - name: customers
    reference: { path: data/reference.csv }
    current: { path: data/current.csv }
    schema: { id: customer_id }
    drift: { methods: { income: psi } }
    alerts:
      - { name: dataset-drift, metric: dataset.drift_share, comparison: gte, threshold: ${o.threshold}, severity: warning }
${o.incomeRule ? '      - { name: income-drift, metric: drift.score, dimensions: { feature: income }, comparison: gt, threshold: 0.2, severity: critical }\n' : ''}`;
  }
  const dimensionSet = (d: readonly { Name?: string; Value?: string }[] | undefined) =>
    (d ?? [])
      .map((x) => `${x.Name}=${x.Value}`)
      .sort()
      .join(',');
  const alarmsNow = async () =>
    (await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'driftwatch-customers/' }))).MetricAlarms ?? [];

  it('publishes a windowed monitor as one metric per figure, the windows as points at their start (no chunk dimension)', async () => {
    // Four daily windows within CloudWatch's two-week window, two features.
    const day = 86_400_000;
    const today = Math.floor(Date.now() / day) * day;
    const days = [4, 3, 2, 1].map((n) => today - n * day);
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const rows = (start: number, n: number, shift: number) =>
      Array.from({ length: n }, (_, i) => {
        const ts = new Date(start + Math.floor((i / n) * 4 * day) + 1000).toISOString();
        return `${ts},${(random() + shift).toFixed(4)},${random() < 0.5 ? 'a' : 'b'}`;
      }).join('\n');
    const windowed = mkdtempSync(join(tmpdir(), 'dw-cloudwatch-windows-'));
    writeFileSync(join(windowed, 'reference.csv'), `ts,x,c\n${rows(today - 10 * day, 400, 0)}\n`);
    writeFileSync(join(windowed, 'current.csv'), `ts,x,c\n${rows(days[0]!, 400, 0.2)}\n`);
    writeFileSync(
      join(windowed, 'driftwatch.yaml'),
      `version: 1
sinks:
  - { type: cloudwatch, namespace: DriftwatchWindows, region: us-east-1, endpoint: "${moto.endpoint}", requestCompression: false }
monitors:
  - name: daily
    reference: { path: reference.csv }
    current: { path: current.csv }
    schema: { timestamp: ts }
    windows: { period: day }
`,
    );
    const run = await driftwatch(windowed, 'run', '--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).windows.chunks).toHaveLength(4);

    const metrics = (await client.send(new ListMetricsCommand({ Namespace: 'DriftwatchWindows' }))).Metrics ?? [];
    // A metric is its name plus its dimension set; moto 5.2 lists one entry per datum for multi-dimension metrics, AWS one per metric.
    const series = [...new Set(metrics.map((m) => `${m.MetricName} ${dimensionSet(m.Dimensions)}`))].sort();
    // One metric per (name, dimension set): the run's figures, and each figure over the windows; none per window.
    expect(series.filter((m) => m.includes('chunk='))).toEqual([]);
    const windowSeries = series.filter((m) => m.includes('window=day'));
    expect(windowSeries.map((m) => m.split(' ')[0])).toEqual([
      'dataset.drift_share',
      'drift.score',
      'drift.score',
      'quality.missing_share',
      'quality.missing_share',
      'quality.out_of_range_share',
      'quality.unseen_share',
    ]);
    expect(series).toHaveLength(windowSeries.length + 3); // + the run's drift.score per feature and drift_share

    const x = metrics.find(
      (m) =>
        m.MetricName === 'drift.score' &&
        dimensionSet(m.Dimensions).includes('window=day') &&
        dimensionSet(m.Dimensions).includes('feature=x'),
    );
    const stats = await client.send(
      new GetMetricStatisticsCommand({
        Namespace: 'DriftwatchWindows',
        MetricName: 'drift.score',
        Dimensions: x?.Dimensions,
        StartTime: new Date(today - 5 * day),
        EndTime: new Date(today + day),
        Period: 86_400,
        Statistics: ['SampleCount'],
      }),
    );
    // The windows' figures are the series' points, at each day's start.
    expect((stats.Datapoints ?? []).map((d) => [d.Timestamp?.toISOString(), d.SampleCount]).sort()).toEqual(
      days.map((d) => [new Date(d).toISOString(), 1]),
    );

    // Opt-in: windows.chunkDimension publishes one metric per window, with a chunk dimension.
    const config = readFileSync(join(windowed, 'driftwatch.yaml'), 'utf8');
    writeFileSync(
      join(windowed, 'driftwatch.yaml'),
      config.replace('DriftwatchWindows', 'DriftwatchChunks').replace('{ period: day }', '{ period: day, chunkDimension: true }'),
    );
    const byChunk = await driftwatch(windowed, 'run');
    expect(byChunk.status, byChunk.stderr).toBe(0);
    const chunked = (await client.send(new ListMetricsCommand({ Namespace: 'DriftwatchChunks', MetricName: 'dataset.drift_share' })))
      .Metrics;
    const chunkKeys = new Set((chunked ?? []).flatMap((m) => (m.Dimensions ?? []).filter((d) => d.Name === 'chunk').map((d) => d.Value)));
    expect([...chunkKeys].sort()).toEqual(days.map((d) => new Date(d).toISOString().slice(0, 10)));
  });

  it("runs the plugin README's local-emulator config against moto: with compression off a body over 10 KiB goes through", async () => {
    const readme = readFileSync(join(root, 'packages/plugin-aws-cloudwatch/README.md'), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('\n## Local emulators (moto)\n')))?.[1] ?? '';
    expect(yaml).toContain('requestCompression: false');
    const project = mkdtempSync(join(tmpdir(), 'dw-cloudwatch-emulator-'));
    for (const f of ['reference.csv', 'current.csv']) cpSync(join(root, 'examples/data', f), join(project, 'data', f));
    // Only moto's port and the monitor's name (other tests here use "customers") differ from the README.
    writeFileSync(
      join(project, 'driftwatch.yaml'),
      yaml.replaceAll('http://127.0.0.1:5000', moto.endpoint).replace('name: customers', 'name: emulator'),
    );
    const run = await driftwatch(project, 'run', '--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.failedSinks).toEqual([]);
    // Some 250 points: one PutMetricData body of about 50 KB, which the SDK would gzip with compression on.
    expect(result.publishedPoints).toBeGreaterThan(200);
    const share = await client.send(
      new ListMetricsCommand({
        Namespace: 'Driftwatch',
        MetricName: 'dataset.drift_share',
        Dimensions: [{ Name: 'monitor', Value: 'emulator' }],
      }),
    );
    expect(new Set((share.Metrics ?? []).map((m) => dimensionSet(m.Dimensions)))).toEqual(
      new Set(['monitor=emulator', 'monitor=emulator,window=10-windows']),
    );
    const sync = await driftwatch(project, 'alarms', 'sync');
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stdout).toBe(
      'cloudwatch (alarms[0]) monitor emulator: created driftwatch-emulator/dataset-drift, driftwatch-emulator/dataset-drift/window=10-windows; updated —; unchanged —\n',
    );
  });

  it('says a rule is pending while its metric was never published, and creates nothing', async () => {
    const dry = await driftwatch(dir, 'alarms', 'sync', '--dry-run', '--format', 'json');
    expect(dry.status, dry.stderr).toBe(0);
    const out = JSON.parse(dry.stdout);
    expect(out).toMatchObject({ schemaVersion: 1, dryRun: true });
    expect(out.results).toEqual([
      {
        alarmManager: 'alarms[0]',
        type: 'cloudwatch',
        monitor: 'customers',
        diff: true,
        create: [],
        update: [],
        unchanged: [],
        stale: [],
        delete: [],
        pending: [
          {
            rule: 'dataset-drift',
            reason: expect.stringMatching(/^no metric dataset\.drift_share \{monitor=customers\} .*run the monitor/),
          },
          { rule: 'income-drift', reason: expect.stringMatching(/^no metric drift\.score \{feature=income, monitor=customers\}/) },
        ],
      },
    ]);
    expect(await alarmsNow()).toEqual([]);
  });

  it('publishes a run, diffs with --dry-run, then creates alarms that each watch exactly a published dimension set', async () => {
    const run = await driftwatch(dir, 'run');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const metrics = (await client.send(new ListMetricsCommand({ Namespace: 'DriftwatchE2E' }))).Metrics ?? [];
    expect([...new Set(metrics.map((m) => m.MetricName))].sort()).toEqual(['dataset.drift_share', 'drift.score']);

    const dry = await driftwatch(dir, 'alarms', 'sync', '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toBe(
      'cloudwatch (alarms[0]) monitor customers: would create driftwatch-customers/dataset-drift, ' +
        'driftwatch-customers/income-drift/measure=distance,method=psi; would update —; unchanged —\n',
    );
    expect(await alarmsNow()).toEqual([]);

    const first = await driftwatch(dir, 'alarms', 'sync');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe(
      'cloudwatch (alarms[0]) monitor customers: created driftwatch-customers/dataset-drift, ' +
        'driftwatch-customers/income-drift/measure=distance,method=psi; updated —; unchanged —\n',
    );
    const alarms = await alarmsNow();
    expect(alarms.find((a) => a.AlarmName === 'driftwatch-customers/dataset-drift')).toMatchObject({
      Namespace: 'DriftwatchE2E',
      Threshold: 0.3,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    // CloudWatch treats each exact dimension set as its own metric: every alarm's set is one ListMetrics returns.
    const published = new Set(metrics.map((m) => `${m.MetricName} ${dimensionSet(m.Dimensions)}`));
    const watched = alarms.map((a) => `${a.MetricName} ${dimensionSet(a.Dimensions)}`).sort();
    expect(watched).toEqual([
      'dataset.drift_share monitor=customers',
      'drift.score feature=income,measure=distance,method=psi,monitor=customers',
    ]);
    for (const w of watched) expect(published.has(w), w).toBe(true);

    const second = await driftwatch(dir, 'alarms', 'sync');
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/created —; updated —; unchanged driftwatch-customers\/dataset-drift, /);
  });

  it('diffs a changed and a removed rule with --dry-run, then prints what the sync pruned (text and JSON)', async () => {
    writeFileSync(join(dir, 'driftwatch.yaml'), config({ threshold: 0.4, prune: false, incomeRule: false }));
    const kept = await driftwatch(dir, 'alarms', 'sync', '--dry-run');
    expect(kept.stdout).toBe(
      'cloudwatch (alarms[0]) monitor customers: would create —; would update driftwatch-customers/dataset-drift ' +
        '(Threshold, AlarmDescription); unchanged —; stale driftwatch-customers/income-drift/measure=distance,method=psi (kept: prune is off)\n',
    );
    writeFileSync(join(dir, 'driftwatch.yaml'), config({ threshold: 0.4, prune: true, incomeRule: false }));
    const dry = await driftwatch(dir, 'alarms', 'sync', '--dry-run', '--format', 'json');
    expect(JSON.parse(dry.stdout).results[0]).toMatchObject({
      diff: true,
      create: [],
      update: [{ name: 'driftwatch-customers/dataset-drift', fields: ['Threshold', 'AlarmDescription'] }],
      unchanged: [],
      stale: ['driftwatch-customers/income-drift/measure=distance,method=psi'],
      delete: ['driftwatch-customers/income-drift/measure=distance,method=psi'],
      pending: [],
    });
    expect(await alarmsNow()).toHaveLength(2);

    const sync = await driftwatch(dir, 'alarms', 'sync', '--format', 'json');
    expect(sync.status, sync.stderr).toBe(0);
    expect(JSON.parse(sync.stdout)).toEqual({
      schemaVersion: 1,
      dryRun: false,
      results: [
        {
          alarmManager: 'alarms[0]',
          type: 'cloudwatch',
          monitor: 'customers',
          created: [],
          updated: ['driftwatch-customers/dataset-drift'],
          unchanged: [],
          stale: ['driftwatch-customers/income-drift/measure=distance,method=psi'],
          deleted: ['driftwatch-customers/income-drift/measure=distance,method=psi'],
          pending: [],
        },
      ],
    });
    expect((await alarmsNow()).map((a) => [a.AlarmName, a.Threshold])).toEqual([['driftwatch-customers/dataset-drift', 0.4]]);

    // The text form names what was pruned.
    writeFileSync(join(dir, 'driftwatch.yaml'), config({ threshold: 0.4, prune: true, incomeRule: true }));
    expect((await driftwatch(dir, 'alarms', 'sync')).stdout).toMatch(
      /created driftwatch-customers\/income-drift\/measure=distance,method=psi;/,
    );
    writeFileSync(join(dir, 'driftwatch.yaml'), config({ threshold: 0.4, prune: true, incomeRule: false }));
    expect((await driftwatch(dir, 'alarms', 'sync')).stdout).toBe(
      'cloudwatch (alarms[0]) monitor customers: created —; updated —; unchanged driftwatch-customers/dataset-drift; ' +
        'pruned driftwatch-customers/income-drift/measure=distance,method=psi\n',
    );
  });
});

if (missingInCi !== undefined) {
  describe('driftwatch with CloudWatch (moto)', () => {
    it('needs moto in CI', () => {
      throw new Error(missingInCi);
    });
  });
}
