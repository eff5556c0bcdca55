import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { InMemoryRunStore } from '@driftwatch/core/testing';
import { bedrockEvaluationEngine } from '@driftwatch/plugin-aws-bedrock';
import { rubricJudge, startBedrockRuntimeServer } from '@driftwatch/plugin-aws-bedrock/testing';
import { localPlugin } from '@driftwatch/plugin-local';
import { createContainer, loadConfig } from '@driftwatch/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStorePlugin } from './__tests__/serverFixture.js';
import { createServerLogger } from './createServerLogger.js';
import { type ServeResult, serve } from './serve.js';

// The server's scheduler runs an evaluation suite like a monitor: its schedule's missed slot fires it
// at start, through the same service as `driftwatch eval` (recorded kind llm, points to the sinks).
const items = Array.from({ length: 6 }, (_, i) => ({ id: `q${i}`, prompt: `question ${i}?`, reference: `answer number ${i}` }));

describe('driftwatch serve with a scheduled evaluation suite', () => {
  let bedrock: Awaited<ReturnType<typeof startBedrockRuntimeServer>>;
  let server: ServeResult;
  let dir = '';
  const store = new InMemoryRunStore();
  const log: string[] = [];

  const saved = { ...process.env };
  beforeAll(async () => {
    // The SDK's default credential chain reads the process environment (as in production).
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' });
    bedrock = await startBedrockRuntimeServer({
      models: {
        assistant: (request) => ({ text: `answer number ${/\d+/u.exec(request.messages.at(-1)?.content[0]?.text ?? '')?.[0]}` }),
        judge: rubricJudge(),
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'dw-serve-eval-'));
    writeFileSync(join(dir, 'golden.jsonl'), `${items.map((i) => JSON.stringify(i)).join('\n')}\n`);
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
store: { type: memory }
sinks: [{ type: jsonl, path: out/metrics.jsonl }]
server: { port: 0 }
evaluations:
  - name: support
    dataset: golden.jsonl
    endpoint: ${bedrock.endpoint}
    schedule: { every: 1h }
    target: { modelId: assistant }
    judge: { modelId: judge }
    scorers: [{ type: exact }, { type: judge, rubric: correctness }]
`,
    );
    const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };
    const loaded = await loadConfig(join(dir, 'driftwatch.yaml'), { builtinPlugins: [localPlugin, memoryStorePlugin(store)], env });
    const container = await createContainer({
      plugins: loaded.plugins,
      context: { baseDir: dir, env },
      config: loaded,
      llm: { engine: async () => bedrockEvaluationEngine },
    });
    const destination = new Writable({
      write(chunk, _e, done) {
        log.push(String(chunk));
        done();
      },
    });
    server = await serve({ loaded, container, logger: createServerLogger({ level: 'info', destination }) });
  });
  afterAll(async () => {
    await server?.stop();
    await bedrock?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'])
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
  });

  it('runs the suite for its missed slot at start and records it as kind llm; the next run is its next slot', async () => {
    let runs = await store.listRuns({ monitor: 'support' });
    for (let i = 0; i < 200 && !runs.some((r) => r.status === 'ok'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      runs = await store.listRuns({ monitor: 'support' });
    }
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: 'ok',
      result: { kind: 'llm', suite: 'support', model: 'assistant', publishedPoints: expect.any(Number) },
    });
    const result = runs[0]!.result as { scorers: { scorer: string; mean: number }[]; items: { error?: string }[] };
    expect(result.items.map((i) => i.error)).toEqual(items.map(() => undefined));
    expect(result.scorers.map((s) => [s.scorer, s.mean])).toEqual([
      ['exact', 1],
      ['correctness', 1],
    ]);
    const status = server.scheduler.status().find((s) => s.name === 'support')!;
    expect(status.running).toBe(false);
    // `every: 1h` slots are whole hours: the next one is the coming hour.
    const next = Date.parse(status.nextRunAt!);
    expect(next % 3_600_000).toBe(0);
    expect(next - Date.now()).toBeGreaterThan(0);
    expect(next - Date.now()).toBeLessThanOrEqual(3_600_000);
    expect(log.join('')).toMatch(/"kind":"llm".*"msg":"evaluation run ended"/u);
  });
});
