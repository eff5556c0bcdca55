import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';

const decoder = new TextDecoder();

/** One request the SDK sent, as counted by {@link countingClient}. */
export interface SentRequest {
  readonly operation: string;
  /** Bytes of the serialised body before compression. */
  readonly bodyBytes: number;
  readonly body: string;
}

/**
 * A real CloudWatch client for a local peer: dummy credentials and region, the
 * SDK's retries off (the code under test retries), and a middleware that
 * records every request right after serialisation, so tests count requests and
 * measure bodies as they go on the wire (before gzip).
 */
export function countingClient(
  endpoint: string,
  options: { compression?: boolean; region?: string } = {},
): { client: CloudWatchClient; sent: SentRequest[] } {
  const client = new CloudWatchClient({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
    // moto's server (5.2) decodes a gzip body twice and fails; the SDK compresses PutMetricData bodies of 10 KiB or more.
    disableRequestCompression: !(options.compression ?? false),
  });
  const sent: SentRequest[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const body = (args.request as { body?: unknown }).body;
      const text = typeof body === 'string' ? body : body instanceof Uint8Array ? decoder.decode(body) : '';
      sent.push({ operation: String(context.commandName).replace(/Command$/, ''), bodyBytes: Buffer.byteLength(text), body: text });
      return next(args);
    },
    { step: 'serialize', priority: 'low', name: 'driftwatchTestRecorder' },
  );
  return { client, sent };
}
