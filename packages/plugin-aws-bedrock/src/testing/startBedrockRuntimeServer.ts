import { randomUUID } from 'node:crypto';
import { createServer, type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '@driftwatch/core';
import { hashEmbedding } from './hashEmbedding.js';
import { type BedrockErrorName, type ConverseWireRequest, type ScriptedModel, textOf } from './ScriptedModel.js';

/** The HTTP status Bedrock Runtime answers each error with (the SDK's error schemas agree). */
const errorStatus: Readonly<Record<BedrockErrorName, number>> = {
  ThrottlingException: 429,
  ValidationException: 400,
  ModelTimeoutException: 408,
};

/** The model ID of Titan Text Embeddings v2, the embedding model the server plays by default. */
export const titanEmbedTextV2 = 'amazon.titan-embed-text-v2:0';

/** One request the server received, for assertions. */
export interface RecordedCall {
  readonly operation: 'Converse' | 'InvokeModel';
  /** URL-decoded model ID or ARN from the path. */
  readonly modelId: string;
  /** The parsed JSON body (undefined when it was not JSON). */
  readonly body: unknown;
  /** The answer's HTTP status; 0 when the server closed before answering (a held response). */
  readonly status: number;
}

/** Options of {@link startBedrockRuntimeServer}. */
export interface BedrockRuntimeServerOptions {
  /** Scripted Converse models by model ID (or ARN). Other IDs answer `ValidationException`. */
  readonly models?: Readonly<Record<string, ScriptedModel>>;
  /** Model IDs answered with deterministic Titan-v2-shaped embeddings; default `[titanEmbedTextV2]`. */
  readonly embeddingModels?: readonly string[];
  /**
   * Errors injected into InvokeModel calls of embedding models: return an error name to answer
   * with it instead (callIndex counts the embedding calls of that model, from 0).
   */
  readonly embeddingFault?: (inputText: string, callIndex: number) => BedrockErrorName | undefined;
  /** The clock passed to scripted models; default the system clock. */
  readonly clock?: Clock;
}

/** A running server: its endpoint for an SDK client's `endpoint`, the calls it saw, and `close`. */
export interface BedrockRuntimeServer {
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  /** Every request received, in arrival order. */
  readonly calls: readonly RecordedCall[];
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

class WireError extends Error {
  constructor(
    readonly errorName: BedrockErrorName,
    message: string,
  ) {
    super(message);
  }
}

const wordCount = (text: string): number => text.split(/\s+/u).filter((w) => w.length > 0).length;

/**
 * Starts a local HTTP/2 server (cleartext, as the SDK's default handler speaks to an http://
 * endpoint) on 127.0.0.1 and a free port, speaking Bedrock Runtime's REST-JSON
 * protocol for `Converse` (`POST /model/{modelId}/converse`) and `InvokeModel` of Titan Text
 * Embeddings v2 (`POST /model/{modelId}/invoke`), with errors as the service sends them: status
 * 429/400/408, the `x-amzn-errortype` header and a `{"message": …}` body, which the SDK's
 * REST-JSON deserialiser turns into `ThrottlingException`, `ValidationException` and
 * `ModelTimeoutException`. Point a real `BedrockRuntimeClient` at `endpoint` with static
 * credentials; the server does not check signatures.
 */
export async function startBedrockRuntimeServer(options: BedrockRuntimeServerOptions = {}): Promise<BedrockRuntimeServer> {
  const models = options.models ?? {};
  const embeddingModels = new Set(options.embeddingModels ?? [titanEmbedTextV2]);
  const clock = options.clock ?? systemClock;
  const callCounts = new Map<string, number>();
  const calls: RecordedCall[] = [];
  // Aborted by close(), so held responses end with the server instead of firing later.
  const closing = new AbortController();

  const nextIndex = (key: string): number => {
    const index = callCounts.get(key) ?? 0;
    callCounts.set(key, index + 1);
    return index;
  };

  const converse = async (modelId: string, body: unknown): Promise<unknown> => {
    const model = models[modelId];
    if (model === undefined) throw new WireError('ValidationException', 'The provided model identifier is invalid.');
    const request = parseConverse(modelId, body);
    const answer = await model(request, nextIndex(`converse:${modelId}`), clock);
    if ('error' in answer) throw new WireError(answer.error, answer.message ?? defaultMessage(answer.error));
    if (answer.holdMs !== undefined && answer.holdMs > 0) await clock.sleep(answer.holdMs, closing.signal);
    const promptText = [textOf(request.system), ...request.messages.map((m) => textOf(m.content))].join(' ');
    const inputTokens = answer.inputTokens ?? wordCount(promptText);
    const outputTokens = answer.outputTokens ?? wordCount(answer.text);
    return {
      output: { message: { role: 'assistant', content: [{ text: answer.text }] } },
      stopReason: answer.stopReason ?? 'end_turn',
      usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
      metrics: { latencyMs: answer.latencyMs ?? 0 },
    };
  };

  const invoke = (modelId: string, body: unknown): { readonly payload: unknown; readonly tokens: number } => {
    if (!embeddingModels.has(modelId)) throw new WireError('ValidationException', 'The provided model identifier is invalid.');
    if (typeof body !== 'object' || body === null)
      throw new WireError('ValidationException', 'Malformed input request: expected a JSON object.');
    const { inputText, dimensions = 1024, normalize = true } = body as Record<string, unknown>;
    if (typeof inputText !== 'string' || inputText.length === 0) {
      throw new WireError(
        'ValidationException',
        'Malformed input request: #/inputText: expected minLength: 1, please reformat your input and try again.',
      );
    }
    if (dimensions !== 256 && dimensions !== 512 && dimensions !== 1024) {
      throw new WireError(
        'ValidationException',
        `Malformed input request: #/dimensions: ${String(dimensions)} is not a valid enum value, please reformat your input and try again.`,
      );
    }
    if (typeof normalize !== 'boolean')
      throw new WireError(
        'ValidationException',
        'Malformed input request: #/normalize: expected type: Boolean, please reformat your input and try again.',
      );
    const fault = options.embeddingFault?.(inputText, nextIndex(`invoke:${modelId}`));
    if (fault !== undefined) throw new WireError(fault, defaultMessage(fault));
    const embedding = Array.from(hashEmbedding(inputText, dimensions, normalize));
    const tokens = Math.max(1, wordCount(inputText));
    return { payload: { embedding, embeddingsByType: { float: embedding }, inputTextTokenCount: tokens }, tokens };
  };

  const handle = async (req: Request, res: Response): Promise<void> => {
    const raw = await readBody(req);
    const match = /^\/model\/([^/]+)\/(converse|invoke)$/u.exec((req.url ?? '').split('?')[0] ?? '');
    let body: unknown;
    try {
      body = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
    } catch {
      body = undefined;
    }
    if (req.method !== 'POST' || match === null) {
      send(res, 404, { 'x-amzn-errortype': 'UnknownOperationException' }, { message: `no route for ${req.method} ${req.url}` });
      return;
    }
    const modelId = decodeURIComponent(match[1] ?? '');
    const operation = match[2] === 'converse' ? 'Converse' : 'InvokeModel';
    let status = 200;
    try {
      if (body === undefined)
        throw new WireError('ValidationException', 'Malformed input request, please reformat your input and try again.');
      if (operation === 'Converse') {
        send(res, 200, { 'content-type': 'application/json' }, await converse(modelId, body));
      } else {
        const { payload, tokens } = invoke(modelId, body);
        send(
          res,
          200,
          {
            'content-type': 'application/json',
            'x-amzn-bedrock-input-token-count': String(tokens),
            'x-amzn-bedrock-invocation-latency': '0',
          },
          payload,
        );
      }
    } catch (error) {
      if (closing.signal.aborted) {
        status = 0;
        return;
      }
      const wire = error instanceof WireError ? error : new WireError('ValidationException', String(error));
      status = errorStatus[wire.errorName];
      send(res, status, { 'x-amzn-errortype': wire.errorName }, { message: wire.message });
    } finally {
      calls.push({ operation, modelId, body, status });
    }
  };

  const onRequest = (req: Request, res: Response): void => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.stream.destroyed)
        send(res, 500, { 'x-amzn-errortype': 'InternalServerException' }, { message: String(error) });
    });
  };
  // The SDK's Bedrock Runtime client talks HTTP/2 (its default handler is NodeHttp2Handler:
  // cleartext with prior knowledge against an http:// endpoint), so the server does too.
  const server = createServer(onRequest);
  const sessions = new Set<Http2Session>();
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort(new Error('server closed'));
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}

