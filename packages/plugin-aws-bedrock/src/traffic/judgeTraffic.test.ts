import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ResponseCache } from '../evaluation/ResponseCache.js';
import { trafficJudgeOptions } from '../logs/bedrockInvocationLogsOptions.js';
import { createBedrockRuntimeClient } from '../runtime-client/createBedrockRuntimeClient.js';
import { tokenF1 } from '../scoring/tokenF1.js';
import { degradedRefusal } from '../testing/degradingModel.js';
import { rubricJudge } from '../testing/rubricJudge.js';
import { type BedrockRuntimeServer, startBedrockRuntimeServer } from '../testing/startBedrockRuntimeServer.js';
import { judgeTraffic, passesRubric, trafficRubrics } from './judgeTraffic.js';

let server: BedrockRuntimeServer | undefined;
let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-judge-traffic-'));
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

const retry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, random: () => 0, sleep: async () => {} };
const items = [
  { prompt: 'How do I track my parcel?', response: 'Open Orders and click Track to track the parcel.' },
  { prompt: 'How do I reset my password?', response: degradedRefusal },
  { prompt: 'Can I change my address?', response: 'Yes: Settings, Addresses, Edit.' },
  { prompt: null, response: 'Hello!' },
];

describe('judgeTraffic with the rubric judge on the wire-level server', () => {
  it('scores every item by every rubric from the validated JSON; unparseable answers are counted and left NaN; a re-run reads the cache', async () => {
    // Every 3rd judge call answers in prose.
    server = await startBedrockRuntimeServer({ models: { judge: rubricJudge({ unparseableEvery: 3 }) } });
    const client = createBedrockRuntimeClient({ endpoint: server.endpoint, region: 'us-east-1' }, {});
    const rubrics = trafficRubrics(
      trafficJudgeOptions.parse({
        modelId: 'judge',
        rubrics: ['refusal', { name: 'on_topic', instructions: 'Does it answer what was asked?' }],
      }),
    );
    expect(rubrics.map((r) => [r.name, r.higherIsBetter, r.threshold])).toEqual([
      ['refusal', false, 0.5],
      ['on_topic', true, 0.5],
    ]);
    const cache = new ResponseCache(dir);
    // One call at a time, so the judge's call index (and so which answers are prose) is the task order.
    const first = await judgeTraffic(client, items, rubrics, { modelId: 'judge', concurrency: 1, retry, cache });
    const refusal = [...first.scores.get('refusal')!];
    const onTopic = [...first.scores.get('on_topic')!];
    // Calls 2 and 5 (0-based) were prose: refusal of item 2, on_topic of item 1.
    expect(refusal).toEqual([0, 1, Number.NaN, 0]);
    const f1 = (i: number) => Math.floor(tokenF1(items[i]!.response, [items[i]!.prompt ?? '']) * 4 + 1e-9) / 4;
    expect(onTopic).toEqual([f1(0), Number.NaN, f1(2), f1(3)]);
    expect(Object.fromEntries(first.unparseable)).toEqual({ refusal: 1, on_topic: 1 });
    expect([first.invoked, first.cacheHits]).toEqual([8, 0]);
    const calls = server.calls.length;
    const second = await judgeTraffic(client, items, rubrics, { modelId: 'judge', concurrency: 4, retry, cache });
    expect(server.calls.length).toBe(calls);
    expect([second.invoked, second.cacheHits]).toEqual([0, 8]);
    expect([...second.scores.get('refusal')!]).toEqual(refusal);
    // Lower is better for refusal: 0 passes, 1 fails.
    expect([passesRubric(rubrics[0]!, 0), passesRubric(rubrics[0]!, 1), passesRubric(rubrics[1]!, 0.5)]).toEqual([true, false, true]);
    client.destroy();
  });

  it('the options name a custom rubric without instructions, and a missing rubric list, by path', () => {
    const bad = trafficJudgeOptions.safeParse({ modelId: 'judge', rubrics: ['helpfulness', 'tone'] });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'rubrics.1',
        '"tone" is not a built-in rubric (correctness, completeness, faithfulness, helpfulness, coherence, relevance, harmfulness, refusal): give { name: tone, instructions: "…" }',
      ],
    ]);
    const none = trafficJudgeOptions.safeParse({ modelId: 'judge' });
    expect(none.error?.issues.map((i) => i.path.join('.'))).toEqual(['rubrics']);
    expect(trafficJudgeOptions.parse({ modelId: 'judge', rubric: 'relevance' })).toMatchObject({ sample: 0.05, seed: 0, threshold: 0.5 });
  });
});
