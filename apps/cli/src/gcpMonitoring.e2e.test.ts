import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeMonitoringServer } from '@driftwatch/plugin-gcp-monitoring/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// End to end: the built command with Google Cloud Monitoring providers, once with no credentials
// anywhere, once against the local server of the plugin's ./testing export configured as its README says.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');

/**
 * An environment without Application Default Credentials: no GOOGLE_ or gcloud variables, a HOME
 * without gcloud's ADC file, and google-auth-library told not to look for a metadata server
 * (off GCE it would wait up to 3 s for 169.254.169.254).
 */
function envWithoutCredentials(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(GOOGLE_|GCLOUD|CLOUDSDK_|GCE_METADATA)/.test(key)) continue;
    env[key] = value;
  }
  env.HOME = mkdtempSync(join(tmpdir(), 'dw-empty-home-'));
  env.METADATA_SERVER_DETECTION = 'none';
  return env;
}

/** Runs the built CLI without blocking the event loop (the local gRPC server lives in this process). */
function driftwatch(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [main, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** A fresh folder holding the scored example data and `yaml` as driftwatch.yaml. */
function project(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-gcp-'));
  mkdirSync(join(dir, 'data'));
  for (const f of ['scored-reference.csv', 'scored-current.csv']) copyFileSync(join(root, 'examples/data', f), join(dir, 'data', f));
  writeFileSync(join(dir, 'driftwatch.yaml'), yaml);
  return dir;
}

const locksOf = (dir: string) => (existsSync(join(dir, '.driftwatch/locks')) ? readdirSync(join(dir, '.driftwatch/locks')) : []);
const stackLine = /\n\s+at .+:\d+:\d+/;

beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
});

describe('Google Cloud Monitoring without credentials', () => {
  const yaml = `version: 1
store: { type: files, path: .driftwatch }
sinks:
  - { type: jsonl, path: out/metrics.jsonl }
  - { type: gcp-monitoring, projectId: my-project }
alarms:
  - { type: gcp-monitoring }
monitors:
  - name: churn
    reference: { path: data/scored-reference.csv }
    current: { path: data/scored-current.csv }
    alerts:
      - { name: dataset drift, metric: dataset.drift_share, comparison: gte, threshold: 0.5 }
`;
  const help =
    /provide credentials with GOOGLE_APPLICATION_CREDENTIALS=<service-account key file>, `gcloud auth application-default login`, or the keyFilename option/;

  it('run: exit 4, the table printed, the other sink published, the run recorded with the failed sink, no lock left', async () => {
    const dir = project(yaml);
    const env = envWithoutCredentials();
    const r = await driftwatch(['run'], dir, env);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.stderr).not.toContain('Could not load the default credentials');
    expect(r.stderr).not.toMatch(stackLine);
    const failure = 'gcp-monitoring Authenticate: no Google Cloud credentials found';
    const line = r.stderr.split('\n').find((l) => l.includes(failure));
    expect(line, r.stderr).toMatch(/sinks\[1\]/);
    expect(line).toMatch(help);
    expect(r.stdout).toMatch(/^Monitor churn — run \S+\n/);
    expect(r.stdout).toContain('tenure_months');
    expect(r.stdout).toContain(failure);
    const lines = readFileSync(join(dir, 'out/metrics.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => JSON.parse(l).dimensions.monitor === 'churn')).toBe(true);
    expect(locksOf(dir)).toEqual([]);

    const runId = /^Monitor churn — run (\S+)\n/.exec(r.stdout)![1];
    const history = await driftwatch(['history', '--format', 'json'], dir, env);
    expect(history.status, history.stderr).toBe(0);
    const { runs } = JSON.parse(history.stdout);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: runId, monitor: 'churn', failedSinks: 1 });
  }, 120_000);

  it('run --format json records the failed sink with the reason', async () => {
    const dir = project(yaml);
    const r = await driftwatch(['run', '--format', 'json'], dir, envWithoutCredentials());
    expect(r.status, r.stderr).toBe(4);
    const result = JSON.parse(r.stdout);
    expect(result.failedSinks).toHaveLength(1);
    expect(result.failedSinks[0]).toMatchObject({ sink: 'sinks[1]', type: 'gcp-monitoring' });
    expect(result.failedSinks[0].reason).toMatch(help);
    // The other sink published every point.
    expect(result.publishedPoints).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'out/metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(result.publishedPoints);
    expect(locksOf(dir)).toEqual([]);
  });

  it('alarms sync: exit 4 with one line saying how to provide credentials (no project configured either)', async () => {
    const dir = project(yaml);
    const r = await driftwatch(['alarms', 'sync'], dir, envWithoutCredentials());
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).not.toMatch(stackLine);
    expect(r.stderr).not.toContain('unexpected error');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^driftwatch: error: gcp-monitoring Authenticate: no Google Cloud credentials found \(Application Default Credentials\); /,
    );
    expect(lines[0]).toMatch(help);
  });
});

