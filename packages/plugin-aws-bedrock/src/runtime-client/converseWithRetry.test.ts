import { ProviderError } from '@driftwatch/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScriptedModel } from '../testing/ScriptedModel.js';
import { type BedrockRuntimeServer, startBedrockRuntimeServer } from '../testing/startBedrockRuntimeServer.js';
import { converseWithRetry } from './converseWithRetry.js';
import { createBedrockRuntimeClient } from './createBedrockRuntimeClient.js';

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

const ask = { modelId: 'm', messages: [{ role: 'user' as const, content: [{ text: 'q' }] }] };

describe('converseWithRetry against the wire-level server', () => {
  it('retries throttling and model timeouts with backoff, counting attempts and throttles', async () => {
    const script: ScriptedModel = (_r, i) =>
      i === 0
        ? { error: 'ThrottlingException' }
        : i === 1
          ? { error: 'ModelTimeoutException' }
          : { text: 'fine', inputTokens: 4, outputTokens: 1, latencyMs: 250 };
    server = await startBedrockRuntimeServer({ models: { m: script } });
    const { client, waits, policy } = setup();
    const out = await converseWithRetry(client, ask, policy);
    expect(out).toEqual({
      text: 'fine',
      stopReason: 'end_turn',
      inputTokens: 4,
      outputTokens: 1,
      latencyMs: 250,
      attempts: 3,
      throttled: 1,
    });
    // Full jitter with random() = 0.5: 0.5·min(1000, 100·2^(n−1)).
    expect(waits).toEqual([50, 100]);
    expect(server.calls.map((c) => c.status)).toEqual([429, 408, 200]);
  });

  it('does not retry a validation error and names the model and error', async () => {
    server = await startBedrockRuntimeServer({ models: {} });
    const { client, waits, policy } = setup();
    const error = await converseWithRetry(client, ask, policy).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toBe(
      'bedrock-runtime Converse m: ValidationException: The provided model identifier is invalid. (after 1 attempt)',
    );
    expect(waits).toEqual([]);
  });

  it('gives up after maxAttempts of throttling', async () => {
    server = await startBedrockRuntimeServer({ models: { m: () => ({ error: 'ThrottlingException' }) } });
    const { client, waits, policy } = setup();
    const error = await converseWithRetry(client, ask, policy).catch((e: unknown) => e);
    expect((error as ProviderError).message).toMatch(/ThrottlingException: Too many requests.*\(after 4 attempts\)$/u);
    expect(waits).toEqual([50, 100, 200]);
  });
});
