import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderError } from '@driftwatch/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBedrockRuntimeClient } from '../runtime-client/createBedrockRuntimeClient.js';
import { hashEmbedding } from '../testing/hashEmbedding.js';
import { type BedrockRuntimeServer, startBedrockRuntimeServer } from '../testing/startBedrockRuntimeServer.js';
import { EmbeddingCache } from './EmbeddingCache.js';
import { embedTexts } from './embedTexts.js';

let server: BedrockRuntimeServer | undefined;
let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-embed-texts-'));
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

const waits: number[] = [];
const retry = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, random: () => 0.5, sleep: async (ms: number) => void waits.push(ms) };
const texts = [
  'where is my parcel',
  'reset my password',
  'where is my parcel',
  '  ',
  'cancel order 12',
  'refund for order 7',
  'change my address',
];
const options = (cache?: EmbeddingCache) => ({
  modelId: 'amazon.titan-embed-text-v2:0',
  dimensions: 256 as const,
  normalize: true,
  concurrency: 3,
  retry,
  ...(cache && { cache }),
});

describe('embedTexts against the wire-level server', () => {
  it('embeds each distinct text once, retries throttling, and a second run takes every vector from the cache', async () => {
    // The first three calls are throttled: each is retried after a backoff.
    server = await startBedrockRuntimeServer({ embeddingFault: (_t, i) => (i < 3 ? 'ThrottlingException' : undefined) });
    const client = createBedrockRuntimeClient({ endpoint: server.endpoint, region: 'us-east-1' }, {});
    const cache = new EmbeddingCache(dir);
    const first = await embedTexts(client, texts, options(cache));
    // 5 distinct non-blank texts: 5 successful calls, 3 throttled ones.
    expect([first.invoked, first.cacheHits, first.retries]).toEqual([5, 0, 3]);
    expect(server.calls.filter((c) => c.status === 200)).toHaveLength(5);
    expect(server.calls.filter((c) => c.status === 429)).toHaveLength(3);
    for (const text of new Set(texts)) {
      const expected = text.trim() === '' ? new Float32Array(256) : Float32Array.from(hashEmbedding(text, 256));
      expect(first.vectors.get(text)).toEqual(expected);
    }
    const callsBefore = server.calls.length;
    const second = await embedTexts(client, texts, options(cache));
    expect(server.calls.length).toBe(callsBefore);
    expect([second.invoked, second.cacheHits]).toEqual([0, 5]);
    for (const text of new Set(texts)) expect(second.vectors.get(text)).toEqual(first.vectors.get(text));
    client.destroy();
  });

  it('without a cache every run invokes; a failure that outlasts the retries is a ProviderError', async () => {
    server = await startBedrockRuntimeServer({ embeddingFault: (t) => (t.startsWith('cancel') ? 'ThrottlingException' : undefined) });
    const client = createBedrockRuntimeClient({ endpoint: server.endpoint, region: 'us-east-1' }, {});
    const ok = await embedTexts(client, ['a b', 'c d'], options());
    const again = await embedTexts(client, ['a b', 'c d'], options());
    expect([ok.invoked, again.invoked]).toEqual([2, 2]);
    const error = await embedTexts(client, texts, options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/ThrottlingException: .* \(after 4 attempts\)$/u);
    client.destroy();
  });
});
