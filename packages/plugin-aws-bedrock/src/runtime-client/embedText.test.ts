import { ProviderError } from '@driftwatch/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashEmbedding } from '../testing/hashEmbedding.js';
import { type BedrockRuntimeServer, startBedrockRuntimeServer } from '../testing/startBedrockRuntimeServer.js';
import { createBedrockRuntimeClient } from './createBedrockRuntimeClient.js';
import { embedText } from './embedText.js';

let server: BedrockRuntimeServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

function setup() {
  if (server === undefined) throw new Error('no server');
  // Credentials come from the SDK's default chain: the environment.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  const client = createBedrockRuntimeClient({ endpoint: server.endpoint, region: 'us-east-1' }, {});
  const waits: number[] = [];
  const policy = {
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 0.5,
    sleep: async (ms: number) => void waits.push(ms),
  };
  return { client, waits, policy };
}

describe('embedText against the wire-level server', () => {
  it('returns the Titan v2 vector, retrying an injected throttle', async () => {
    server = await startBedrockRuntimeServer({ embeddingFault: (_t, i) => (i === 0 ? 'ThrottlingException' : undefined) });
    const { client, policy } = setup();
    const out = await embedText(client, 'refunds take five days', { dimensions: 256 }, policy);
    expect(out.attempts).toBe(2);
    expect(out.inputTokens).toBe(4);
    expect(out.embedding).toEqual(Float32Array.from(hashEmbedding('refunds take five days', 256)));
  });

  it('wraps a validation error (empty text) without retrying', async () => {
    server = await startBedrockRuntimeServer();
    const { client, policy, waits } = setup();
    const error = await embedText(client, '', {}, policy).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toMatch(
      /^bedrock-runtime InvokeModel amazon\.titan-embed-text-v2:0: ValidationException: .*inputText/u,
    );
    expect(waits).toEqual([]);
  });
});