describe('the local Cloud Monitoring server of @driftwatch/plugin-gcp-monitoring/testing, configured as the README says', () => {
  let server: FakeMonitoringServer;
  let yaml: string;
  beforeAll(async () => {
    server = await FakeMonitoringServer.start();
    const readme = readFileSync(join(root, 'packages/plugin-gcp-monitoring/README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Running against a local emulator\n'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    if (block === undefined || !block.includes('127.0.0.1:8085')) throw new Error('the README has no emulator config on 127.0.0.1:8085');
    // The README's port, replaced by the port the test's server got.
    yaml = block.replaceAll('127.0.0.1:8085', server.endpoint);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('run writes the points and alarms sync creates the policy, with no Google credentials in the environment', async () => {
    const dir = project(yaml);
    const env = envWithoutCredentials();
    const r = await driftwatch(['run', '--format', 'json'], dir, env);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.failedSinks).toEqual([]);
    const written = [...server.series.values()];
    expect(written.reduce((n, s) => n + s.points.length, 0)).toBe(result.publishedPoints);
    expect(written.every((s) => s.resource.labels.project_id === 'local-project')).toBe(true);
    const share = written.find((s) => s.metric.type === 'custom.googleapis.com/driftwatch/dataset/drift_share');
    expect(share?.metric.labels).toEqual({ monitor: 'churn' });

    const sync = await driftwatch(['alarms', 'sync'], dir, env);
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stdout).toBe('gcp-monitoring (alarms[0]) monitor churn: created dataset drift; updated —; unchanged —\n');
    const [policy] = [...server.policies.values()];
    expect(policy.name).toMatch(/^projects\/local-project\/alertPolicies\//);
    expect(policy.conditions[0].conditionThreshold.filter).toContain(
      'metric.type = "custom.googleapis.com/driftwatch/dataset/drift_share"',
    );
  }, 120_000);

  it('alarms sync --dry-run diffs against the server (text and --format json) and changes nothing; sync prunes with prune: true', async () => {
    const config = (o: { threshold: number; tenureRule: boolean; prune: boolean }) => `version: 1
store: { type: files, path: .driftwatch }
alarms:
  - { type: gcp-monitoring, projectId: local-project, apiEndpoint: ${server.endpoint}, plaintext: true, prune: ${o.prune} }
monitors:
  - name: retention
    reference: { path: data/scored-reference.csv }
    current: { path: data/scored-current.csv }
    alerts:
      - { name: dataset drift, metric: dataset.drift_share, comparison: gte, threshold: ${o.threshold} }
${o.tenureRule ? '      - { name: tenure drift, metric: drift.score, comparison: gt, threshold: 0.2, dimensions: { feature: tenure_months } }\n' : ''}`;
    const dir = project(config({ threshold: 0.5, tenureRule: true, prune: false }));
    const env = envWithoutCredentials();
    const writes = () => server.calls.filter((c) => /^(Create|Update|Delete)AlertPolicy$/.test(c.method)).length;
    const ours = () => [...server.policies.values()].filter((p) => p.displayName.startsWith('Driftwatch: retention / '));

    const before = writes();
    const dry = await driftwatch(['alarms', 'sync', '--dry-run'], dir, env);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toBe(
      'gcp-monitoring (alarms[0]) monitor retention: would create dataset drift, tenure drift; would update —; unchanged —\n',
    );
    expect(writes()).toBe(before);
    expect(ours()).toEqual([]);

    const sync = await driftwatch(['alarms', 'sync'], dir, env);
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stdout).toBe('gcp-monitoring (alarms[0]) monitor retention: created dataset drift, tenure drift; updated —; unchanged —\n');
    const tenure = ours().find((p) => p.displayName.endsWith('tenure drift'));

    // A changed threshold and a removed rule: the diff names the fields and the stale policy, and changes nothing.
    writeFileSync(join(dir, 'driftwatch.yaml'), config({ threshold: 0.4, tenureRule: false, prune: false }));
    const afterSync = writes();
    const changed = await driftwatch(['alarms', 'sync', '--dry-run'], dir, env);
    expect(changed.status, changed.stderr).toBe(0);
    expect(changed.stdout).toBe(
      'gcp-monitoring (alarms[0]) monitor retention: would create —; would update dataset drift (documentation, conditions); ' +
        `unchanged —; stale ${tenure.name} (kept: prune is off)\n`,
    );
    writeFileSync(join(dir, 'driftwatch.yaml'), config({ threshold: 0.4, tenureRule: false, prune: true }));
    const json = await driftwatch(['alarms', 'sync', '--dry-run', '--format', 'json'], dir, env);
    expect(json.status, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({ schemaVersion: 1, dryRun: true });
    expect(out.results).toEqual([
      {
        alarmManager: 'alarms[0]',
        type: 'gcp-monitoring',
        monitor: 'retention',
        diff: true,
        create: [],
        update: [{ name: 'dataset drift', fields: ['documentation', 'conditions'] }],
        unchanged: [],
        stale: [tenure.name],
        delete: [tenure.name],
        pending: [],
      },
    ]);
    expect(writes()).toBe(afterSync);
    expect(ours()).toHaveLength(2);

    const pruned = await driftwatch(['alarms', 'sync', '--format', 'json'], dir, env);
    expect(pruned.status, pruned.stderr).toBe(0);
    expect(JSON.parse(pruned.stdout).results[0]).toMatchObject({
      created: [],
      updated: ['dataset drift'],
      unchanged: [],
      stale: [tenure.name],
      deleted: [tenure.name],
      pending: [],
    });
    expect(ours().map((p) => p.displayName)).toEqual(['Driftwatch: retention / dataset drift']);
    expect(ours()[0].conditions[0].conditionThreshold.thresholdValue).toBe(0.4);
  }, 120_000);
});

describe('window points with Cloud Monitoring (the local server)', () => {
  it('a run writes the windows of the last 25 hours as a series with a window label and drops older ones with a warning; a re-run succeeds', async () => {
    const server = await FakeMonitoringServer.start();
    try {
      const dir = project(`version: 1
store: { type: files, path: .driftwatch }
sinks:
  - { type: gcp-monitoring, projectId: local-project, apiEndpoint: ${server.endpoint}, plaintext: true }
monitors:
  - name: churn
    reference: { path: data/scored-reference.csv }
    current: { path: data/scored-current.csv }
    schema: { timestamp: ts }
    windows: { period: day }
`);
      // Two thirds of the current rows fall on the days three and two days back, the rest between today's start
      // and now: three day windows, of which only today's started within 25 hours, at any hour. (Yesterday's
      // window is left empty: it starts within 25 hours until 01:00 UTC, which failed this test just after midnight.)
      const file = join(dir, 'data/scored-current.csv');
      const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
      const ts = header.split(',').indexOf('ts');
      const today = new Date(new Date().toISOString().slice(0, 10)).getTime();
      const end = Math.max(Date.now() - 60_000, today + 60_000);
      const start = today - 3 * 86_400_000;
      const old = Math.floor((rows.length * 2) / 3);
      const shifted = rows.map((row, i) => {
        const cells = row.split(',');
        const at =
          i < old ? start + Math.floor((2 * 86_400_000 * i) / old) : today + Math.floor(((end - today) * (i - old)) / (rows.length - old));
        cells[ts] = new Date(at).toISOString();
        return cells.join(',');
      });
      writeFileSync(file, `${[header, ...shifted].join('\n')}\n`);

      const r = await driftwatch(['run', '--format', 'json'], dir, envWithoutCredentials());
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).failedSinks).toEqual([]);
      expect(r.stderr).toMatch(/gcp-monitoring: dropped \d+ of \d+ point\(s\) Cloud Monitoring would reject: \d+ older than 25 hours/);
      const windowed = [...server.series.values()].filter((x) => x.metric.labels.window !== undefined);
      expect(windowed.length).toBeGreaterThan(0);
      // One point per figure: today's window, stamped with its start; no chunk label anywhere.
      for (const x of windowed) {
        expect(x.metric.labels.window).toBe('day');
        expect(x.points.map((p) => p.endSeconds * 1000)).toEqual([today]);
      }
      expect([...server.series.values()].every((x) => x.metric.labels.chunk === undefined)).toBe(true);
      const types = new Set(windowed.map((x) => x.metric.type));
      for (const type of types) {
        const descriptor = server.descriptors.get(`projects/local-project/metricDescriptors/${type}`);
        expect(descriptor.labels.map((l: any) => l.key)).toContain('window');
      }

      // The next run over the same data: today's window is in Cloud Monitoring already; the run still succeeds.
      const stored = [...server.series.values()].reduce((n, x) => n + x.points.length, 0);
      const again = await driftwatch(['run', '--format', 'json'], dir, envWithoutCredentials());
      expect(again.status, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/gcp-monitoring: \d+ point\(s\) not written: their series already hold a point as new or newer/);
      expect(JSON.parse(again.stdout).sinks[0]).toMatchObject({ pending: 0, lost: 0 });
      for (const x of windowed) expect(x.points.map((p) => p.endSeconds * 1000)).toEqual([today]);
      // The figures over all rows carry the run's time: each series took one more point.
      expect([...server.series.values()].reduce((n, x) => n + x.points.length, 0)).toBe(stored + server.series.size - windowed.length);
    } finally {
      await server.stop();
    }
  }, 120_000);
});

describe('the durable outbox with Cloud Monitoring (the local server)', () => {
  const config = (endpoint: string) => `version: 1
store: { type: files, path: .driftwatch }
sinks:
  - { type: gcp-monitoring, projectId: local-project, apiEndpoint: ${endpoint}, plaintext: true, retry: { codes: [] } }
monitors:
  - name: churn
    reference: { path: data/scored-reference.csv }
    current: { path: data/scored-current.csv }
`;
  /** Every point the server was sent, as series and time: each must have been written once. */
  const sentPoints = (server: FakeMonitoringServer) =>
    server
      .requests('CreateTimeSeries')
      .flatMap((r) => r.timeSeries.map((t: any) => `${JSON.stringify(t.metric)}@${t.points[0].interval.endTime.seconds}`));
  const storedPoints = (server: FakeMonitoringServer) => [...server.series.values()].reduce((n, s) => n + s.points.length, 0);

  it('server down -> run -> server up -> sinks flush: every point written exactly once', async () => {
    const first = await FakeMonitoringServer.start();
    const port = first.port;
    await first.stop();
    const dir = project(config(`127.0.0.1:${port}`));
    const env = envWithoutCredentials();
    const run = await driftwatch(['run', '--format', 'json'], dir, env);
    expect(run.status, run.stderr).toBe(4);
    const result = JSON.parse(run.stdout);
    const n = result.sinks[0]?.pending;
    expect(n).toBeGreaterThan(0);
    expect(result.sinks).toEqual([{ sink: 'sinks[0]', type: 'gcp-monitoring', sent: 0, fromOutbox: 0, pending: n, dropped: 0, lost: 0 }]);

    const server = await FakeMonitoringServer.start({ port });
    try {
      const flush = await driftwatch(['sinks', 'flush'], dir, env);
      expect(flush.status, flush.stderr).toBe(0);
      expect(flush.stdout).toBe(`sinks[0] (gcp-monitoring) ${n} sent (${n} from the outbox)\n`);
      const again = await driftwatch(['sinks', 'flush'], dir, env);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toBe('sinks[0] (gcp-monitoring) 0 sent\n');
      const sent = sentPoints(server);
      expect(sent).toHaveLength(n);
      expect(new Set(sent).size).toBe(n);
      expect(storedPoints(server)).toBe(n);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('a partly failed run keeps only the unwritten points in the outbox; the flush writes them, each point once', async () => {
    const server = await FakeMonitoringServer.start();
    try {
      const dir = project(config(server.endpoint));
      const env = envWithoutCredentials();
      // One of the two metrics' descriptors cannot be read: its points are not written, the other metric's are.
      server.failNext('GetMetricDescriptor', 14 /* UNAVAILABLE */, 'backend restarting', 1);
      const run = await driftwatch(['run', '--format', 'json'], dir, env);
      expect(run.status, run.stderr).toBe(4);
      const [delivery] = JSON.parse(run.stdout).sinks;
      const n = delivery.sent + delivery.pending;
      expect(delivery.sent).toBeGreaterThan(0);
      expect(delivery.pending).toBeGreaterThan(0);
      expect(storedPoints(server)).toBe(delivery.sent);

      const flush = await driftwatch(['sinks', 'flush'], dir, env);
      expect(flush.status, flush.stderr).toBe(0);
      expect(flush.stdout).toBe(`sinks[0] (gcp-monitoring) ${delivery.pending} sent (${delivery.pending} from the outbox)\n`);
      const sent = sentPoints(server);
      expect(sent).toHaveLength(n);
      expect(new Set(sent).size).toBe(n);
      expect(storedPoints(server)).toBe(n);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
