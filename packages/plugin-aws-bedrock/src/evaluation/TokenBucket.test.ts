import { describe, expect, it } from 'vitest';
import { estimateTokens, TokenBucket, type TokenBucketClock } from './TokenBucket.js';

/** A clock that only moves when someone waits: every wait is recorded and advances time by exactly its length. */
function fakeClock(): TokenBucketClock & { waits: number[]; time: number } {
  const clock = {
    time: 0,
    waits: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.waits.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}

describe('TokenBucket', () => {
  it('lets a full minute of tokens through at once, then paces takes at the refill rate', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(600, clock); // 10 tokens a second
    for (let i = 0; i < 6; i++) await bucket.take(100);
    expect(clock.waits).toEqual([]);
    await bucket.take(100);
    expect(clock.waits).toEqual([10_000]);
    await bucket.take(50);
    expect(clock.waits).toEqual([10_000, 5_000]);
    expect(bucket.waitedMs).toBe(15_000);
  });

  it('serves concurrent callers first come first served, none taking more than the rate allows', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(60, clock); // one token a second
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => bucket.take(30).then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    // 120 tokens from a bucket of 60 at 1/s: 60 more seconds of waiting in all.
    expect(clock.time).toBe(60_000);
  });

  it('settles an estimate with the real usage: more used makes the next call wait, less gives tokens back', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(600, clock);
    await bucket.take(100);
    bucket.settle(100, 700); // used 600 more than estimated: 500 - 600 = -100
    expect(bucket.level).toBe(-100);
    await bucket.take(100); // 200 short at 10 a second
    expect(clock.waits).toEqual([20_000]);
    bucket.settle(100, 0);
    expect(bucket.level).toBe(100);
    // Never above capacity.
    bucket.settle(1_000, 0);
    expect(bucket.level).toBe(600);
  });

  it('a call estimated above the capacity waits for a full bucket, not forever; an aborted wait rejects', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(60, clock);
    await bucket.take(30);
    await bucket.take(1_000);
    expect(clock.waits).toEqual([30_000]);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(bucket.take(10, controller.signal)).rejects.toThrow('stop');
    expect(() => new TokenBucket(0, clock)).toThrow(RangeError);
  });

  it('estimates ~4 characters a token', () => {
    expect(estimateTokens(['abcd', 'efghi'])).toBe(3);
    expect(estimateTokens([])).toBe(0);
  });
});
