import { type BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { type RetryPolicy, withRetry } from '@driftwatch/aws-common';
import { ProviderError } from '@driftwatch/core';
import { markBedrockRetryable } from './bedrockRetryable.js';

/** Options of {@link embedText}. */
export interface EmbedTextOptions {
  /** Default `amazon.titan-embed-text-v2:0`. */
  readonly modelId?: string;
  /** 256, 512 or 1024 (Titan Text Embeddings v2); default 1024. */
  readonly dimensions?: 256 | 512 | 1024;
  /** Unit-length vectors; default true (Titan's default too). */
  readonly normalize?: boolean;
}

/** An embedding and what it cost. */
export interface EmbedTextResult {
  readonly embedding: Float32Array;
  /** `inputTextTokenCount` of the response. */
  readonly inputTokens: number;
  readonly attempts: number;
}

/**
 * The Titan Text Embeddings v2 vector of `text` (`InvokeModel` with
 * `{inputText, dimensions, normalize}`), retried like `converseWithRetry`. A failure, or a
 * response without an `embedding` of `dimensions` numbers, is a ProviderError.
 */
export async function embedText(
  client: BedrockRuntimeClient,
  text: string,
  options: EmbedTextOptions,
  policy: RetryPolicy,
): Promise<EmbedTextResult> {
  const modelId = options.modelId ?? 'amazon.titan-embed-text-v2:0';
  const dimensions = options.dimensions ?? 1024;
  const operation = `InvokeModel ${modelId}`;
  let attempts = 0;
  let body: unknown;
  try {
    const out = await withRetry(async (attempt) => {
      attempts = attempt;
      try {
        return await client.send(
          new InvokeModelCommand({
            modelId,
            contentType: 'application/json',
            accept: 'application/json',
            body: JSON.stringify({ inputText: text, dimensions, normalize: options.normalize ?? true }),
          }),
        );
      } catch (error) {
        throw markBedrockRetryable(error);
      }
    }, policy);
    body = JSON.parse(new TextDecoder().decode(out.body));
  } catch (error) {
    const e = error as { name?: string; message?: string };
    throw new ProviderError(
      'bedrock-runtime',
      operation,
      `${e.name ?? 'Error'}: ${e.message ?? String(error)} (after ${attempts} attempt${attempts === 1 ? '' : 's'})`,
      {
        cause: error,
      },
    );
  }
  const { embedding, inputTextTokenCount } = (body ?? {}) as { embedding?: unknown; inputTextTokenCount?: unknown };
  if (
    !Array.isArray(embedding) ||
    embedding.length !== dimensions ||
    !embedding.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw new ProviderError('bedrock-runtime', operation, `the response has no "embedding" of ${dimensions} finite numbers`);
  }
  return {
    embedding: Float32Array.from(embedding as number[]),
    inputTokens: typeof inputTextTokenCount === 'number' ? inputTextTokenCount : 0,
    attempts,
  };
}
