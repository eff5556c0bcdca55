import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { RetryPolicy } from '@driftwatch/aws-common';
import { embedText } from '../runtime-client/embedText.js';
import { EmbeddingCache } from './EmbeddingCache.js';

/** Titan Text Embeddings v2 takes at most 50 000 characters (and 8 192 tokens). */
export const maxEmbeddingChars = 50_000;

/** Options of {@link embedTexts}. */
export interface EmbedTextsOptions {
  readonly modelId: string;
  readonly dimensions: 256 | 512 | 1024;
  readonly normalize: boolean;
  /** InvokeModel calls in flight at most. */
  readonly concurrency: number;
  /** Where vectors are kept between runs; none: every text is embedded. */
  readonly cache?: EmbeddingCache;
  /** Backoff of throttling and timeouts. */
  readonly retry: RetryPolicy;
  readonly signal?: AbortSignal;
  /** Called after each text with the texts done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The vectors of {@link embedTexts} and what they cost. */
export interface EmbeddedTexts {
  /** A vector per distinct text given (blank texts: the zero vector). */
  readonly vectors: ReadonlyMap<string, Float32Array>;
  /** Distinct texts embedded by a call (cache misses). */
  readonly invoked: number;
  /** Distinct texts found in the cache. */
  readonly cacheHits: number;
  /** InvokeModel attempts beyond the first of each text (throttling, timeouts). */
  readonly retries: number;
  /** Input tokens Titan counted for the invoked texts. */
  readonly inputTokens: number;
}

/**
 * Embeds each distinct text once: from the cache when it holds it (keyed by model, dimensions,
 * normalize and the text's hash), else by `InvokeModel`, `concurrency` calls at a time, each
 * retried on throttling and timeouts by `retry`, and then cached. Texts longer than Titan takes
 * are cut to {@link maxEmbeddingChars} characters; a blank text (no call can embed it: Titan
 * rejects empty input) gets the zero vector, which no unit vector is near. A call that still fails
 * is a ProviderError and stops the rest.
 */
export async function embedTexts(
  client: BedrockRuntimeClient,
  texts: Iterable<string>,
  options: EmbedTextsOptions,
): Promise<EmbeddedTexts> {
  const vectors = new Map<string, Float32Array>();
  const pending: string[] = [];
  for (const text of texts) {
    if (vectors.has(text)) continue;
    if (text.trim().length === 0) vectors.set(text, new Float32Array(options.dimensions));
    else {
      vectors.set(text, new Float32Array(0));
      pending.push(text);
    }
  }
  let invoked = 0;
  let cacheHits = 0;
  let retries = 0;
  let inputTokens = 0;
  let done = 0;
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < pending.length) {
      options.signal?.throwIfAborted();
      const text = pending[next++]!;
      try {
        // UTF-16 length bounds the code points: only a long text needs counting.
        const input = text.length > maxEmbeddingChars ? [...text].slice(0, maxEmbeddingChars).join('') : text;
        const key = options.cache
          ? EmbeddingCache.key({ modelId: options.modelId, dimensions: options.dimensions, normalize: options.normalize, text: input })
          : '';
        let vector = options.cache ? await options.cache.get(key, options.dimensions) : undefined;
        if (vector !== undefined) cacheHits++;
        else {
          const out = await embedText(
            client,
            input,
            { modelId: options.modelId, dimensions: options.dimensions, normalize: options.normalize },
            options.retry,
          );
          invoked++;
          retries += out.attempts - 1;
          inputTokens += out.inputTokens;
          vector = out.embedding;
          await options.cache?.set(key, vector);
        }
        vectors.set(text, vector);
        options.onProgress?.(++done, pending.length);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, pending.length)) }, worker));
  if (failure !== undefined) throw failure;
  return { vectors, invoked, cacheHits, retries, inputTokens };
}
