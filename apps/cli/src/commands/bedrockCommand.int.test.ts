import { spawn } from 'node:child_process';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, requireBuiltCli } from '../__tests__/builtCli.js';

// `driftwatch bedrock logging status` in a real process against moto's Bedrock control plane.
const availability = motoAvailability();
const missingInCi = motoMissingInCi(availability);
const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', NO_COLOR: '1' };

// Async spawn: the moto server lives in this process's event loop.
function driftwatch(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [main, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

if (missingInCi) it('driftwatch bedrock logging status: needs moto in CI', () => expect.fail(missingInCi));

describe.skipIf(skipWithoutMoto(availability))('driftwatch bedrock logging status (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    requireBuiltCli();
    moto = await startMotoServer();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('says off (status 1 with --fail-if-off), then on with the destinations once logging is configured', async () => {
    const off = await driftwatch('bedrock', 'logging', 'status', '--endpoint', moto.endpoint, '--fail-if-off');
    expect(off.stderr).toBe('');
    expect(off.status).toBe(1);
    expect(off.stdout.split('\n')[0]).toBe('model invocation logging in us-east-1: off');
    // PutModelInvocationLoggingConfiguration on the wire (REST-JSON), as the console would.
    const put = await fetch(`${moto.endpoint}/logging/modelinvocations`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/bedrock/aws4_request',
      },
      body: JSON.stringify({
        loggingConfig: {
          s3Config: { bucketName: 'bedrock-logs', keyPrefix: 'bot' },
          cloudWatchConfig: { logGroupName: '/aws/bedrock/invocations', roleArn: 'arn:aws:iam::123456789012:role/L' },
          textDataDeliveryEnabled: true,
        },
      }),
    });
    expect(put.status).toBe(200);
    const on = await driftwatch('bedrock', 'logging', 'status', '--endpoint', moto.endpoint, '--region', 'us-east-1', '--fail-if-off');
    expect(on.status).toBe(0);
    expect(on.stdout).toBe(
      'model invocation logging in us-east-1: on\n' +
        '  S3: s3://bedrock-logs/bot/\n' +
        '  CloudWatch Logs: /aws/bedrock/invocations (role arn:aws:iam::123456789012:role/L)\n' +
        '  data logged: text\n',
    );
    const json = await driftwatch('bedrock', 'logging', 'status', '--endpoint', moto.endpoint, '--format', 'json');
    expect(JSON.parse(json.stdout)).toEqual({
      schemaVersion: 1,
      region: 'us-east-1',
      enabled: true,
      s3: 's3://bedrock-logs/bot/',
      cloudWatch: { logGroupName: '/aws/bedrock/invocations', roleArn: 'arn:aws:iam::123456789012:role/L', largeDataS3: null },
      delivery: ['text'],
    });
  });

  it('a bad flag is status 2 naming it; an unreachable endpoint is status 4 naming the operation', async () => {
    const bad = await driftwatch('bedrock', 'logging', 'status', '--region', 'nowhere');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^driftwatch: error: bedrock logging status: --region: an AWS region such as us-east-1/);
    const down = await driftwatch('bedrock', 'logging', 'status', '--endpoint', 'http://127.0.0.1:9');
    expect(down.status).toBe(4);
    expect(down.stderr).toMatch(/bedrock GetModelInvocationLoggingConfiguration: /);
  });
});
