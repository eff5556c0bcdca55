import type { MetricPoint, MetricsSink, ProviderLifecycle } from '@driftwatch/core';
import { expositionContentType, formatExposition } from '../exposition/formatExposition.js';
import { type PrometheusSeries, PrometheusSeriesMapper, toMetricFamilies } from '../exposition/PrometheusSeriesMapper.js';
import { sanitizeLabelName } from '../exposition/sanitizeLabelName.js';
import type { PushgatewaySinkOptions } from '../options/pushgatewaySinkOptions.js';
import { PushgatewayPushError } from './PushgatewayPushError.js';
import { pushgatewayGroupPath } from './pushgatewayGroupPath.js';

/** Counters of a sink since it was made. */
export interface PushgatewaySinkStats {
  /** HTTP requests sent (pushes, retries and deletes). */
  requests: number;
  /** Retries after 5xx, 429 or network errors. */
  retries: number;
  /** Groups pushed successfully. */
  pushes: number;
  /** Points in successful pushes (superseded ones, older values of a pushed series, included). */
  published: number;
  /** Groups deleted at shutdown (`deleteOnSuccess`). */
  deleted: number;
  /** Points never sent, by reason. */
  dropped: {
    /** Beyond `maxSeriesPerMetric` label sets of their metric. */
    cardinality: number;
    /** Two dimensions that make one label name. */
    invalid: number;
  };
}

/** Seams: the retry waits, the clock for Retry-After, the process's signal, redaction and warnings. */
export interface PushgatewaySinkDependencies {
  /** Waits between retries; defaults to setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Aborts requests when the process is asked to stop. */
  readonly signal?: AbortSignal;
  /** Scrubs secrets from error messages (a gateway or proxy may echo a header). */
  readonly redact?: (text: string) => string;
  /** Told of dropped points, once per flush. */
  readonly warn?: (message: string) => void;
  /** The `fetch` to use; defaults to the global one. */
  readonly fetch?: typeof fetch;
}

interface Group {
  readonly path: string;
  /** Per series key: its latest series and every point that fed it. */
  readonly series: Map<string, { series: PrometheusSeries; points: MetricPoint[] }>;
}

class HttpFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Pushes metric points to a Prometheus Pushgateway, for CLI and scheduled runs that live too
 * briefly to be scraped. Points are grouped by the grouping key (`job`, the fixed `grouping`
 * labels, the values of the `groupBy` dimensions) and each group is pushed on flush as one request
 * in the text exposition format: `PUT` (default) replaces the group's metrics, `POST` only those of
 * the names pushed. A gauge has one current value, so of several points of one series only the
 * latest (by timestamp) is pushed; timestamps are not sent (the Pushgateway rejects them: the
 * sample's time is the scrape's, the group's `push_time_seconds` the push's). Requests time out
 * after `requestTimeout` and are retried on 5xx, 429 and network errors with exponential backoff.
 * A flush that leaves groups unpushed throws a {@link PushgatewayPushError} naming their points.
 */
