import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetParameterCommand, GetParameterHistoryCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { degradingModel, rubricJudge, type ScriptedModel, startBedrockRuntimeServer } from '@driftwatch/plugin-aws-bedrock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, requireBuiltCli } from '../__tests__/builtCli.js';

// The LLM closed loop end to end: `driftwatch run` evaluates a suite whose target degrades (the
// wire-level Bedrock Runtime server), its alert rule fires, the promotion evaluates the challenger,
// gates it item by item and writes the champion to an SSM parameter (moto); a challenger that fails
// its post-deploy evaluation is rolled back, restoring the parameter's previous value.
const availability = motoAvailability();
const missingInCi = motoMissingInCi(availability);
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
const answers = Object.fromEntries(items.map((item) => [`Q: ${item.prompt}`, item.reference]));
const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', NO_COLOR: '1' };

/** Right on its first `good` calls, then "I don't know." to everything. */
const flaky =
  (good: number): ScriptedModel =>
  (request, callIndex) => {
    const text =
      request.messages
        .at(-1)
        ?.content.map((b) => b.text ?? '')
        .join('\n') ?? '';
    return { text: callIndex < good ? (answers[text] ?? "I don't know.") : "I don't know." };
  };

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

if (missingInCi) it('the LLM closed loop: needs moto in CI', () => expect.fail(missingInCi));

