import { describe, expect, it } from 'vitest';
import { withRetry } from './withRetry.js';

const awsError = (name: string, status: number, code = name) =>
  Object.assign(new Error(name), { name, Code: code, $metadata: { httpStatusCode: status } });

describe('withRetry', () => {
  it('waits full-jitter exponential delays, capped, between attempts', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async (attempt) => {
        calls++;
        if (attempt < 6) throw awsError('Throttling', 400);
        return 'done';
      },
      { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000, sleep: async (ms) => void waits.push(ms), random: () => 0.999 },
    );
    expect(result).toBe('done');
    expect(calls).toBe(6);
    // floor(0.999 · min(1000, 100·2^(n-1)))
    expect(waits).toEqual([99, 199, 399, 799, 999]);
  });

  it('gives up after maxAttempts and rethrows the last error', async () => {
    let calls = 0;
    const error = awsError('ThrottlingException', 400);
    await expect(
      withRetry(
        async () => {
          calls++;
          throw error;
        },
        { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} },
      ),
    ).rejects.toBe(error);
    expect(calls).toBe(3);
  });

  it('does not retry permanent errors', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw awsError('InvalidParameterValueException', 400, 'InvalidParameterValue');
        },
        { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => expect.unreachable() },
      ),
    ).rejects.toThrow('InvalidParameterValueException');
    expect(calls).toBe(1);
  });

  it('reports each retry, with its attempt, wait and error, before waiting', async () => {
    const events: string[] = [];
    const error = awsError('SlowDown', 503);
    await withRetry(
      async (attempt) => {
        events.push(`attempt ${attempt}`);
        if (attempt < 3) throw error;
      },
      {
        maxAttempts: 3,
        baseDelayMs: 10,
        maxDelayMs: 100,
        random: () => 0.5,
        sleep: async (ms) => void events.push(`sleep ${ms}`),
        onRetry: (attempt, delayMs, cause) => events.push(`retry ${attempt} ${delayMs} ${cause === error}`),
      },
    );
    expect(events).toEqual(['attempt 1', 'retry 1 5 true', 'sleep 5', 'attempt 2', 'retry 2 10 true', 'sleep 10', 'attempt 3']);
  });

  it('waits with a real timer by default', async () => {
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls === 1) throw awsError('ServiceUnavailable', 503);
      },
      { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    );
    expect(calls).toBe(2);
  });
});
