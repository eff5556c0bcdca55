/** One invocation as a row of the `bedrock-invocation-logs` source. Absent facts are null. */
export interface InvocationRow {
  [column: string]: string | number | null;
  /** The record's `timestamp` (ISO 8601). */
  timestamp: string;
  request_id: string | null;
  /** `Converse`, `ConverseStream`, `InvokeModel`, `InvokeModelWithResponseStream`. */
  operation: string;
  /** The model ID, inference profile or custom model ARN called. */
  model_id: string;
  /** The prompt text: the system prompt, then every user/assistant turn, one per line (`role: text` for multi-turn). */
  prompt: string | null;
  /** The response text (streamed chunks joined). */
  response: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  /** Model latency in ms, where the body reports it (Converse `metrics.latencyMs`, stream invocation metrics). */
  latency_ms: number | null;
  /** Why generation stopped, as the model says it (`end_turn`, `max_tokens`, `FINISH`…). */
  stop_reason: string | null;
}

/** The request and response bodies of a record, when its log holds them in S3 (`inputBodyS3Path`). */
export interface ResolvedBodies {
  readonly input?: unknown;
  readonly output?: unknown;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Decodes one Bedrock model invocation log record (`schemaType`
 * `ModelInvocationLog`, as Bedrock writes it to S3 and CloudWatch Logs) into
 * a row. Bodies are read in the shapes of the Converse API (messages,
 * system, output.message, stopReason, usage, metrics), of Anthropic's
 * Messages and Text Completions APIs and of Amazon Titan Text, and their
 * streamed forms (an array of chunks); a body of another model family keeps
 * its text columns null. Token counts come from the record's
 * `inputTokenCount`/`outputTokenCount`, else from the body. Throws a plain
 * Error saying what is wrong with a record that is not an invocation log.
 */
export function decodeInvocationRecord(record: unknown, bodies: ResolvedBodies = {}): InvocationRow {
  if (!isObject(record)) throw new Error('not a JSON object');
  if (record.schemaType !== 'ModelInvocationLog') {
    throw new Error(
      `schemaType is ${JSON.stringify(record.schemaType)}, not "ModelInvocationLog" (not a Bedrock model invocation log record)`,
    );
  }
  const timestamp = str(record.timestamp);
  if (timestamp === null || Number.isNaN(Date.parse(timestamp))) throw new Error('timestamp is missing or not an ISO 8601 time');
  const modelId = str(record.modelId);
  if (modelId === null) throw new Error('modelId is missing');
  const operation = str(record.operation) ?? 'InvokeModel';
  const input = isObject(record.input) ? record.input : {};
  const output = isObject(record.output) ? record.output : {};
  const request = bodies.input ?? input.inputBodyJson;
  const response = bodies.output ?? output.outputBodyJson;
  const out = decodeResponse(response);
  return {
    timestamp,
    request_id: str(record.requestId),
    operation,
    model_id: modelId,
    prompt: decodePrompt(request),
    response: out.text,
    input_tokens: num(input.inputTokenCount) ?? out.inputTokens,
    output_tokens: num(output.outputTokenCount) ?? out.outputTokens,
    latency_ms: out.latencyMs,
    stop_reason: out.stopReason,
  };
}

/** The text of a content value: a string, or Converse/Anthropic content blocks (text blocks joined). */
function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  const parts: string[] = [];
  for (const block of content) {
    if (typeof block === 'string') parts.push(block);
    else if (isObject(block) && typeof block.text === 'string') parts.push(block.text);
  }
  return parts.length > 0 ? parts.join('') : null;
}

function decodePrompt(body: unknown): string | null {
  if (typeof body === 'string') return body;
  if (!isObject(body)) return null;
  // Titan Text, Anthropic Text Completions, Llama/Mistral prompts.
  if (typeof body.inputText === 'string') return body.inputText;
  if (typeof body.prompt === 'string') return body.prompt;
  if (!Array.isArray(body.messages)) return null;
  const lines: string[] = [];
  // Converse: system is a list of blocks; Anthropic Messages: a string or blocks.
  const system = contentText(body.system);
  if (system !== null) lines.push(system);
  const turns = body.messages.filter(isObject);
  for (const turn of turns) {
    const text = contentText(turn.content);
    if (text === null) continue;
    lines.push(turns.length > 1 ? `${String(turn.role ?? 'user')}: ${text}` : text);
  }
  return lines.length > 0 ? lines.join('\n') : null;
}

