import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { type BedrockRuntimeServer, degradedRefusal, rubricJudge, startBedrockRuntimeServer } from '@driftwatch/plugin-aws-bedrock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, requireBuiltCli } from '../__tests__/builtCli.js';

// `driftwatch run` watching an LLM application's traffic: a monitor whose reference and current
// data are Bedrock invocation logs in S3 (moto) — a reference week and a week whose answers run
// longer, refuse more and whose prompts moved to other topics — with Titan embeddings and a judge
// served by the wire-level Bedrock Runtime server.
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

const weekTopics = [
  ['parcel', 'password', 'refund', 'address'],
  ['invoice', 'warranty', 'subscription', 'crash'],
];
const steps = ['open the account page', 'choose the order', 'click the help button', 'confirm by email', 'wait two days'];

/** A Converse record of week 0 (reference) or 1 (drifted: other topics, longer answers, 1 in 4 refused). */
function record(i: number, week: 0 | 1): string {
  const topic = weekTopics[week]![i % 4]!;
  const day = String(2 + (i % 7) + week * 7).padStart(2, '0');
  const refused = week === 0 ? i % 50 === 0 : i % 4 === 1;
  const answer = refused
    ? degradedRefusal
    : `For your ${topic} question ${steps.slice(0, week === 0 ? 2 : 5).join(', then ')}${week === 1 ? ', and if that fails contact support with the reference number from your confirmation email' : ''}.`;
  const words = answer.split(' ').length;
  return JSON.stringify({
    schemaType: 'ModelInvocationLog',
    schemaVersion: '1.0',
    timestamp: `2026-03-${day}T${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`,
    accountId: '123456789012',
    region: 'us-east-1',
    requestId: `w${week}-${i}`,
    operation: 'Converse',
    modelId: 'support-model',
    input: {
      inputBodyJson: { messages: [{ role: 'user', content: [{ text: `I have a ${topic} problem, case ${i % 10}: what should I do?` }] }] },
      inputTokenCount: 12 + (i % 5),
    },
    output: {
      outputBodyJson: {
        output: { message: { role: 'assistant', content: [{ text: answer }] } },
        stopReason: 'end_turn',
        metrics: { latencyMs: 300 + (i % 11) * 10 },
      },
      outputTokenCount: Math.round(words * 1.3) + (i % 3),
    },
  });
}

if (missingInCi) it('driftwatch run on Bedrock traffic: needs moto in CI', () => expect.fail(missingInCi));

