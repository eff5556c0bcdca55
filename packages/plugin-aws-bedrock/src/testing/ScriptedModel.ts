import type { Clock } from '@driftwatch/core';

/** A content block of a Converse message as it travels on the wire (only `text` blocks are read). */
export interface WireContentBlock {
  readonly text?: string;
  readonly [other: string]: unknown;
}

/** A message of a Converse request body. */
export interface WireMessage {
  readonly role: 'user' | 'assistant';
  readonly content: readonly WireContentBlock[];
}

/** The JSON body of `POST /model/{modelId}/converse`, as the SDK serialises it. */
export interface ConverseWireRequest {
  /** The model ID or ARN from the path, URL-decoded. */
  readonly modelId: string;
  readonly messages: readonly WireMessage[];
  readonly system?: readonly WireContentBlock[];
  readonly inferenceConfig?: {
    readonly maxTokens?: number;
    readonly temperature?: number;
    readonly topP?: number;
    readonly stopSequences?: readonly string[];
  };
}

/** A Bedrock Runtime error the server can answer with, by its wire name. */
export type BedrockErrorName = 'ThrottlingException' | 'ValidationException' | 'ModelTimeoutException';

/** What a scripted model answers: a message, or an error. */
export type ModelAnswer =
  | {
      readonly text: string;
      /** Default `end_turn`. */
      readonly stopReason?: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'guardrail_intervened' | 'content_filtered';
      /** Default: whitespace-separated words of the request's text (system + messages). */
      readonly inputTokens?: number;
      /** Default: whitespace-separated words of `text`. */
      readonly outputTokens?: number;
      /** Reported in `metrics.latencyMs` (the server does not wait for it); default 0. */
      readonly latencyMs?: number;
      /**
       * Really hold the response this long, in ms, through the server's clock (`clock.sleep`), to
       * exercise client-side timeouts and concurrency; default 0.
       */
      readonly holdMs?: number;
    }
  | { readonly error: BedrockErrorName; readonly message?: string };

/**
 * A scripted "model": a pure function of the request, the 0-based index of this call to the
 * model (counting every call, errors included) and the server's clock. Keeping it pure is what
 * makes a run reproducible.
 */
export type ScriptedModel = (request: ConverseWireRequest, callIndex: number, clock: Clock) => ModelAnswer | Promise<ModelAnswer>;

/** The text of a request's last user message (its text blocks joined by newlines). */
export function lastUserText(request: ConverseWireRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i];
    if (message?.role === 'user') return textOf(message.content);
  }
  return '';
}

/** The text blocks of a content list, joined by newlines. */
export function textOf(content: readonly WireContentBlock[] | undefined): string {
  if (content === undefined) return '';
  const parts: string[] = [];
  for (const block of content) if (typeof block.text === 'string') parts.push(block.text);
  return parts.join('\n');
}
