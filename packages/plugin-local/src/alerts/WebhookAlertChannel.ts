import { createHmac } from 'node:crypto';
import type { Alert, AlertChannel, DeliveryResult } from '@driftwatch/core';

/** Options of {@link WebhookAlertChannel}. */
export interface WebhookOptions {
  /** `http:` or `https:` URL the alert is POSTed to. */
  readonly url: string;
  /** Shared secret: the body's HMAC-SHA256 goes in `X-Driftwatch-Signature: sha256=<hex>`. Never logged. */
  readonly secret?: string;
  /** Extra request headers (e.g. an authorization header). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-attempt timeout in ms. Default 10 000. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt on 5xx, 429 and network errors. Default 3. */
  readonly retries?: number;
  /** First backoff in ms, doubled each retry (a `Retry-After` header wins). Default 500. */
  readonly backoffMs?: number;
  /** Longest wait between attempts in ms, also capping `Retry-After`. Default 30 000. */
  readonly maxBackoffMs?: number;
}

/** The signature header value for a body: `sha256=` and the hex HMAC-SHA256 with the shared secret. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs each alert as JSON (`{ "alert": {…} }`). Retries with exponential
 * backoff on 5xx, 429, timeouts and network errors, honouring `Retry-After`
 * (seconds or an HTTP date); other 4xx fail at once. Returns a
 * `DeliveryResult` rather than throwing: `failed`, with the last reason, when
 * the retries ran out, since the channel has already retried as configured.
 */
export class WebhookAlertChannel implements AlertChannel {
  readonly type = 'webhook';
  readonly #options: Required<Omit<WebhookOptions, 'secret' | 'headers'>> & Pick<WebhookOptions, 'secret' | 'headers'>;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(options: WebhookOptions, deps: { sleep?: (ms: number) => Promise<void>; now?: () => number } = {}) {
    this.#options = { timeoutMs: 10_000, retries: 3, backoffMs: 500, maxBackoffMs: 30_000, ...options };
    this.#sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.#now = deps.now ?? Date.now;
  }

  async send(alert: Alert): Promise<DeliveryResult> {
    const o = this.#options;
    const body = JSON.stringify({ alert });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'driftwatch', ...o.headers };
    if (o.secret !== undefined) headers['x-driftwatch-signature'] = webhookSignature(o.secret, body);
    let last: DeliveryResult = { status: 'retryable' };
    for (let attempt = 0; attempt <= o.retries; attempt++) {
      if (attempt > 0) {
        const backoff = Math.min(o.backoffMs * 2 ** (attempt - 1), o.maxBackoffMs);
        await this.#sleep(Math.min(last.retryAfterMs ?? backoff, o.maxBackoffMs));
      }
      last = await this.#attempt(body, headers);
      if (last.status !== 'retryable') return last;
    }
    // The channel has done the retrying its options ask for: a caller retrying again would multiply
    // the attempts (and the backoff), so an exhausted delivery is final.
    return { status: 'failed', reason: `${last.reason} (after ${o.retries + 1} attempt${o.retries === 0 ? '' : 's'})` };
  }

  async #attempt(body: string, headers: Record<string, string>): Promise<DeliveryResult> {
    const { url, timeoutMs } = this.#options;
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      // fetch wraps the socket error: its cause has the code (ECONNREFUSED) or says why (a port fetch refuses).
      const e = error as Error & { cause?: { code?: string; message?: string } };
      const why = e.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
      return { status: 'retryable', reason: `POST ${redactUrl(url)}: ${why}` };
    }
    // Drain the body so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return { status: 'ok' };
    const reason = `POST ${redactUrl(url)}: HTTP ${response.status}`;
    if (response.status === 429 || response.status >= 500) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.#now());
      return retryAfterMs === undefined ? { status: 'retryable', reason } : { status: 'retryable', reason, retryAfterMs };
    }
    return { status: 'failed', reason };
  }
}

/** `Retry-After` in ms: delay-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The URL without credentials or query (tokens often travel there), for messages. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '(invalid url)';
  }
}