interface DecodedResponse {
  text: string | null;
  stopReason: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number | null;
}

function decodeResponse(body: unknown): DecodedResponse {
  const out: DecodedResponse = { text: null, stopReason: null, inputTokens: null, outputTokens: null, latencyMs: null };
  if (Array.isArray(body)) {
    decodeStream(body, out);
    return out;
  }
  if (!isObject(body)) return out;
  if (isObject(body.output) && isObject(body.output.message)) {
    // Converse.
    out.text = contentText(body.output.message.content);
    out.stopReason = str(body.stopReason);
    if (isObject(body.usage)) {
      out.inputTokens = num(body.usage.inputTokens);
      out.outputTokens = num(body.usage.outputTokens);
    }
    if (isObject(body.metrics)) out.latencyMs = num(body.metrics.latencyMs);
  } else if (Array.isArray(body.content)) {
    // Anthropic Messages.
    out.text = contentText(body.content);
    out.stopReason = str(body.stop_reason);
    if (isObject(body.usage)) {
      out.inputTokens = num(body.usage.input_tokens);
      out.outputTokens = num(body.usage.output_tokens);
    }
  } else if (typeof body.completion === 'string') {
    // Anthropic Text Completions.
    out.text = body.completion;
    out.stopReason = str(body.stop_reason);
  } else if (Array.isArray(body.results)) {
    // Titan Text: one result per requested completion; the first is the answer.
    const first = body.results.find(isObject);
    out.text = first ? str(first.outputText) : null;
    out.stopReason = first ? str(first.completionReason) : null;
    out.inputTokens = num(body.inputTextTokenCount);
    out.outputTokens = first ? num(first.tokenCount) : null;
  } else if (typeof body.generation === 'string') {
    // Llama.
    out.text = body.generation;
    out.stopReason = str(body.stop_reason);
  }
  return out;
}

/** Streamed bodies: Converse stream events, Anthropic Messages events, or Titan chunks, in order. */
function decodeStream(chunks: readonly unknown[], out: DecodedResponse): void {
  let text = '';
  let any = false;
  for (const chunk of chunks) {
    if (!isObject(chunk)) continue;
    const metrics = chunk['amazon-bedrock-invocationMetrics'];
    if (isObject(metrics)) {
      out.inputTokens = num(metrics.inputTokenCount) ?? out.inputTokens;
      out.outputTokens = num(metrics.outputTokenCount) ?? out.outputTokens;
      out.latencyMs = num(metrics.invocationLatency) ?? out.latencyMs;
    }
    if (
      isObject(chunk.contentBlockDelta) &&
      isObject(chunk.contentBlockDelta.delta) &&
      typeof chunk.contentBlockDelta.delta.text === 'string'
    ) {
      text += chunk.contentBlockDelta.delta.text;
      any = true;
    } else if (isObject(chunk.messageStop)) {
      out.stopReason = str(chunk.messageStop.stopReason) ?? out.stopReason;
    } else if (isObject(chunk.metadata)) {
      if (isObject(chunk.metadata.usage)) {
        out.inputTokens = num(chunk.metadata.usage.inputTokens) ?? out.inputTokens;
        out.outputTokens = num(chunk.metadata.usage.outputTokens) ?? out.outputTokens;
      }
      if (isObject(chunk.metadata.metrics)) out.latencyMs = num(chunk.metadata.metrics.latencyMs) ?? out.latencyMs;
    } else if (chunk.type === 'content_block_delta' && isObject(chunk.delta) && typeof chunk.delta.text === 'string') {
      text += chunk.delta.text;
      any = true;
    } else if (chunk.type === 'message_delta' && isObject(chunk.delta)) {
      out.stopReason = str(chunk.delta.stop_reason) ?? out.stopReason;
    } else if (typeof chunk.outputText === 'string') {
      // Titan: every chunk carries a piece; the last one its completion reason and token count.
      text += chunk.outputText;
      any = true;
      out.stopReason = str(chunk.completionReason) ?? out.stopReason;
      out.outputTokens = num(chunk.totalOutputTextTokenCount) ?? out.outputTokens;
    }
  }
  out.text = any ? text : null;
}
