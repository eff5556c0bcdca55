import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, requireBuiltCli, root } from '../__tests__/builtCli.js';

// `driftwatch run` on a monitor whose reference and current data are Bedrock invocation logs in
// S3 (moto), through the bundled Bedrock plugin; and the README's example config validating.
const availability = motoAvailability();
const missingInCi = motoMissingInCi(availability);
const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', NO_COLOR: '1' };

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

/** A Converse record; week 2 answers run long (more output tokens) and hit max_tokens. */
function record(i: number, week: number): string {
  const day = String(2 + (i % 5) + week * 7).padStart(2, '0');
  const long = week === 2;
  return JSON.stringify({
    schemaType: 'ModelInvocationLog',
    schemaVersion: '1.0',
    timestamp: `2026-03-${day}T10:${String(i % 60).padStart(2, '0')}:00Z`,
    accountId: '123456789012',
    region: 'us-east-1',
    requestId: `w${week}-${i}`,
    operation: 'Converse',
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    input: { inputBodyJson: { messages: [{ role: 'user', content: [{ text: `question ${i}` }] }] }, inputTokenCount: 20 + (i % 7) },
    output: {
      outputBodyJson: {
        output: { message: { role: 'assistant', content: [{ text: `answer ${i}` }] } },
        stopReason: long ? 'max_tokens' : 'end_turn',
        metrics: { latencyMs: 300 + (i % 11) * 10 + (long ? 400 : 0) },
      },
      outputTokenCount: (long ? 400 : 100) + (i % 13),
    },
  });
}

if (missingInCi) it('driftwatch with bedrock-invocation-logs: needs moto in CI', () => expect.fail(missingInCi));

describe.skipIf(skipWithoutMoto(availability))('driftwatch run on Bedrock invocation logs (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    requireBuiltCli();
    moto = await startMotoServer();
    const s3 = (path: string, init: RequestInit) =>
      fetch(`${moto.endpoint}/${path}`, {
        ...init,
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/s3/aws4_request' },
      });
    expect((await s3('bedrock-logs', { method: 'PUT' })).status).toBe(200);
    for (const week of [1, 2]) {
      const lines = Array.from({ length: 150 }, (_, i) => record(i, week)).join('\n');
      const key = `bot/AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2026/03/week${week}.json.gz`;
      expect((await s3(`bedrock-logs/${key}`, { method: 'PUT', body: gzipSync(lines) })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('finds the longer, slower, truncated answers of week 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-bedrock-logs-'));
    const source = (since: string, until: string) =>
      `{ type: bedrock-invocation-logs, uri: "s3://bedrock-logs/bot/", since: "${since}", until: "${until}", endpoint: "${moto.endpoint}", forcePathStyle: true }`;
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
monitors:
  - name: bot
    reference: ${source('2026-03-08T00:00:00Z', '2026-03-15T00:00:00Z')}
    current: ${source('2026-03-15T00:00:00Z', '2026-03-22T00:00:00Z')}
    schema: { ignore: [request_id, timestamp, prompt, response, input_tokens, refusal, response_words, response_chars] }
`,
    );
    const r = await driftwatch(dir, 'run', '--format', 'json', '--fail-on-drift');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as {
      status: string;
      drift: { reference: { rows: number }; current: { rows: number }; columns: { column: string; drifted: boolean }[] };
    };
    expect(out.status).toBe('drift');
    // The since/until windows split the two weeks' objects by record time: 150 rows each.
    expect([out.drift.reference.rows, out.drift.current.rows]).toEqual([150, 150]);
    const drifted = Object.fromEntries(out.drift.columns.map((c) => [c.column, c.drifted]));
    expect(drifted).toEqual({ operation: false, model_id: false, output_tokens: true, latency_ms: true, stop_reason: true });
  });

  it("the README's Bedrock example config validates", async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const after = readme.slice(readme.indexOf('#### Amazon Bedrock'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(after)![1]!;
    const dir = mkdtempSync(join(tmpdir(), 'dw-bedrock-readme-'));
    writeFileSync(join(dir, 'driftwatch.yaml'), yaml);
    const r = await driftwatch(dir, 'config', 'validate');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ok: driftwatch\.yaml: 1 monitor \(support-bot-traffic\)/);
  });
});
