import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OtlpReceiver } from './__tests__/otlpReceiver.js';

// End to end: the built `driftwatch` command with an `otlp` sink, against the local receiver that
// decodes the official OTLP protos.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');

function driftwatch(cwd: string, args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    // No OTEL_* variable of the outer environment leaks into the command.
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_')));
    const child = spawn(process.execPath, [main, ...args], { cwd, env: { ...base, NO_COLOR: '1', ...env } });
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

/** A folder with reference.csv and current.csv (`age` shifted by 15: it drifts) and `yaml` as driftwatch.yaml. */
function project(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-otlp-'));
  let reference = 'age,income\n';
  let current = reference;
  for (let i = 0; i < 300; i++) {
    reference += `${20 + (i % 40)},${30_000 + ((i * 137) % 20_000)}\n`;
    current += `${35 + (i % 40)},${30_000 + ((i * 137) % 20_000)}\n`;
  }
  writeFileSync(join(dir, 'reference.csv'), reference);
  writeFileSync(join(dir, 'current.csv'), current);
  writeFileSync(join(dir, 'driftwatch.yaml'), yaml);
  return dir;
}

const monitor = `monitors:
  - name: customers
    reference: { path: reference.csv }
    current: { path: current.csv }
`;

interface RunJson {
  startedAt: string;
  drift: {
    generatedAt: string;
    dataset: { share: number };
    columns: { column: string; method: string; measure: string; pValue?: number; statistic: number }[];
  };
  sinks: { type: string; sent: number; pending: number }[];
}

describe('driftwatch run with an otlp sink', () => {
  const receiver = new OtlpReceiver();
  beforeAll(async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
  });
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.replies.length = 0;
  });

  it.each(['http/protobuf', 'http/json'])('exports the run figures over %s, configured by OTEL_* variables', async (protocol) => {
    const dir = project(`version: 1\nsinks:\n  - { type: otlp, resource: { deployment.environment.name: ci } }\n${monitor}`);
    const run = await driftwatch(dir, ['run', '--format', 'json'], {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=otlp-key-0123456789',
      OTEL_SERVICE_NAME: 'churn-monitor',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as RunJson;
    expect(result.sinks).toEqual([expect.objectContaining({ type: 'otlp', sent: result.drift.columns.length + 1, pending: 0 })]);
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.headers['x-api-key']).toBe('otlp-key-0123456789');
    expect(request?.resource).toMatchObject({ 'service.name': 'churn-monitor', 'deployment.environment.name': 'ci' });
    const score = request?.metrics.find((m) => m.name === 'driftwatch.drift.score');
    const time = (BigInt(Date.parse(result.drift.generatedAt)) * 1_000_000n).toString();
    for (const c of result.drift.columns) {
      expect(score?.points).toContainEqual({
        attributes: { monitor: 'customers', feature: c.column, method: c.method, measure: c.measure },
        value: c.measure === 'p_value' ? c.pValue : c.statistic,
        timeUnixNano: time,
        startTimeUnixNano: time,
      });
    }
    expect(score?.points).toHaveLength(result.drift.columns.length);
    const share = request?.metrics.find((m) => m.name === 'driftwatch.dataset.drift_share');
    expect(share?.points).toEqual([
      { attributes: { monitor: 'customers' }, value: result.drift.dataset.share, timeUnixNano: time, startTimeUnixNano: time },
    ]);
  });

  it('keeps the points of a refused export in the outbox (exit 4), and "sinks flush" exports them', async () => {
    const dir = project(
      `version: 1\nsinks:\n  - { type: otlp, endpoint: "${receiver.url}/v1/metrics", headers: { authorization: "Bearer \${OTLP_TOKEN}" } }\n${monitor}`,
    );
    const env = { OTLP_TOKEN: 'tok-abcdef0123456789' };
    receiver.replies.push({ status: 401, body: 'unknown token tok-abcdef0123456789' });
    const refused = await driftwatch(dir, ['run', '--format', 'json'], env);
    expect(refused.status).toBe(4);
    expect(refused.stderr).toMatch(/otlp/);
    expect(`${refused.stdout}${refused.stderr}`).not.toContain('tok-abcdef0123456789');
    const result = JSON.parse(refused.stdout) as RunJson;
    const points = result.drift.columns.length + 1;
    expect(result.sinks).toEqual([expect.objectContaining({ type: 'otlp', sent: 0, pending: points })]);
    expect(receiver.requests).toHaveLength(0);

    const flush = await driftwatch(dir, ['sinks', 'flush'], env);
    expect(flush.stderr).toBe('');
    expect(flush.status).toBe(0);
    expect(flush.stdout).toMatch(new RegExp(`sinks\\[0\\] \\(otlp\\) ${points} sent \\(${points} from the outbox\\)`));
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.headers.authorization).toBe('Bearer tok-abcdef0123456789');
    const sent = receiver.requests[0]?.metrics.flatMap((m) => m.points) ?? [];
    expect(sent).toHaveLength(points);
    // The outbox keeps each point's own time: the run's, not the flush's.
    expect(new Set(sent.map((p) => p.timeUnixNano))).toEqual(
      new Set([(BigInt(Date.parse(result.drift.generatedAt)) * 1_000_000n).toString()]),
    );
  });

  it('reports the sink as failed when the receiver is down, its points pending in the outbox', async () => {
    const down = new OtlpReceiver();
    await down.start();
    const url = down.url;
    await down.stop();
    const dir = project(`version: 1\nsinks:\n  - { type: otlp, endpoint: "${url}/v1/metrics", requestTimeout: 2s }\n${monitor}`);
    const r = await driftwatch(dir, ['run', '--format', 'json'], {});
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/otlp export: \d+ of \d+ point\(s\) not exported/);
    const result = JSON.parse(r.stdout) as RunJson & { failedSinks: { sink: string; type: string; reason: string }[] };
    expect(result.failedSinks).toEqual([
      expect.objectContaining({
        sink: 'sinks[0]',
        type: 'otlp',
        reason: expect.stringMatching(/not exported .*ECONNREFUSED.*kept in the outbox/),
      }),
    ]);
    expect(result.sinks).toEqual([expect.objectContaining({ type: 'otlp', sent: 0, pending: result.drift.columns.length + 1 })]);
  });

  it('the example config and the README configs validate', async () => {
    const dir = project('');
    for (const [file, text] of [
      ['example', readFileSync(join(root, 'examples/opentelemetry/driftwatch.yaml'), 'utf8').replace(/\.\.\/data\//g, '')],
      [
        'readme',
        `version: 1\n${/```yaml\n([\s\S]*?)```/.exec(readFileSync(join(root, 'packages/plugin-opentelemetry/README.md'), 'utf8'))?.[1]}${monitor}`,
      ],
    ] as const) {
      writeFileSync(join(dir, `${file}.yaml`), text);
      const r = await driftwatch(dir, ['config', 'validate', '--config', `${file}.yaml`], { OTLP_API_KEY: 'k-0123456789' });
      expect(r.stderr, file).toBe('');
      expect(r.status, file).toBe(0);
    }
  });
});
