import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, DescribeAlarmsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
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
    const cw = `{ type: cloudwatch, region: us-east-1, endpoint: "${moto.endpoint}", requestCompression: false }`;
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
sinks:
  - ${cw.replace('cloudwatch,', 'cloudwatch, namespace: DriftwatchE2E,')}
alarms:
  - ${cw.replace('cloudwatch,', 'cloudwatch, namespace: DriftwatchE2E,')}
monitors:
  - name: customers
    reference: { path: data/reference.csv }
    current: { path: data/current.csv }
    schema: { id: customer_id }
    alerts:
      - { name: dataset-drift, metric: dataset.drift_share, comparison: gte, threshold: 0.3, severity: warning }
      - { name: income-drift, metric: drift.score, dimensions: { feature: income }, comparison: gt, threshold: 0.2, severity: critical }
`,
    );
  });
  afterAll(async () => {
    client?.destroy();
    await moto?.stop();
  });

  it('publishes a run to CloudWatch and creates the alarms once (a second sync changes nothing)', async () => {
    const run = await driftwatch(dir, 'run');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const metrics = await client.send(new ListMetricsCommand({ Namespace: 'DriftwatchE2E' }));
    const names = new Set((metrics.Metrics ?? []).map((m) => m.MetricName));
    expect([...names].sort()).toEqual(['dataset.drift_share', 'drift.score']);
    const income = (metrics.Metrics ?? []).find((m) => m.Dimensions?.some((d) => d.Name === 'feature' && d.Value === 'income'));
    expect(income?.Dimensions?.find((d) => d.Name === 'monitor')?.Value).toBe('customers');

    const first = await driftwatch(dir, 'alarms', 'sync');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/created [^;]*dataset-drift[^;]*income-drift|created [^;]*income-drift[^;]*dataset-drift/);
    const alarms = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'driftwatch-customers/' }));
    const byName = new Map((alarms.MetricAlarms ?? []).map((a) => [a.AlarmName, a]));
    expect(byName.get('driftwatch-customers/dataset-drift')).toMatchObject({
      Namespace: 'DriftwatchE2E',
      Threshold: 0.3,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(byName.get('driftwatch-customers/income-drift')?.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'feature', Value: 'income' },
        { Name: 'monitor', Value: 'customers' },
      ]),
    );

    const second = await driftwatch(dir, 'alarms', 'sync');
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/created —; updated —; unchanged/);
  });
});

if (missingInCi !== undefined) {
  describe('driftwatch with CloudWatch (moto)', () => {
    it('needs moto in CI', () => {
      throw new Error(missingInCi);
    });
  });
}
