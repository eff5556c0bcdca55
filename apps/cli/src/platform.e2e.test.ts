import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// End to end: the built command (`pnpm exec turbo run build --filter=@driftwatch/cli...` first),
// config → plugins → run → sinks, alerts and the run store → history.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');
const reference = join(root, 'examples/data/reference.csv');
const current = join(root, 'examples/data/current.csv');

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function driftwatch(cwd: string, args: string[], env: Record<string, string> = {}): Result {
  const r = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like {@link driftwatch} but without blocking this process, so sockets opened by the test can receive meanwhile. */
function driftwatchAsync(cwd: string, args: string[]): Promise<Result> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [main, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
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

// Each test spawns the CLI up to a dozen times; on a busy 2-core machine that takes a while.
vi.setConfig({ testTimeout: 240_000 });

let base: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm exec turbo run build --filter=@driftwatch/cli..." first`);
  base = mkdtempSync(join(tmpdir(), 'dw-platform-'));
});

let n = 0;
/** A fresh folder with a config file in it. */
function project(config?: string): string {
  const dir = join(base, `p${n++}`);
  mkdirSync(dir, { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, 'driftwatch.yaml'), config);
  return dir;
}

const monitorYaml = (extra = '') => `
monitors:
  - name: customers
    reference: { path: ${JSON.stringify(reference)} }
    current: { path: ${JSON.stringify(current)} }
    schema: { id: customer_id }
${extra}`;

