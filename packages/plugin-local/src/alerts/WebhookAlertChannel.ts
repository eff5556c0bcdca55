import { createHmac } from 'node:crypto';
import type { Alert, AlertChannel, DeliveryResult, LifecycleCallOptions, ProviderLifecycle } from '@driftwatch/core';

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
/** What a {@link WebhookAlertChannel} takes from its provider context, replaceable in tests. */
export interface WebhookDependencies {
  /** Waits between attempts; rejects when `signal` aborts. Default a timer. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Epoch ms now, for `Retry-After` dates. Default `Date.now`. */
  readonly now?: () => number;
  /** Aborted when the process stops: deliveries in flight end at once as `failed`. */
  readonly signal?: AbortSignal;
  /** Scrubs secrets from the payload before it is signed and sent (the context's redactor's `strings`). Default: none. */
  readonly redact?: <T>(value: T) => T;
}

export class WebhookAlertChannel implements AlertChannel, ProviderLifecycle {
  readonly type = 'webhook';
  readonly #options: Required<Omit<WebhookOptions, 'secret' | 'headers'>> & Pick<WebhookOptions, 'secret' | 'headers'>;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #now: () => number;
  readonly #redact: <T>(value: T) => T;
  /** Aborted by the process's signal, or when shutdown's deadline passes with deliveries still running. */
  readonly #stop = new AbortController();
  readonly #inFlight = new Set<Promise<DeliveryResult>>();
  #closed = false;

  constructor(options: WebhookOptions, deps: WebhookDependencies = {}) {
    this.#options = { timeoutMs: 10_000, retries: 3, backoffMs: 500, maxBackoffMs: 30_000, ...options };
    this.#sleep = deps.sleep ?? timerSleep;
    this.#now = deps.now ?? Date.now;
    this.#redact = deps.redact ?? ((value) => value);
    if (deps.signal?.aborted) this.#stop.abort(deps.signal.reason);
    else deps.signal?.addEventListener('abort', () => this.#stop.abort(deps.signal?.reason), { once: true });
  }

  send(alert: Alert): Promise<DeliveryResult> {
    if (this.#closed) return Promise.resolve({ status: 'failed', reason: 'the webhook channel is shut down' });
    const delivery = this.#deliver(alert);
    this.#inFlight.add(delivery);
    void delivery.finally(() => this.#inFlight.delete(delivery));
    return delivery;
  }

  /** Lets deliveries in flight finish (their retries included); when the call's deadline passes, they are abandoned as `failed`. */
  async shutdown(options?: LifecycleCallOptions): Promise<void> {
    this.#closed = true;
    options?.signal.addEventListener('abort', () => this.#stop.abort(options.signal.reason), { once: true });
    await Promise.allSettled([...this.#inFlight]);
  }

  async #deliver(alert: Alert): Promise<DeliveryResult> {
    const o = this.#options;
    const body = JSON.stringify({ alert: this.#redact(alert) });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'driftwatch', ...o.headers };
    if (o.secret !== undefined) headers['x-driftwatch-signature'] = webhookSignature(o.secret, body);
    const stopped = (last: DeliveryResult): DeliveryResult => ({
      status: 'failed',
      reason: `delivery abandoned: driftwatch is stopping${last.reason ? ` (last: ${last.reason})` : ''}`,
    });
    let last: DeliveryResult = { status: 'retryable' };
    for (let attempt = 0; attempt <= o.retries; attempt++) {
      if (this.#stop.signal.aborted) return stopped(last);
      if (attempt > 0) {
        const backoff = Math.min(o.backoffMs * 2 ** (attempt - 1), o.maxBackoffMs);
        try {
          await this.#sleep(Math.min(last.retryAfterMs ?? backoff, o.maxBackoffMs), this.#stop.signal);
        } catch {
          return stopped(last);
        }
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
      const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), this.#stop.signal]);
      response = await fetch(url, { method: 'POST', headers, body, signal });
    } catch (error) {
      if (this.#stop.signal.aborted) return { status: 'failed', reason: `POST ${redactUrl(url)}: abandoned: driftwatch is stopping` };
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

function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
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