describe.skipIf(skipWithoutMoto(availability))('the LLM closed loop (Bedrock wire server + moto SSM)', () => {
  let moto: MotoServer;
  let server: Awaited<ReturnType<typeof startBedrockRuntimeServer>>;
  let ssm: SSMClient;
  let dir = '';
  const config = (name: string) => join(dir, `${name}.yaml`);
  const writeConfig = (name: string, parameter: string, challenger: string, postDeploy = '') =>
    writeFileSync(
      config(name),
      `version: 1
store: { type: files, path: .driftwatch-${name} }
sinks:
  - { type: jsonl, path: out/${name}.jsonl }
evaluations:
  - name: ${name}
    dataset: golden.jsonl
    endpoint: ${server.endpoint}
    maxAttempts: 2
    retryBaseDelayMs: 1
    schedule: { every: 1h }
    target: { modelId: assistant, template: "Q: {{prompt}}", promptVersion: v1, tokensPerMinute: 1000000 }
    judge: { modelId: judge }
    concurrency: 8
    scorers:
      - { type: token-f1 }
      - { type: judge, rubric: correctness, threshold: 0.75 }
    alerts:
      - { name: correctness-low, metric: llm.correctness.pass_rate, comparison: lt, threshold: 0.9, dimensions: { tag: all } }
    challengers:
      - { name: ${challenger}, modelId: ${challenger}, promptVersion: v2 }
    promotion:
      model: ${name}-bot
      when: { alerts: [correctness-low] }
      gate: { scorer: correctness, minGain: 0.05, alpha: 0.05, maxRegression: 0.05 }
      registry: { type: folder, path: models-${name} }
      deployer: { parameterName: ${parameter}, endpoint: ${moto.endpoint}, maxAttempts: 1 }
${postDeploy}`,
    );
  const parameter = async (name: string) => (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter!;

  beforeAll(async () => {
    requireBuiltCli();
    moto = await startMotoServer();
    ssm = new SSMClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    dir = mkdtempSync(join(tmpdir(), 'dw-llm-loop-'));
    writeFileSync(join(dir, 'golden.jsonl'), `${items.map((item) => JSON.stringify(item)).join('\n')}\n`);
    server = await startBedrockRuntimeServer({
      models: {
        assistant: degradingModel({ answers, start, weeklyDegradation: 0.1 }),
        'assistant-v2': degradingModel({ answers, start: Date.UTC(2030, 0, 1) }),
        'assistant-flaky': flaky(40),
        judge: rubricJudge(),
      },
      clock: { now: () => time, sleep: async () => {} },
    });
  });
  afterAll(async () => {
    ssm?.destroy();
    await server?.close();
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('catches the degraded champion, promotes the better challenger to the SSM parameter and evaluates it from then on', async () => {
    writeConfig('support', '/support-bot/champion', 'assistant-v2');
    time = start;
    const first = await driftwatch('run', '--config', config('support'));
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Evaluation support — run \S+\nsuite support {2}model assistant {2}40 items, 0 errors/u);
    expect(first.stdout).not.toMatch(/alert|promotion/u);
    await expect(parameter('/support-bot/champion')).rejects.toMatchObject({ name: 'ParameterNotFound' });

    // Four weeks later the target answers ~40% of the items badly: the rule fires and the loop runs.
    time = start + 4 * weekMs;
    const later = await driftwatch('run', '--config', config('support'), '--suite', 'support', '--format', 'json');
    expect(later.status).toBe(0);
    const run = JSON.parse(later.stdout);
    expect(run).toMatchObject({ schemaVersion: 1, kind: 'llm', suite: 'support', model: 'assistant' });
    const fell = run.comparison.changes.find((c: { scorer: string }) => c.scorer === 'correctness');
    expect(fell.worse).toBeGreaterThan(6);
    expect(fell.pValue).toBeLessThan(0.01);
    expect(run.alerts).toHaveLength(1);
    expect(run.alerts[0].alert.message).toMatch(
      /^support: llm\.correctness\.pass_rate\{model=assistant,suite=support,tag=all\} = 0\.\d+ < 0\.9/u,
    );
    const attempt = run.promotion.attempt;
    expect(attempt.state).toBe('deployed');
    expect(attempt.trigger).toMatchObject({ kinds: ['metric'], runId: run.runId });
    expect(attempt.transitions.map((t: { to: string }) => t.to)).toEqual(['triggered', 'evaluating', 'gated', 'deploying', 'deployed']);
    expect(attempt.gate).toMatchObject({ passed: true, metric: 'correctness', challenger: 1, minGain: 0.05 });
    expect(attempt.gate.champion).toBeCloseTo(fell.currentMean, 12);
    const gated = attempt.transitions[2].reason;
    expect(gated).toMatch(
      /^gate passed for version 2 \(assistant-v2, assistant-v2, prompt v2\) against champion 1 \(target, assistant, prompt v1\): /u,
    );
    expect(gated).toMatch(/correctness rose from 0\.\d\d to 1\.00, p [<=] 0\.\d+, 0 items got worse, \d+ items better/u);
    expect(gated).toMatch(/significance: Wilcoxon signed-rank p = [\d.e-]+ < alpha 0\.05/u);
    expect(later.stderr).toMatch(
      /llm promotion support-bot: deploying → deployed: version 2 \(assistant-v2, assistant-v2, prompt v2\) deployed with ssm-parameter/u,
    );
    expect(JSON.parse((await parameter('/support-bot/champion')).Value!)).toEqual({
      model: 'support-bot',
      version: '2',
      modelId: 'assistant-v2',
      promptVersion: 'v2',
    });

    // The table says how it fell; the next run asks the new champion, and the rule stays quiet.
    time = start + 5 * weekMs;
    const table = await driftwatch('run', '--config', config('support'));
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/\nsuite support {2}model assistant-v2 {2}40 items/u);
    expect(table.stdout).toMatch(/\n {2}correctness rose from 0\.\d\d to 1\.00, p [<=] 0\.\d+, 0 items got worse, \d+ items better\n/u);
    expect(table.stdout).not.toMatch(/\nalert /u);

    const history = JSON.parse((await driftwatch('history', '--config', config('support'), '--format', 'json')).stdout);
    expect(history.runs.filter((r: { monitor: string }) => r.monitor === 'support')).toHaveLength(3);
    expect(history.attempts.map((a: { state: string; model: string }) => [a.model, a.state])).toEqual([['support-bot', 'deployed']]);
    const models = JSON.parse((await driftwatch('models', 'list', 'support', '--config', config('support'), '--format', 'json')).stdout);
    expect(models).toMatchObject({ model: 'support-bot', registry: 'folder', champion: '2' });
    expect(models.versions.map((v: { version: string; status: string }) => [v.version, v.status]).sort()).toEqual([
      ['1', 'retired'],
      ['2', 'champion'],
    ]);
    // Five CLI processes, each evaluating 40 items (twice when it promotes): minutes on a loaded machine.
  }, 180_000);

  it('rolls back when the deployed challenger fails its post-deploy evaluation, restoring the previous value byte for byte', async () => {
    const name = '/flaky-bot/champion';
    writeConfig('flaky', name, 'assistant-flaky', '      postDeploy: { floors: { correctness: 0.9 } }\n');
    // What served before, as the deployer wrote it for version 1 (the target), with a field an operator added.
    const before = JSON.stringify({ model: 'flaky-bot', version: '1', modelId: 'assistant', promptVersion: 'v1', temperature: 0.2 });
    await ssm.send(new PutParameterCommand({ Name: name, Value: before, Type: 'String' }));
    time = start + 4 * weekMs;
    const retrain = await driftwatch('retrain', 'flaky', '--config', config('flaky'), '--format', 'json');
    const outcome = JSON.parse(retrain.stdout);
    expect(retrain.status).toBe(1);
    expect(outcome.attempt.state).toBe('rolled_back');
    expect(outcome.attempt.trigger).toMatchObject({ kinds: ['manual'] });
    expect(outcome.attempt.transitions.map((t: { to: string }) => t.to)).toEqual([
      'triggered',
      'evaluating',
      'gated',
      'deploying',
      'verifying',
      'rolled_back',
    ]);
    expect(outcome.attempt.postDeploy).toMatchObject({ passed: false, reasons: ['correctness 0 < floor 0.9'] });
    expect(outcome.attempt.error.message).toBe('post-deploy check failed: correctness 0 < floor 0.9; rolled back to version 1');
    const restored = await parameter(name);
    expect(restored.Value).toBe(before);
    const history = (await ssm.send(new GetParameterHistoryCommand({ Name: name }))).Parameters!;
    expect(history.map((p) => JSON.parse(p.Value!).modelId)).toEqual(['assistant', 'assistant-flaky', 'assistant']);
    const models = JSON.parse((await driftwatch('models', 'list', 'flaky', '--config', config('flaky'), '--format', 'json')).stdout);
    expect(models.champion).toBe('1');
    expect(models.versions.find((v: { version: string }) => v.version === '2').status).toBe('rejected');
    // The points of the runs the gate made are not published: only `run`/`eval` publish.
    expect(() => readFileSync(join(dir, 'out/flaky.jsonl'), 'utf8')).toThrow();
  }, 180_000);
});