export class PushgatewayMetricsSink implements MetricsSink, ProviderLifecycle {
  readonly type = 'pushgateway';
  readonly #options: PushgatewaySinkOptions;
  readonly #mapper: PrometheusSeriesMapper;
  readonly #base: string;
  readonly #headers: Record<string, string>;
  readonly #deps: Required<Omit<PushgatewaySinkDependencies, 'signal'>> & Pick<PushgatewaySinkDependencies, 'signal'>;
  readonly #stats: PushgatewaySinkStats = {
    requests: 0,
    retries: 0,
    pushes: 0,
    published: 0,
    deleted: 0,
    dropped: { cardinality: 0, invalid: 0 },
  };
  #pending = new Map<string, Group>();
  readonly #pushed = new Set<string>();
  #failed = false;
  #flushing: Promise<void> = Promise.resolve();
  #shutdown: Promise<void> | undefined;

  constructor(options: PushgatewaySinkOptions, dependencies: PushgatewaySinkDependencies = {}) {
    this.#options = options;
    this.#mapper = new PrometheusSeriesMapper({
      prefix: options.prefix,
      maxSeriesPerMetric: options.maxSeriesPerMetric,
      maxLabelValueLength: options.maxLabelValueLength,
      // The grouping key's labels are added to every pushed sample by the gateway.
      excludeLabels: [...options.groupBy, ...Object.keys(options.grouping), 'job'],
    });
    // fetch refuses URLs with credentials: userinfo (http://user:pass@gw) becomes basic auth.
    const url = new URL(options.url);
    const userinfo =
      url.username !== '' ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : undefined;
    url.username = '';
    url.password = '';
    this.#base = url.href.replace(/\/+$/, '');
    this.#headers = { 'user-agent': 'driftwatch', ...options.headers };
    const auth = options.basicAuth ?? userinfo;
    if (auth) this.#headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
    this.#deps = {
      sleep: dependencies.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      redact: dependencies.redact ?? ((t) => t),
      warn: dependencies.warn ?? (() => undefined),
      fetch: dependencies.fetch ?? fetch,
      signal: dependencies.signal,
    };
  }

  /** Counters since the sink was made (a live view). */
  get stats(): Readonly<PushgatewaySinkStats> {
    return this.#stats;
  }

  /** Groups queued for the next flush. */
  get pendingGroups(): number {
    return this.#pending.size;
  }

  async publish(points: readonly MetricPoint[]): Promise<void> {
    const fixed = Object.entries(this.#options.grouping);
    for (const point of points) {
      const mapped = this.#mapper.map(point);
      if (!mapped.ok) {
        this.#stats.dropped[mapped.reason]++;
        continue;
      }
      const labels: [string, string][] = [
        ...fixed,
        ...this.#options.groupBy.map((d): [string, string] => [sanitizeLabelName(d), point.dimensions[d] ?? '']),
      ];
      const path = pushgatewayGroupPath(this.#options.job, labels);
      let group = this.#pending.get(path);
      if (!group) {
        group = { path, series: new Map() };
        this.#pending.set(path, group);
      }
      const { series } = mapped;
      const entry = group.series.get(series.key);
      if (!entry) group.series.set(series.key, { series, points: [point] });
      else {
        entry.points.push(point);
        if ((series.sample.timestampMs ?? 0) >= (entry.series.sample.timestampMs ?? 0)) entry.series = series;
      }
    }
  }

  /** Forgets the queue, groups kept for a retry included (the runtime keeps their points in its outbox). */
  discard(): void {
    this.#pending = new Map();
  }

  /** Pushes every queued group; concurrent calls run one after the other. */
  flush(): Promise<void> {
    const run = this.#flushing.then(() => this.#flushOnce());
    this.#flushing = run.catch(() => undefined);
    return run;
  }

  /**
   * Pushes what is still queued; then, with `deleteOnSuccess` and when every push of the sink
   * succeeded, deletes the groups it pushed. Idempotent.
   */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.flush().then(async () => {
      if (!this.#options.deleteOnSuccess || this.#failed) return;
      for (const path of this.#pushed) {
        await this.#request('DELETE', path);
        this.#stats.deleted++;
      }
      this.#pushed.clear();
    });
    return this.#shutdown;
  }

  async #flushOnce(): Promise<void> {
    const { dropped } = this.#stats;
    if (dropped.cardinality + dropped.invalid > 0) {
      this.#deps.warn(
        `pushgateway: ${dropped.cardinality} point(s) dropped beyond maxSeriesPerMetric (${this.#options.maxSeriesPerMetric}), ${dropped.invalid} whose dimensions collide as label names (so far)`,
      );
    }
    if (this.#pending.size === 0) return;
    const queued = this.#pending;
    this.#pending = new Map();
    const retained = new Map<string, Group>();
    const unpublished: MetricPoint[] = [];
    const errors: string[] = [];
    for (const group of queued.values()) {
      const entries = [...group.series.values()];
      const body = formatExposition(toMetricFamilies(entries.map((e) => e.series)));
      const count = entries.reduce((n, e) => n + e.points.length, 0);
      try {
        await this.#request(this.#options.method === 'put' ? 'PUT' : 'POST', group.path, body);
        this.#stats.pushes++;
        this.#stats.published += count;
        this.#pushed.add(group.path);
      } catch (error) {
        this.#failed = true;
        for (const e of entries) unpublished.push(...e.points);
        errors.push(`${group.path}: ${(error as Error).message}`);
        if (error instanceof HttpFailure && error.retryable) retained.set(group.path, group);
      }
    }
    // Points published while this flush ran are newer than the retained ones: merge them over.
    for (const [path, group] of this.#pending) {
      const old = retained.get(path);
      if (!old) retained.set(path, group);
      else
        for (const [k, e] of group.series)
          old.series.set(k, { series: e.series, points: [...(old.series.get(k)?.points ?? []), ...e.points] });
    }
    this.#pending = retained;
    if (errors.length > 0) {
      const retainedPoints = [...retained.values()].reduce(
        (n, g) => n + [...g.series.values()].reduce((m, e) => m + e.points.length, 0),
        0,
      );
      throw new PushgatewayPushError(
        this.#deps.redact(
          `${unpublished.length} point(s) in ${errors.length} of ${queued.size} group(s) not pushed to ${this.#base} (${retainedPoints} kept for the next flush): ${errors.join('; ')}`,
        ),
        { unpublished, retained: retainedPoints },
      );
    }
  }

  /** One request with the retries; throws an {@link HttpFailure}. */
  async #request(method: 'PUT' | 'POST' | 'DELETE', path: string, body?: string): Promise<void> {
    let wait = this.#options.backoff;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#attempt(method, path, body);
        return;
      } catch (error) {
        const failure = error instanceof HttpFailure ? error : new HttpFailure(String(error), false);
        if (!failure.retryable || attempt >= this.#options.retries || this.#deps.signal?.aborted) throw failure;
        this.#stats.retries++;
        await this.#deps.sleep(Math.max(wait, failure.retryAfterMs ?? 0));
        wait *= 2;
      }
    }
  }

  async #attempt(method: string, path: string, body?: string): Promise<void> {
    const timeout = AbortSignal.timeout(this.#options.requestTimeout);
    const signal = this.#deps.signal ? AbortSignal.any([timeout, this.#deps.signal]) : timeout;
    const headers = body === undefined ? this.#headers : { ...this.#headers, 'content-type': expositionContentType };
    this.#stats.requests++;
    let response: Response;
    try {
      response = await this.#deps.fetch(`${this.#base}${path}`, { method, headers, body, signal });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const reason = timeout.aborted
        ? `no answer within ${this.#options.requestTimeout} ms`
        : `${(error as Error).message}${cause ? ` (${cause})` : ''}`;
      throw new HttpFailure(`${method} failed: ${reason}`, !this.#deps.signal?.aborted);
    }
    if (response.ok) {
      await response.arrayBuffer().catch(() => undefined);
      return;
    }
    const text = (await response.text().catch(() => '')).trim().slice(0, 500);
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new HttpFailure(
      `${method} answered ${response.status} ${response.statusText}${text ? `: ${text}` : ''}`,
      response.status >= 500 || response.status === 429,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    );
  }
}