describe.skipIf(skipWithoutMoto(availability))(
  'driftwatch run: LLM traffic monitors on Bedrock invocation logs (moto + wire-level runtime)',
  () => {
    let moto: MotoServer;
    let runtime: BedrockRuntimeServer;
    let dir = '';
    const put = async (key: string, body: Uint8Array | string) => {
      const reply = await fetch(`${moto.endpoint}/bedrock-logs/${key}`, {
        method: 'PUT',
        body,
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/s3/aws4_request' },
      });
      expect(reply.status).toBe(200);
    };
    beforeAll(async () => {
      requireBuiltCli();
      dir = mkdtempSync(join(tmpdir(), 'dw-bedrock-traffic-'));
      [moto, runtime] = await Promise.all([
        startMotoServer(),
        // Every 7th embedding call is throttled once: the CLI retries it.
        startBedrockRuntimeServer({
          models: { judge: rubricJudge() },
          embeddingFault: (_t, i) => (i % 7 === 3 ? 'ThrottlingException' : undefined),
        }),
      ]);
      const bucket = await fetch(`${moto.endpoint}/bedrock-logs`, {
        method: 'PUT',
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/s3/aws4_request' },
      });
      expect(bucket.status).toBe(200);
      const logs = 'bot/AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2026/03';
      for (const week of [0, 1] as const) {
        const lines = Array.from({ length: 160 }, (_, i) => record(i, week)).join('\n');
        await put(`${logs}/week${week}.json.gz`, gzipSync(lines));
      }
      await put('broken/log.json', `${record(1, 0)}\n${record(2, 0)}\n{"schemaType": "ModelInvocationLog", "timest\n`);
    });
    afterAll(async () => {
      await runtime?.close();
      await moto?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const source = (since: string, until: string, uri = 's3://bedrock-logs/bot/') => `
      type: bedrock-invocation-logs
      uri: "${uri}"
      since: "${since}"
      until: "${until}"
      endpoint: "${moto.endpoint}"
      forcePathStyle: true
      retryBaseDelayMs: 1
      embeddings: { of: [prompt], dimensions: 256, batch: 4, endpoint: "${runtime.endpoint}" }
      judge: { modelId: judge, rubrics: [refusal], sample: 0.25, seed: 7, endpoint: "${runtime.endpoint}" }`;
    const config = (current = source('2026-03-09T00:00:00Z', '2026-03-16T00:00:00Z')) => `version: 1
store: { type: files, path: .driftwatch }
sinks:
  - { type: jsonl, path: out/metrics.jsonl }
monitors:
  - name: support-traffic
    reference:${source('2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z')}
    current:${current}
    alerts:
      - { name: refusals, metric: llm.refusal_rate, comparison: gt, threshold: 0.1, severity: critical }
      - { name: judged-refusals, metric: llm.judge.refusal, comparison: gt, threshold: 0.1 }
`;

    it('finds the longer answers, the new topics (text and embeddings), fires the refusal-rate alert and publishes the llm.* figures; a re-run invokes nothing', async () => {
      writeFileSync(join(dir, 'driftwatch.yaml'), config());
      const r = await driftwatch(dir, 'run', '--format', 'json', '--fail-on-drift');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      const out = JSON.parse(r.stdout) as {
        status: string;
        drift: {
          reference: { rows: number };
          current: { rows: number };
          columns: { column: string; kind: string; drifted: boolean; text?: { descriptors: { column: string; drifted: boolean }[] } }[];
        };
        alerts: { alert: { rule: string; message: string } }[];
        sourceFigures: { reference: { name: string; value: number }[]; current: { name: string; value: number }[] };
      };
      expect(out.status).toBe('drift');
      expect([out.drift.reference.rows, out.drift.current.rows]).toEqual([160, 160]);
      const byColumn = Object.fromEntries(out.drift.columns.map((c) => [c.column, c]));
      // request_id and timestamp are declared id and timestamp by the source: not tested.
      expect(Object.keys(byColumn).sort()).toEqual(
        [
          'operation',
          'model_id',
          'prompt',
          'response',
          'input_tokens',
          'output_tokens',
          'latency_ms',
          'stop_reason',
          'refusal',
          'response_words',
          'response_chars',
          'judge_refusal',
          'prompt_embedding',
        ].sort(),
      );
      expect(byColumn.prompt_embedding).toMatchObject({ kind: 'embedding', drifted: true });
      expect(byColumn.prompt).toMatchObject({ kind: 'text', drifted: true });
      for (const column of ['response_words', 'response_chars', 'output_tokens', 'refusal']) expect(byColumn[column]?.drifted).toBe(true);
      // Same distributions on both sides: no drift.
      for (const column of ['input_tokens', 'latency_ms', 'model_id']) expect(byColumn[column]?.drifted).toBe(false);
      // The text descriptors of the response (Evidently's) are tested too: its length drifted.
      expect(byColumn.response?.text?.descriptors.find((d) => d.column === 'response.length')?.drifted).toBe(true);

      const figure = (side: 'reference' | 'current', name: string) => out.sourceFigures[side].find((f) => f.name === name)?.value;
      expect(figure('reference', 'llm.refusal_rate')).toBeCloseTo(4 / 160, 12);
      expect(figure('current', 'llm.refusal_rate')).toBeCloseTo(40 / 160, 12);
      expect(figure('current', 'llm.judge.refusal')).toBeGreaterThan(0.1);
      expect(figure('reference', 'llm.judge.refusal')).toBeLessThan(0.1);
      expect(out.alerts.map((a) => a.alert.rule)).toEqual(['refusals', 'judged-refusals']);
      expect(out.alerts[0]!.alert.message).toBe('support-traffic: llm.refusal_rate{model=support-model} = 0.25 > 0.1 (rule "refusals")');

      // The figures reached the sink as points of the run, with the monitor and model dimensions.
      const points = readFileSync(join(dir, 'out/metrics.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { name: string; value: number; dimensions: Record<string, string> });
      const refusalPoint = points.find((p) => p.name === 'llm.refusal_rate');
      expect(refusalPoint).toMatchObject({ value: 0.25, dimensions: { model: 'support-model', monitor: 'support-traffic' } });
      expect(points.some((p) => p.name === 'llm.judge.refusal.pass_rate')).toBe(true);

      // Embeddings: 20 distinct prompts a week, each embedded once; throttled calls retried.
      const invokes = runtime.calls.filter((c) => c.operation === 'InvokeModel');
      expect(invokes.filter((c) => c.status === 200)).toHaveLength(40);
      expect(invokes.filter((c) => c.status === 429).length).toBeGreaterThan(0);
      // A second run reads embeddings and judgements from .driftwatch/bedrock-cache: nothing reaches the server.
      const calls = runtime.calls.length;
      const again = await driftwatch(dir, 'run', '--format', 'json');
      expect(again.status).toBe(0);
      expect(runtime.calls.length).toBe(calls);
      expect((JSON.parse(again.stdout) as { alerts: unknown[] }).alerts).toHaveLength(2);
    });

    it('a malformed log line is an input error naming the object and line: exit status 2', async () => {
      writeFileSync(
        join(dir, 'driftwatch.yaml'),
        config(source('2026-03-01T00:00:00Z', '2026-03-16T00:00:00Z', 's3://bedrock-logs/broken/')),
      );
      const r = await driftwatch(dir, 'run', '--format', 'json');
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/s3:\/\/bedrock-logs\/broken\/log\.json:3: not valid JSON/u);
    });

    it('a custom rubric without instructions is a config error at its path', async () => {
      writeFileSync(
        join(dir, 'driftwatch.yaml'),
        config(source('2026-03-09T00:00:00Z', '2026-03-16T00:00:00Z').replace('rubrics: [refusal]', 'rubrics: [refusal, tone]')),
      );
      const r = await driftwatch(dir, 'config', 'validate');
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/monitors\[0\]\.current\.judge\.rubrics\.1: "tone" is not a built-in rubric/u);
    });
  },
);