type Request = Http2ServerRequest;
type Response = Http2ServerResponse;

function defaultMessage(name: BedrockErrorName): string {
  switch (name) {
    case 'ThrottlingException':
      return 'Too many requests, please wait before trying again.';
    case 'ModelTimeoutException':
      return 'Model has timed out in processing the request. Try your request again.';
    case 'ValidationException':
      return 'Malformed input request, please reformat your input and try again.';
  }
}

function parseConverse(modelId: string, body: unknown): ConverseWireRequest {
  if (typeof body !== 'object' || body === null)
    throw new WireError('ValidationException', 'Malformed input request: expected a JSON object.');
  const { messages, system, inferenceConfig } = body as Record<string, unknown>;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new WireError(
      'ValidationException',
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  for (const [i, message] of messages.entries()) {
    const m = message as Record<string, unknown> | null;
    const expected = i % 2 === 0 ? 'user' : 'assistant';
    if (m === null || typeof m !== 'object' || m.role !== expected || !Array.isArray(m.content)) {
      throw new WireError(
        'ValidationException',
        `messages.${i}: roles must alternate between "user" and "assistant", starting with "user", and each message needs a content list.`,
      );
    }
  }
  return {
    modelId,
    messages: messages as ConverseWireRequest['messages'],
    ...(Array.isArray(system) && { system: system as ConverseWireRequest['system'] & object }),
    ...(typeof inferenceConfig === 'object' &&
      inferenceConfig !== null && { inferenceConfig: inferenceConfig as ConverseWireRequest['inferenceConfig'] & object }),
  };
}

function readBody(req: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: Response, status: number, headers: Record<string, string>, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-requestid': randomUUID(),
    ...headers,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