describe('init → config validate → run → history', () => {
  it('works end to end, with exit statuses, and records runs that survive restarts', () => {
    const dir = project();
    const init = driftwatch(dir, ['init', '-r', reference, '-c', current, '--name', 'customers']);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/^wrote driftwatch\.yaml \(10 columns\)/);
    const config = readFileSync(join(dir, 'driftwatch.yaml'), 'utf8');
    expect(config).toMatch(/^ {6}id: customer_id +# row id; not drift-tested$/m);
    expect(config).toMatch(/^ {6}# target: column_name +# true labels/m);
    expect(config).toMatch(/^ {6}# {3}income: numeric$/m);
    // Data outside the config's folder is named by absolute path; inside it, relative to it.
    expect(config).toContain(`reference: { path: ${reference} }`);

    const again = driftwatch(dir, ['init', '-r', reference, '-c', current]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/driftwatch\.yaml exists; pass --force to overwrite it/);
    expect(readFileSync(join(dir, 'driftwatch.yaml'), 'utf8')).toBe(config);
    expect(driftwatch(dir, ['init', '-r', reference, '-c', current, '--name', 'customers', '--force']).status).toBe(0);

    const valid = driftwatch(dir, ['config', 'validate']);
    expect(valid.stderr).toBe('');
    expect(valid.status).toBe(0);
    expect(valid.stdout).toMatch(
      /^ok: driftwatch\.yaml: 1 monitor \(customers\), 1 sink, 1 alert channel, 1 alert rule, 0 alarm managers, store sqlite\n$/,
    );
    // A check creates nothing: no store file (the run below makes it), no sink file.
    expect(driftwatch(dir, ['config', 'show']).status).toBe(0);
    expect(readdirSync(dir)).toEqual(['driftwatch.yaml']);

    const first = driftwatch(dir, ['run']);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Monitor customers — run \S+\n/);
    expect(first.stdout).toMatch(/^income\s+numeric\s+wasserstein\s+[\d.]+\s+—\s+d ≥ 0\.1\s+DRIFT/m);
    expect(first.stdout).toMatch(/\n10 points: sinks\[0\] \(jsonl\) 10 sent; recorded as ok\n/);

    const second = driftwatch(dir, ['run', '--format', 'json', '--fail-on-drift']);
    expect(second.status).toBe(0); // 3 of 9 columns: no dataset drift at the default share
    const result = JSON.parse(second.stdout);
    expect(result).toMatchObject({
      schemaVersion: 1,
      monitor: 'customers',
      status: 'ok',
      failedSinks: [],
      alerts: [],
      publishedPoints: 10,
    });
    // The drift section is the report `check --format json` prints for the same settings.
    const check = JSON.parse(
      driftwatch(root, ['check', '-r', reference, '-c', current, '--ignore', 'customer_id', '--format', 'json']).stdout,
    );
    expect({ ...result.drift, generatedAt: 0 }).toEqual({ ...check, generatedAt: 0 });

    const metrics = readFileSync(join(dir, 'driftwatch-out/metrics.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(metrics).toHaveLength(20);
    expect(metrics.every((p) => p.dimensions.monitor === 'customers')).toBe(true);

    const history = driftwatch(dir, ['history']);
    expect(history.status).toBe(0);
    const lines = history.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^started\s+monitor\s+status\s+drift share\s+trend\s+drifted\s+columns drifted\s+failed sinks$/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/customers\s+ok\s+33\.3%\s+=\s+3\/9\s+income, avg_session_minutes, plan\s+0$/);
    expect(lines[2]).toMatch(/customers\s+ok\s+33\.3%\s+—\s+3\/9/);
    const json = JSON.parse(driftwatch(dir, ['history', '--monitor', 'customers', '--limit', '1', '--format', 'json']).stdout);
    expect(json.runs).toHaveLength(1);
    expect(json.runs[0]).toMatchObject({
      id: result.runId,
      trend: 'same',
      driftShare: 1 / 3,
      drifted: ['income', 'avg_session_minutes', 'plan'],
    });
    // init writes the default store: one SQLite file, no JSON run files.
    expect(existsSync(join(dir, '.driftwatch/driftwatch.db'))).toBe(true);
    expect(existsSync(join(dir, '.driftwatch/runs'))).toBe(false);
  });

  it('shows drift trends with arrows and exits 1 with --fail-on-drift when a dataset drifts', () => {
    const dir = project(`version: 1\nstore: { type: files, path: .driftwatch }\n${monitorYaml()}`);
    expect(driftwatch(dir, ['run']).status).toBe(0);
    const yaml = readFileSync(join(dir, 'driftwatch.yaml'), 'utf8').replace(
      'schema: { id: customer_id }',
      'schema: { id: customer_id }\n    drift: { datasetShare: 0.3, thresholds: { "*": 0.03 } }',
    );
    writeFileSync(join(dir, 'driftwatch.yaml'), yaml);
    const drifted = driftwatch(dir, ['run', '--fail-on-drift']);
    expect(drifted.status).toBe(1);
    expect(drifted.stdout).toMatch(/Dataset drift DETECTED/);
    const rows = JSON.parse(driftwatch(dir, ['history', '--format', 'json']).stdout).runs;
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['drift', 'ok']);
    expect(rows[0].trend).toBe('up');
    expect(rows[0].driftShare).toBeGreaterThan(rows[1].driftShare);
    const table = driftwatch(dir, ['history']).stdout;
    expect(table).toMatch(/drift\s+[\d.]+%\s+↑/);
  });
});

describe('driftwatch run with failing providers', () => {
  it('exits 4 when a sink fails, still writes the other sinks, and records which sink failed', () => {
    const dir = project();
    writeFileSync(join(dir, 'blocker'), 'a file, so blocker/x.jsonl cannot be created');
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
store: { type: files, path: .driftwatch }
sinks:
  - { type: jsonl, path: out/a.jsonl }
  - { type: jsonl, path: blocker/x.jsonl }
${monitorYaml(`    sinks:
      - { type: csv, path: out/b.csv }`)}`,
    );
    const r = driftwatch(dir, ['run']);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(
      /^driftwatch: monitor customers: sink sinks\[1\] \(jsonl\) failed: jsonl flush: cannot append to .*blocker\/x\.jsonl/m,
    );
    expect(readFileSync(join(dir, 'out/a.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(10);
    expect(readFileSync(join(dir, 'out/b.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(11);
    const [file] = readdirSync(join(dir, '.driftwatch/runs'));
    const record = JSON.parse(readFileSync(join(dir, '.driftwatch/runs', file), 'utf8'));
    expect(record.failedSinks).toEqual([{ type: 'jsonl', reason: expect.stringMatching(/blocker\/x\.jsonl/) }]);
    expect(record.result.failedSinks).toEqual([{ sink: 'sinks[1]', type: 'jsonl', reason: expect.stringMatching(/blocker\/x\.jsonl/) }]);
    expect(driftwatch(dir, ['history']).stdout).toMatch(/customers\s+ok\s+33\.3%\s+—\s+3\/9\s+.*\s1$/m);
  });

  it('exits 4 when an alert cannot be delivered, after retrying', async () => {
    // A port nobody listens on: bound, then closed.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const dir = project(`version: 1
store: { type: files, path: .driftwatch }
alerts:
  channels:
    - { type: webhook, name: ops, url: "http://127.0.0.1:${port}/hook", retries: 2, backoffMs: 10, timeoutMs: 2000 }
${monitorYaml(`    alerts:
      - { name: any-drift, metric: dataset.drift_share, comparison: gt, threshold: 0.1 }`)}`);
    const r = driftwatch(dir, ['run', '--format', 'json']);
    expect(r.status).toBe(4);
    const result = JSON.parse(r.stdout);
    // The webhook retries itself (3 attempts); its final failure is not retried again by the runner.
    expect(result.alerts[0].deliveries[0]).toMatchObject({ channel: 'ops', type: 'webhook', status: 'failed', attempts: 1 });
    expect(r.stderr).toMatch(
      /alert "any-drift" to ops failed after 1 attempt\(s\): POST http:\/\/127\.0\.0\.1:\d+\/hook: ECONNREFUSED \(after 3 attempts\)/,
    );
  });

  it('exits 5 when another run holds the monitor lock', () => {
    const dir = project(`version: 1\nstore: { type: files, path: .driftwatch }\n${monitorYaml()}`);
    mkdirSync(join(dir, '.driftwatch/locks'), { recursive: true });
    writeFileSync(
      join(dir, '.driftwatch/locks/monitor-customers.lock'),
      JSON.stringify({ owner: 'other', expiresAt: Date.now() + 3_600_000, pid: 1 }),
    );
    const r = driftwatch(dir, ['run']);
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/monitor "customers" is being run by another process/);
  });

  it('exits 2 for an unknown --monitor and a missing data file', () => {
    const dir = project(`version: 1\nstore: { type: files, path: .driftwatch }\n${monitorYaml()}`);
    const unknown = driftwatch(dir, ['run', '--monitor', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--monitor names unknown monitor "nope" \(monitors: customers\)/);
    const missing = project(`version: 1\nmonitors:\n  - { name: m, reference: { path: nope.csv }, current: { path: nope.csv } }\n`);
    const r = driftwatch(missing, ['run']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nope\.csv/);
    expect(JSON.parse(driftwatch(missing, ['history', '--format', 'json']).stdout).runs[0]).toMatchObject({
      status: 'failed',
      driftShare: null,
    });
  });
});

describe('driftwatch config validate with broken configs', () => {
  it.each([
    ['a YAML syntax error', 'version: 1\nmonitors: [\n  { name: a\n', /driftwatch\.yaml:\d+:\d+: /],
    [
      'an unknown sink type',
      `version: 1\nsinks: [{ type: cloudwach }]\n${monitorYaml()}`,
      /sinks\[0\]\.type: unknown sink "cloudwach" \(known: [^)]*csv, [^)]*jsonl/,
    ],
    [
      'a bad option',
      `version: 1\nsinks: [{ type: jsonl, path: out.jsonl, flush: true }]\n${monitorYaml()}`,
      /sinks\[0\]\.flush: unknown option "flush" for jsonl/,
    ],
    [
      'a missing env var',
      `version: 1\nsinks: [{ type: jsonl, path: "\${DW_TEST_UNSET_VAR}" }]\n${monitorYaml()}`,
      /sinks\[0\]\.path: environment variable DW_TEST_UNSET_VAR is not set/,
    ],
    [
      'an unknown key',
      `version: 1\nmonitorz: []\n${monitorYaml()}`,
      /monitorz: unknown key "monitorz" \(known: .*did you mean "monitors"\?\)/,
    ],
    [
      'a plugin that is not one',
      `version: 1\nplugins: [./not-plugin.mjs]\n${monitorYaml()}`,
      /plugins\[0\] "\.\/not-plugin\.mjs": default export is not a Driftwatch plugin \(use definePlugin\)/,
    ],
    [
      'a source its factory refuses: events over the file store',
      `version: 1\nstore: { type: files, path: .driftwatch }\n${monitorYaml().replace(/current: \{ path: [^}]*\}/, 'current: { type: events }')}`,
      /monitors\[0\]\.current: data source "events" of plugin "@driftwatch\/store-sqlite": the events source reads the store's events/,
    ],
    [
      'a missing plugin file',
      `version: 1\nplugins: [./gone.mjs]\n${monitorYaml()}`,
      /plugins\[0\] "\.\/gone\.mjs": cannot load: no such file/,
    ],
  ])('exits 2 naming the path for %s', (_name, config, message) => {
    const dir = project(config);
    writeFileSync(join(dir, 'not-plugin.mjs'), 'export default 42;\n');
    const r = driftwatch(dir, ['config', 'validate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('--format json: every problem with its path, line and column, on stdout, with the exit status', () => {
    const dir = project(`version: 1
sinks:
  - { type: jsonl, path: out.jsonl, flush: true }
  - type: cloudwach
monitorz: []
${monitorYaml().trim()}
`);
    const r = driftwatch(dir, ['config', 'validate', '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: false, file: 'driftwatch.yaml', status: 2, code: 'CONFIG_INVALID' });
    expect(report.issues).toEqual([
      { path: 'monitorz', message: expect.stringMatching(/^unknown key "monitorz"/), line: 5, column: 1 },
      { path: 'sinks[0].flush', message: 'unknown option "flush" for jsonl', line: 3, column: 37 },
      { path: 'sinks[1].type', message: expect.stringMatching(/^unknown sink "cloudwach"/), line: 4, column: 5 },
    ]);

    // A syntax error: its place; a source its factory refuses: the source's place.
    writeFileSync(join(dir, 'driftwatch.yaml'), 'version: 1\nmonitors: [\n  { name: a\n');
    const syntax = JSON.parse(driftwatch(dir, ['config', 'validate', '--format', 'json']).stdout);
    expect(syntax.issues[0]).toMatchObject({ path: 'driftwatch.yaml:4:1', line: 4, column: 1 });
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1\nstore: { type: files, path: .driftwatch }\n${monitorYaml().replace(/current: \{ path: [^}]*\}/, 'current: { type: events }')}`,
    );
    const refused = driftwatch(dir, ['config', 'validate', '--format', 'json']);
    expect(refused.status).toBe(2);
    expect(JSON.parse(refused.stdout).issues).toEqual([
      { path: 'monitors[0].current', message: expect.stringMatching(/the events source reads the store's events/), line: 7, column: 5 },
    ]);

    writeFileSync(join(dir, 'driftwatch.yaml'), `version: 1\n${monitorYaml()}`);
    const ok = driftwatch(dir, ['config', 'validate', '--format', 'json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({
      ok: true,
      file: 'driftwatch.yaml',
      monitors: ['customers'],
      sinks: 0,
      alertChannels: 0,
      alertRules: 0,
      alarmManagers: 0,
      store: 'sqlite',
      plugins: [],
      retraining: [],
    });
  });

  it('says where to start when there is no config', () => {
    const r = driftwatch(project(), ['run']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/driftwatch\.yaml: config file not found \(write one with "driftwatch init"/);
  });

  it('never prints secrets: not in errors, not in config show', () => {
    const secret = 'sk-live-abcdef123456';
    const config = `version: 1
alerts:
  channels:
    - { type: webhook, url: "https://hooks.example.com/x", secret: "\${DW_HOOK_SECRET}", timeoutMs: -1 }
    - { type: webhook, name: two, url: "https://hooks.example.com/y", secret: literal-secret-in-file }
${monitorYaml()}`;
    const dir = project(config);
    const invalid = driftwatch(dir, ['config', 'validate'], { DW_HOOK_SECRET: secret });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/alerts\.channels\[0\]\.timeoutMs/);
    writeFileSync(join(dir, 'driftwatch.yaml'), config.replace('timeoutMs: -1', 'timeoutMs: 1000'));
    const show = driftwatch(dir, ['config', 'show'], { DW_HOOK_SECRET: secret });
    expect(show.status).toBe(0);
    const shown = JSON.parse(show.stdout);
    expect(shown.alerts.channels[0]).toMatchObject({ secret: '***', url: 'https://hooks.example.com/x' });
    expect(shown.alerts.channels[1]).toMatchObject({ secret: '***' });
    expect(`${invalid.stdout}${invalid.stderr}${show.stdout}${show.stderr}`).not.toMatch(/sk-live-abcdef123456|literal-secret-in-file/);
  });
});

describe('driftwatch plugins', () => {
  it('lists every provider with its options from the schemas', () => {
    const r = driftwatch(root, ['plugins', '--format', 'json']);
    expect(r.status).toBe(0);
    const { providers } = JSON.parse(r.stdout);
    const key = (p: { port: string; type: string }) => `${p.port}:${p.type}`;
    expect(providers.map(key)).toEqual(
      expect.arrayContaining([
        'DataSource:csv',
        'MetricsSink:jsonl',
        'MetricsSink:csv',
        'RunStore:files',
        'AlertChannel:log',
        'AlertChannel:webhook',
      ]),
    );
    const webhook = providers.find((p: { type: string }) => p.type === 'webhook');
    expect(webhook.plugin).toBe('@driftwatch/plugin-local');
    expect(webhook.options).toEqual(
      expect.arrayContaining([
        { name: 'url', type: 'string (uri)', required: true, description: 'where alerts are POSTed' },
        expect.objectContaining({ name: 'secret', type: 'string', required: false, secret: true }),
        expect.objectContaining({ name: 'retries', type: 'integer', required: false, default: 3 }),
      ]),
    );
    const table = driftwatch(root, ['plugins']).stdout;
    expect(table).toMatch(/^AlertChannel\s+webhook\s+@driftwatch\/plugin-local$/m);
    expect(table).toMatch(/^ {4}timeoutMs: integer \(default 10000\) — per-attempt timeout, ms$/m);
  });
});

describe('the example StatsD plugin', () => {
  it('loads by path from a config and receives the points over UDP', async () => {
    const socket = createSocket('udp4');
    const packets: string[] = [];
    socket.on('message', (m) => packets.push(m.toString()));
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
    const port = (socket.address() as AddressInfo).port;
    const dir = project();
    const plugin = relative(dir, join(root, 'examples/plugins/statsd-sink.mjs'));
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
plugins: [${JSON.stringify(`./${plugin}`)}]
sinks:
  - { type: statsd, host: 127.0.0.1, port: ${port}, prefix: dw }
${monitorYaml()}`,
    );
    const valid = driftwatch(dir, ['config', 'validate']);
    expect(valid.stderr).toBe('');
    expect(valid.stdout).toMatch(/plugins: example-statsd/);
    const listed = JSON.parse(driftwatch(dir, ['plugins', '--config', 'driftwatch.yaml', '--format', 'json']).stdout).providers;
    expect(listed.find((p: { type: string }) => p.type === 'statsd')).toMatchObject({ plugin: 'example-statsd', port: 'MetricsSink' });
    const r = await driftwatchAsync(dir, ['run']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (let i = 0; i < 50 && packets.join('\n').split('\n').length < 10; i++) await new Promise((done) => setTimeout(done, 20));
    socket.close();
    const lines = packets.join('\n').split('\n');
    expect(lines).toHaveLength(10);
    expect(lines).toContainEqual(expect.stringMatching(/^dw\.dataset\.drift_share:0\.333\d*\|g\|#monitor:customers$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^dw\.drift\.score:[\d.e-]+\|g\|#monitor:customers,feature:income,method:wasserstein,measure:distance$/),
    );

    const bad = project(
      `version: 1\nplugins: [${JSON.stringify(`./${relative(join(base, `p${n - 1}`), join(root, 'examples/plugins/statsd-sink.mjs'))}`)}]\nsinks: [{ type: statsd, port: 99999 }]\n${monitorYaml()}`,
    );
    const invalid = driftwatch(bad, ['config', 'validate']);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/sinks\[0\]\.port: /);
  });
});

describe('driftwatch alarms sync', () => {
  // An alarm manager keeping its alarms in a JSON file, written as a plain-object plugin (no imports), to show the sync loop.
  const alarmPlugin = `import { readFileSync, writeFileSync, existsSync } from 'node:fs';
export default { name: 'file-alarms', providers: [{ port: 'AlarmManager', type: 'file-alarms', description: 'alarms in a JSON file',
  options: { safeParse: (v) => typeof v.path === 'string' ? { success: true, data: v } : { success: false, error: { issues: [{ path: ['path'], message: 'required' }] } } },
  create: (o, ctx) => ({ type: 'file-alarms', async sync(rules, { monitor }) {
    const file = ctx.baseDir + '/' + o.path;
    const alarms = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    const out = { created: [], updated: [], unchanged: [] };
    for (const r of rules) {
      const key = monitor + '/' + r.name; const next = JSON.stringify(r);
      if (!(key in alarms)) out.created.push(r.name); else if (alarms[key] !== next) out.updated.push(r.name); else out.unchanged.push(r.name);
      alarms[key] = next;
    }
    writeFileSync(file, JSON.stringify(alarms));
    return out;
  } }) }] };
`;

  it('creates alarms, then changes nothing on a second sync, and updates a changed rule', () => {
    const rules = (threshold: number) => `    alerts:
      - { name: share, metric: dataset.drift_share, comparison: gt, threshold: ${threshold} }
      - { name: income, metric: drift.score, dimensions: { feature: income }, comparison: gt, threshold: 0.2 }`;
    const dir = project(
      `version: 1\nplugins: [./alarms.mjs]\nalarms: [{ type: file-alarms, path: alarms.json }]\n${monitorYaml(rules(0.5))}`,
    );
    writeFileSync(join(dir, 'alarms.mjs'), alarmPlugin);
    const dry = driftwatch(dir, ['alarms', 'sync', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe(
      'file-alarms (alarms[0]) monitor customers: would sync 2 rule(s): share, income (the provider cannot compare them with its alarms)\n',
    );
    expect(existsSync(join(dir, 'alarms.json'))).toBe(false);
    const first = driftwatch(dir, ['alarms', 'sync']);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('file-alarms (alarms[0]) monitor customers: created share, income; updated —; unchanged —\n');
    expect(driftwatch(dir, ['alarms', 'sync']).stdout).toBe(
      'file-alarms (alarms[0]) monitor customers: created —; updated —; unchanged share, income\n',
    );
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      readFileSync(join(dir, 'driftwatch.yaml'), 'utf8').replace('threshold: 0.5', 'threshold: 0.4'),
    );
    expect(driftwatch(dir, ['alarms', 'sync']).stdout).toBe(
      'file-alarms (alarms[0]) monitor customers: created —; updated share; unchanged income\n',
    );
  });

  it('exits 2 when no alarm manager is configured', () => {
    const r = driftwatch(project(`version: 1\n${monitorYaml()}`), ['alarms', 'sync']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/alarms: no alarm manager configured/);
  });
});
