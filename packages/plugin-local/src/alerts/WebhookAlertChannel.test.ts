import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Alert, Redactor } from '@driftwatch/core';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRetryAfter, WebhookAlertChannel, webhookSignature } from './WebhookAlertChannel.js';

const alert: Alert = {
  rule: 'share',
  severity: 'critical',
  monitor: 'credit',
  message: 'credit: dataset.drift_share = 0.6 > 0.5',
  timestamp: '2026-11-27T00:00:00.000Z',
  values: { value: 0.6, threshold: 0.5 },
};

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly url: string;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** A real HTTP server answering from a script of (status, headers) and recording requests. */
async function serve(script: ((res: ServerResponse) => void)[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body, url: req.url ?? '' });
      const step = script.shift() ?? ((r: ServerResponse) => r.writeHead(200).end('ok'));
      step(res);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hook`, received };
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  (res: ServerResponse) =>
    res.writeHead(code, headers).end(`status ${code}`);

const recordingSleep = () => {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
};

describe('WebhookAlertChannel', () => {
  it('POSTs the alert as JSON with an HMAC-SHA256 signature of the exact body', async () => {
    const { url, received } = await serve([status(204)]);
    const secret = 'shared-secret-123';
    const result = await new WebhookAlertChannel({ url, secret, headers: { authorization: 'Bearer x' } }).send(alert);
    expect(result).toEqual({ status: 'ok' });
    expect(received).toHaveLength(1);
    const [r] = received;
    expect(JSON.parse(r.body)).toEqual({ alert });
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers.authorization).toBe('Bearer x');
    // Computed independently of the channel's helper.
    const expected = `sha256=${createHmac('sha256', secret).update(r.body).digest('hex')}`;
    expect(r.headers['x-driftwatch-signature']).toBe(expected);
    expect(webhookSignature(secret, r.body)).toBe(expected);
  });

  it('sends the alert with secrets redacted, signed as sent', async () => {
    const { url, received } = await serve([]);
    const redactor = new Redactor(['db-pass-0042']);
    const leaky: Alert = {
      ...alert,
      message: 'credit: source postgres://u:db-pass-0042@h/db?sslmode=require, Authorization: Bearer abc.def',
    };
    const channel = new WebhookAlertChannel({ url, secret: 'hook-secret' }, { redact: (v) => redactor.strings(v) });
    expect(await channel.send(leaky)).toEqual({ status: 'ok' });
    const body = received[0]!.body;
    expect(JSON.parse(body).alert.message).toBe('credit: source postgres://***@h/db?sslmode=require, Authorization: ***');
    expect(body).not.toMatch(/db-pass-0042|abc\.def/);
    expect(received[0]!.headers['x-driftwatch-signature']).toBe(webhookSignature('hook-secret', body));
  });

  it('sends no signature without a secret', async () => {
    const { url, received } = await serve([status(200)]);
    await new WebhookAlertChannel({ url }).send(alert);
    expect(received[0].headers['x-driftwatch-signature']).toBeUndefined();
  });

  it('retries 5xx and 429 with exponential backoff, honouring Retry-After', async () => {
    const { url, received } = await serve([status(503), status(429, { 'retry-after': '2' }), status(502), status(200)]);
    const { sleeps, sleep } = recordingSleep();
    const result = await new WebhookAlertChannel({ url, backoffMs: 100 }, { sleep }).send(alert);
    expect(result).toEqual({ status: 'ok' });
    expect(received).toHaveLength(4);
    // 100 (first backoff), 2000 (Retry-After wins), 400 (third backoff).
    expect(sleeps).toEqual([100, 2000, 400]);
    // Every attempt carries the same body and signature.
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
  });

  it('gives up after its retries with a final failure, and fails at once on other 4xx', async () => {
    const failing = await serve([status(500), status(500), status(500)]);
    const { sleeps, sleep } = recordingSleep();
    const result = await new WebhookAlertChannel({ url: failing.url, retries: 2, backoffMs: 10 }, { sleep }).send(alert);
    expect(result).toEqual({
      status: 'failed',
      reason: expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+\/hook: HTTP 500 \(after 3 attempts\)$/),
    });
    expect(failing.received).toHaveLength(3);
    expect(sleeps).toEqual([10, 20]);
    await new Promise((r) => server!.close(r));

    const rejecting = await serve([status(400)]);
    const bad = await new WebhookAlertChannel({ url: rejecting.url }, recordingSleep()).send(alert);
    expect(bad).toEqual({ status: 'failed', reason: expect.stringMatching(/HTTP 400$/) });
    expect(rejecting.received).toHaveLength(1);
  });

  it('retries network errors and timeouts, never showing the secret or a query token', async () => {
    // A port with nothing listening: connection refused.
    const { url } = await serve([]);
    await new Promise((r) => server!.close(r));
    server = undefined;
    const secret = 'never-show-me';
    const { sleeps, sleep } = recordingSleep();
    const refused = await new WebhookAlertChannel({ url: `${url}?token=abc123`, secret, retries: 1 }, { sleep }).send(alert);
    expect(refused.status).toBe('failed');
    expect(refused.reason).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/hook\?…: ECONNREFUSED \(after 2 attempts\)$/);
    expect(JSON.stringify(refused)).not.toMatch(/never-show-me|abc123/);
    expect(sleeps).toEqual([500]);

    // A server that never answers: the per-attempt timeout fires.
    const hanging = await serve([() => {}]);
    const timedOut = await new WebhookAlertChannel({ url: hanging.url, timeoutMs: 100, retries: 0 }).send(alert);
    expect(timedOut).toEqual({ status: 'failed', reason: expect.stringMatching(/timed out after 100 ms \(after 1 attempt\)$/) });
    server!.closeAllConnections();
  });
});

describe('WebhookAlertChannel lifecycle', () => {
  it('lets a delivery in flight finish on shutdown, then refuses new ones', async () => {
    let answer: (() => void) | undefined;
    const { url, received } = await serve([(res) => (answer = () => res.writeHead(204).end())]);
    const channel = new WebhookAlertChannel({ url, retries: 0 });
    const delivery = channel.send(alert);
    while (received.length === 0) await new Promise((r) => setTimeout(r, 5));
    const done = channel.shutdown({ signal: new AbortController().signal });
    answer!();
    await done;
    expect(await delivery).toEqual({ status: 'ok' });
    expect(await channel.send(alert)).toEqual({ status: 'failed', reason: 'the webhook channel is shut down' });
  });

  it('abandons deliveries as failed when the shutdown deadline passes or the process stops', async () => {
    const hanging = await serve([() => {}, () => {}]);
    const channel = new WebhookAlertChannel({ url: hanging.url, retries: 0 });
    const delivery = channel.send(alert);
    const deadline = new AbortController();
    const done = channel.shutdown({ signal: deadline.signal });
    deadline.abort(new Error('deadline'));
    await done;
    expect(await delivery).toEqual({ status: 'failed', reason: expect.stringMatching(/abandoned: driftwatch is stopping$/) });

    // The process's signal (SIGTERM) stops a delivery waiting between retries.
    const stop = new AbortController();
    const sleeping = new WebhookAlertChannel(
      { url: hanging.url, retries: 3, timeoutMs: 50 },
      {
        signal: stop.signal,
        sleep: (_ms, signal) => new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
      },
    );
    const retrying = sleeping.send(alert);
    setTimeout(() => stop.abort(new Error('SIGTERM')), 100);
    expect(await retrying).toEqual({
      status: 'failed',
      reason: expect.stringMatching(/^delivery abandoned: driftwatch is stopping \(last: POST .*timed out after 50 ms\)$/),
    });
    server!.closeAllConnections();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
