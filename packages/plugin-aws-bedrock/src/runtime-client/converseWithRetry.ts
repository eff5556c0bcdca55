import { type BedrockRuntimeClient, ConverseCommand, type ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { type RetryPolicy, withRetry } from '@driftwatch/aws-common';
import { ProviderError } from '@driftwatch/core';
import { markBedrockRetryable } from './bedrockRetryable.js';

/** What one Converse call (with its retries) returned. */
export interface ConverseOutcome {
  /** The text blocks of the output message, joined by newlines ("" when it has none). */
  readonly text: string;
  /** `end_turn`, `max_tokens`, `stop_sequence`, `guardrail_intervened`, `content_filtered`, … */
  readonly stopReason: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** The service's `metrics.latencyMs` of the successful attempt. */
  readonly latencyMs: number;
  /** Attempts made, the successful one included. */
  readonly attempts: number;
  /** Attempts that ended in `ThrottlingException`. */
  readonly throttled: number;
}

/**
 * One `Converse` call through a client whose SDK retries are off (`createBedrockRuntimeClient`):
 * throttling, 5xx, `ModelTimeoutException` and dropped connections are retried by `withRetry`
 * with `policy`'s backoff; any other failure, or the last retryable one, becomes a ProviderError
 * (`bedrock-runtime Converse <modelId>: <ErrorName>: <message>`, the SDK error as `cause`).
 */
export async function converseWithRetry(
  client: BedrockRuntimeClient,
  input: ConverseCommandInput,
  policy: RetryPolicy,
): Promise<ConverseOutcome> {
  let attempts = 0;
  let throttled = 0;
  try {
    const out = await withRetry(async (attempt) => {
      attempts = attempt;
      try {
        return await client.send(new ConverseCommand(input));
      } catch (error) {
        if ((error as { name?: unknown }).name === 'ThrottlingException') throttled++;
        throw markBedrockRetryable(error);
      }
    }, policy);
    const blocks = out.output?.message?.content ?? [];
    const texts: string[] = [];
    for (const block of blocks) if (typeof block.text === 'string') texts.push(block.text);
    return {
      text: texts.join('\n'),
      stopReason: out.stopReason ?? 'unknown',
      inputTokens: out.usage?.inputTokens ?? 0,
      outputTokens: out.usage?.outputTokens ?? 0,
      latencyMs: out.metrics?.latencyMs ?? 0,
      attempts,
      throttled,
    };
  } catch (error) {
    const e = error as { name?: string; message?: string };
    throw new ProviderError(
      'bedrock-runtime',
      `Converse ${input.modelId ?? ''}`,
      `${e.name ?? 'Error'}: ${e.message ?? String(error)} (after ${attempts} attempt${attempts === 1 ? '' : 's'})`,
      {
        cause: error,
      },
    );
  }
}
