import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { degradingModel, rubricJudge, startBedrockRuntimeServer } from '@driftwatch/plugin-aws-bedrock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, requireBuiltCli } from '../__tests__/builtCli.js';

// `driftwatch eval` in a real process, its real Bedrock Runtime client against the wire-level test server.
const weekMs = 7 * 24 * 3600 * 1000;
const start = Date.UTC(2026, 0, 5);
let time = start;
const topics = ['refund', 'shipping', 'account', 'billing'];
const items = Array.from({ length: 40 }, (_, i) => ({
  id: `q${i}`,
  prompt: `How do I handle ${topics[i % 4]} case number ${i}?`,
  reference: `For ${topics[i % 4]} case ${i} open the ${topics[i % 4]} page, choose request ${i} and confirm within five days.`,
  tags: [topics[i % 4]!],
}));
const answers = Object.fromEntries(items.map((item) => [item.prompt, item.reference]));
const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', NO_COLOR: '1' };

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

describe('driftwatch eval (wire-level Bedrock Runtime server)', () => {
  let server: Awaited<ReturnType<typeof startBedrockRuntimeServer>>;
  let dir = '';
  const config = () => join(dir, 'driftwatch.yaml');
  const writeConfig = (extra = '') =>
    writeFileSync(
      config(),
      `version: 1
store: { type: files, path: .driftwatch }
sinks:
  - { type: jsonl, path: out/metrics.jsonl }
evaluations:
  - name: support
    dataset: golden.jsonl
    endpoint: ${server.endpoint}
    maxAttempts: 3
    retryBaseDelayMs: 1
    target: { modelId: assistant, inference: { maxTokens: 300, temperature: 0 }, template: "Customer question: {{prompt}}" }
    judge: { modelId: judge }
    concurrency: 8
    prices: { assistant: { inputPer1k: 0.25, outputPer1k: 1.25 } }
    scorers:
      - { type: token-f1 }
      - { type: rouge-l }
      - { type: judge, rubric: correctness, threshold: 0.75 }
${extra}`,
    );

  beforeAll(async () => {
    requireBuiltCli();
    dir = mkdtempSync(join(tmpdir(), 'dw-eval-cli-'));
    writeFileSync(join(dir, 'golden.jsonl'), `${items.map((item) => JSON.stringify(item)).join('\n')}\n`);
    const prefixed = Object.fromEntries(Object.entries(answers).map(([q, a]) => [`Customer question: ${q}`, a]));
    server = await startBedrockRuntimeServer({
      models: { assistant: degradingModel({ answers: prefixed, start, weeklyDegradation: 0.1 }), judge: rubricJudge() },
      clock: { now: () => time, sleep: async () => {} },
    });
    writeConfig();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the suite, then reports the paired drop a month later, publishes points and records both runs', async () => {
    const first = await driftwatch('eval', '--config', config());
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^suite support {2}model assistant {2}40 items, 0 errors \(0\.0%\)/u);
    expect(first.stdout).toMatch(/\ncorrectness +1\.00 +\[1\.00, 1\.00\] +100\.0% +40 +0\n/u);

    time = start + 4 * weekMs;
    const later = await driftwatch('eval', '--config', config(), '--suite', 'support', '--format', 'json');
    expect(later.stderr).toBe('');
    expect(later.status).toBe(0);
    const result = JSON.parse(later.stdout);
    expect(result).toMatchObject({ schemaVersion: 1, kind: 'llm', suite: 'support', model: 'assistant' });
    const worse = result.items.filter((i: { scores: Record<string, number> }) => i.scores['token-f1']! < 1).length;
    expect(worse).toBeGreaterThan(6);
    const change = result.comparison.changes.find((c: { scorer: string }) => c.scorer === 'correctness');
    expect(change).toMatchObject({ pairs: 40, previousMean: 1, worse, better: 0 });
    expect(change.pValue).toBeLessThan(0.01);

    time = start + 5 * weekMs;
    const table = await driftwatch('eval', '--config', config());
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/\n {2}correctness fell from 0\.\d\d to 0\.\d\d, p [<=] 0\.\d+, [1-9]\d* items? got worse\n/u);

    const points = readFileSync(join(dir, 'out/metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const correctness = points.filter((p) => p.name === 'llm.correctness' && p.dimensions.tag === 'all');
    expect(correctness).toHaveLength(3);
    expect(correctness[0].dimensions).toMatchObject({ model: 'assistant', suite: 'support' });
    expect(correctness[1].value).toBeCloseTo(change.currentMean, 12);

    const history = await driftwatch('history', '--config', config(), '--format', 'json');
    const runs = JSON.parse(history.stdout).runs.filter((r: { monitor: string }) => r.monitor === 'support');
    expect(runs).toHaveLength(3);
    expect(runs[1].performance.correctness).toBeCloseTo(change.currentMean, 12);
  });

  it('stops at the token budget with status 3, and names the golden-set line of bad input with status 2', async () => {
    writeConfig('    tokenBudget: 100\n');
    const budget = await driftwatch('eval', '--config', config());
    expect(budget.status).toBe(3);
    expect(budget.stderr).toMatch(/^driftwatch: error: evaluation "support": token budget of 100 exceeded/u);

    writeConfig();
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"a","prompt":"hi"}\n{"id":"b","prompt":"x","tags":"refund"}\n');
    writeFileSync(config(), readFileSync(config(), 'utf8').replace('dataset: golden.jsonl', 'dataset: bad.jsonl'));
    const bad = await driftwatch('eval', '--config', config());
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`${join(dir, 'bad.jsonl')}:2: tags: `);
  });
});
