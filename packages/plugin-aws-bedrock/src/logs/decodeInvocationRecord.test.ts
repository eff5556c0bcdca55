import { describe, expect, it } from 'vitest';
import { decodeInvocationRecord } from './decodeInvocationRecord.js';

// Records in the shape Bedrock writes (AWS docs, "Monitor model invocation using CloudWatch Logs and Amazon S3").
const base = {
  schemaType: 'ModelInvocationLog',
  schemaVersion: '1.0',
  timestamp: '2026-03-02T10:15:00Z',
  accountId: '123456789012',
  identity: { arn: 'arn:aws:sts::123456789012:assumed-role/app/s' },
  region: 'us-east-1',
  requestId: 'req-1',
};

describe('decodeInvocationRecord', () => {
  it('reads a Converse record: system and turns, answer, stop reason, usage and latency', () => {
    const row = decodeInvocationRecord({
      ...base,
      operation: 'Converse',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      input: {
        inputContentType: 'application/json',
        inputBodyJson: {
          system: [{ text: 'You answer support questions.' }],
          messages: [{ role: 'user', content: [{ text: 'How do I reset my password?' }] }],
          inferenceConfig: { maxTokens: 512 },
        },
        inputTokenCount: 21,
      },
      output: {
        outputContentType: 'application/json',
        outputBodyJson: {
          output: { message: { role: 'assistant', content: [{ text: 'Open Settings, ' }, { text: 'then Reset.' }] } },
          stopReason: 'end_turn',
          metrics: { latencyMs: 812 },
          usage: { inputTokens: 20, outputTokens: 9, totalTokens: 29 },
        },
        outputTokenCount: 9,
      },
    });
    expect(row).toEqual({
      timestamp: '2026-03-02T10:15:00Z',
      request_id: 'req-1',
      operation: 'Converse',
      model_id: 'anthropic.claude-3-haiku-20240307-v1:0',
      prompt: 'You answer support questions.\nHow do I reset my password?',
      response: 'Open Settings, then Reset.',
      // The record's own counts win over the body's.
      input_tokens: 21,
      output_tokens: 9,
      latency_ms: 812,
      stop_reason: 'end_turn',
    });
  });

  it('reads Anthropic Messages through InvokeModel, multi-turn prompts with roles, body usage when the record has none', () => {
    const row = decodeInvocationRecord({
      ...base,
      operation: 'InvokeModel',
      modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      input: {
        inputBodyJson: {
          anthropic_version: 'bedrock-2023-05-31',
          system: 'Be brief.',
          messages: [
            { role: 'user', content: 'Hi' },
            { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
            { role: 'user', content: [{ type: 'text', text: 'Refund?' }] },
          ],
        },
      },
      output: {
        outputBodyJson: {
          content: [{ type: 'text', text: 'Within 30 days.' }],
          stop_reason: 'max_tokens',
          usage: { input_tokens: 30, output_tokens: 5 },
        },
      },
    });
    expect(row).toMatchObject({
      prompt: 'Be brief.\nuser: Hi\nassistant: Hello!\nuser: Refund?',
      response: 'Within 30 days.',
      input_tokens: 30,
      output_tokens: 5,
      latency_ms: null,
      stop_reason: 'max_tokens',
    });
  });

  it('reads Titan Text, and its stream of chunks', () => {
    const titan = decodeInvocationRecord({
      ...base,
      operation: 'InvokeModel',
      modelId: 'amazon.titan-text-express-v1',
      input: { inputBodyJson: { inputText: 'User: Hello\n\nBot:', textGenerationConfig: { maxTokenCount: 100 } } },
      output: {
        outputBodyJson: { inputTextTokenCount: 7, results: [{ tokenCount: 4, outputText: ' Hi there!', completionReason: 'FINISH' }] },
      },
    });
    expect(titan).toMatchObject({
      prompt: 'User: Hello\n\nBot:',
      response: ' Hi there!',
      input_tokens: 7,
      output_tokens: 4,
      stop_reason: 'FINISH',
    });
    const stream = decodeInvocationRecord({
      ...base,
      operation: 'InvokeModelWithResponseStream',
      modelId: 'amazon.titan-text-express-v1',
      input: { inputBodyJson: { inputText: 'Q' }, inputTokenCount: 2 },
      output: {
        outputBodyJson: [
          { outputText: 'Hel', index: 0, totalOutputTextTokenCount: null, completionReason: null },
          {
            outputText: 'lo',
            index: 0,
            totalOutputTextTokenCount: 3,
            completionReason: 'LENGTH',
            'amazon-bedrock-invocationMetrics': { inputTokenCount: 2, outputTokenCount: 3, invocationLatency: 420, firstByteLatency: 100 },
          },
        ],
      },
    });
    expect(stream).toMatchObject({ response: 'Hello', input_tokens: 2, output_tokens: 3, latency_ms: 420, stop_reason: 'LENGTH' });
  });

  it('reads ConverseStream and Anthropic stream events', () => {
    const converse = decodeInvocationRecord({
      ...base,
      operation: 'ConverseStream',
      modelId: 'm',
      input: { inputBodyJson: { messages: [{ role: 'user', content: [{ text: 'Q' }] }] } },
      output: {
        outputBodyJson: [
          { messageStart: { role: 'assistant' } },
          { contentBlockDelta: { delta: { text: 'A' }, contentBlockIndex: 0 } },
          { contentBlockDelta: { delta: { text: 'B' }, contentBlockIndex: 0 } },
          { messageStop: { stopReason: 'end_turn' } },
          { metadata: { usage: { inputTokens: 3, outputTokens: 2 }, metrics: { latencyMs: 250 } } },
        ],
      },
    });
    expect(converse).toMatchObject({
      prompt: 'Q',
      response: 'AB',
      input_tokens: 3,
      output_tokens: 2,
      latency_ms: 250,
      stop_reason: 'end_turn',
    });
    const anthropic = decodeInvocationRecord({
      ...base,
      operation: 'InvokeModelWithResponseStream',
      modelId: 'm',
      input: { inputBodyJson: { messages: [{ role: 'user', content: 'Q' }] } },
      output: {
        outputBodyJson: [
          { type: 'message_start', message: {} },
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Sure' } },
          { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } },
          { type: 'message_stop', 'amazon-bedrock-invocationMetrics': { inputTokenCount: 4, outputTokenCount: 1, invocationLatency: 90 } },
        ],
      },
    });
    expect(anthropic).toMatchObject({ response: 'Sure', input_tokens: 4, output_tokens: 1, latency_ms: 90, stop_reason: 'end_turn' });
  });

  it('uses bodies fetched from S3, and leaves text null for an unknown model family', () => {
    const row = decodeInvocationRecord(
      {
        ...base,
        operation: 'InvokeModel',
        modelId: 'm',
        input: { inputBodyS3Path: 's3://b/in.json' },
        output: { outputBodyS3Path: 's3://b/out.json' },
      },
      { input: { inputText: 'big prompt' }, output: { results: [{ outputText: 'big answer' }] } },
    );
    expect(row).toMatchObject({ prompt: 'big prompt', response: 'big answer' });
    const other = decodeInvocationRecord({
      ...base,
      modelId: 'cohere.command-r-v1:0',
      input: { inputBodyJson: { message: 'x' } },
      output: {},
    });
    expect(other).toMatchObject({ operation: 'InvokeModel', prompt: null, response: null, input_tokens: null });
  });

  it('rejects what is not an invocation log record, saying why', () => {
    expect(() => decodeInvocationRecord([1])).toThrow('not a JSON object');
    expect(() => decodeInvocationRecord({ ...base, schemaType: 'Other', modelId: 'm' })).toThrow(/schemaType is "Other"/);
    expect(() => decodeInvocationRecord({ ...base, timestamp: 'yesterday', modelId: 'm' })).toThrow(/timestamp/);
    expect(() => decodeInvocationRecord({ ...base })).toThrow('modelId is missing');
  });
});
