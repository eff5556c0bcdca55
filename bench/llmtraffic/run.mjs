#!/usr/bin/env node
// LLM traffic monitors (issue 15, part B): what the bedrock-invocation-logs source adds per text
// when it embeds prompts — Titan embeddings through the real SDK client against the local
// wire-level Bedrock Runtime server (so the model's own latency is zero and what is timed is
// Driftwatch's and the SDK's overhead) — cold (every text invoked), cold writing the disk cache,
// and warm (every text read from the cache, no call). Timed in process, medians of N runs.
//
//   node bench/llmtraffic/run.mjs [--runs N] [--texts N] [--dimensions 256|512|1024] [--batch N]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const runs = Number(opt('--runs', 3));
const count = Number(opt('--texts', 500));
const dimensions = Number(opt('--dimensions', 1024));
const batch = Number(opt('--batch', 8));
const log = (m) => process.stderr.write(`llmtraffic: ${m}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const plugin = await import(join(ROOT, 'packages/plugin-aws-bedrock/dist/index.js'));
const testing = await import(join(ROOT, 'packages/plugin-aws-bedrock/dist/testing/index.js'));
process.env.AWS_ACCESS_KEY_ID ??= 'bench';
process.env.AWS_SECRET_ACCESS_KEY ??= 'bench';

const topics = ['parcel', 'password', 'refund', 'address', 'invoice', 'warranty', 'subscription', 'crash'];
const texts = Array.from({ length: count }, (_, i) => `I have a ${topics[i % 8]} problem with order ${i}: what should I do next?`);
const server = await testing.startBedrockRuntimeServer();
const client = plugin.createBedrockRuntimeClient({ endpoint: server.endpoint, region: 'us-east-1' }, {});
const retry = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 };
const options = (cache) => ({
  modelId: 'amazon.titan-embed-text-v2:0',
  dimensions,
  normalize: true,
  concurrency: batch,
  retry,
  ...(cache && { cache }),
});

const timed = async (cache) => {
  const t0 = performance.now();
  const out = await plugin.embedTexts(client, texts, options(cache));
  const s = (performance.now() - t0) / 1000;
  return { s, out };
};
const result = { cold: [], coldWrite: [], warm: [] };
try {
  await timed(); // warm-up: connections, JIT
  for (let r = 0; r < runs; r++) {
    const dir = mkdtempSync(join(os.tmpdir(), 'dw-bench-llmtraffic-'));
    const cache = new plugin.EmbeddingCache(dir);
    const cold = await timed();
    const write = await timed(cache);
    const warm = await timed(cache);
    if (warm.out.invoked !== 0 || warm.out.cacheHits !== count) throw new Error('the warm run invoked the server');
    result.cold.push(cold.s);
    result.coldWrite.push(write.s);
    result.warm.push(warm.s);
    rmSync(dir, { recursive: true, force: true });
    log(`run ${r + 1}/${runs}: cold ${cold.s.toFixed(2)} s, cold + cache writes ${write.s.toFixed(2)} s, warm ${warm.s.toFixed(2)} s`);
  }
} finally {
  client.destroy();
  await server.close();
}
const rate = (s) => Math.round(count / s);
const [cold, coldWrite, warm] = [median(result.cold), median(result.coldWrite), median(result.warm)];
const report = {
  workload: 'llmtraffic',
  texts: count,
  dimensions,
  batch,
  runs,
  loadAverage: os.loadavg(),
  textsPerSecond: { cold: rate(cold), coldWithCacheWrites: rate(coldWrite), warm: rate(warm) },
  ratios: { coldWithCacheWritesOverCold: coldWrite / cold, warmOverCold: warm / cold },
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
