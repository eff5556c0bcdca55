import { UsageError } from '@driftwatch/core';
import { driftMethods } from '../methods/driftMethods.js';
import { type EmbeddingMethodName, type EmbeddingMethodSpec, embeddingMethodNames } from './EmbeddingMethodSpec.js';
import { type EmbeddingMetric, embeddingMetrics } from './vectorDistance.js';

const allowed: Record<EmbeddingMethodName, readonly string[]> = {
  distance: ['metric', 'threshold', 'bootstrap', 'quantile', 'pcaComponents'],
  ratio: ['component', 'componentThreshold', 'threshold', 'pcaComponents'],
  mmd: ['threshold', 'bootstrap', 'quantile', 'pcaComponents'],
  model: ['threshold', 'bootstrap', 'quantile', 'pcaComponents'],
};

/** Whether a `--method` value names an embedding method (`mmd`, `distance:metric=cosine`, …). */
export function isEmbeddingMethod(text: string): boolean {
  const head = text.split(':')[0]?.trim() ?? '';
  return (embeddingMethodNames as readonly string[]).includes(head);
}

/**
 * Parses `METHOD[:key=value,…]` (`distance:metric=cosine,bootstrap=true`,
 * `ratio:component=ks,componentThreshold=0.05,pcaComponents=8`) into a spec, checking names, ranges and
 * which keys the method takes. `where` names the flag or config path in errors.
 *
 * @throws UsageError for an unknown method, key or value.
 */
export function parseEmbeddingMethod(text: string, where = '--method'): EmbeddingMethodSpec {
  const colon = text.indexOf(':');
  const head = (colon < 0 ? text : text.slice(0, colon)).trim();
  if (!(embeddingMethodNames as readonly string[]).includes(head)) {
    throw new UsageError(`${where} "${text}": unknown embedding method "${head}" (known: ${embeddingMethodNames.join(', ')})`);
  }
  const method = head as EmbeddingMethodName;
  const params: Record<string, string> = {};
  if (colon >= 0) {
    for (const part of text.slice(colon + 1).split(',')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      if (eq < 0) throw new UsageError(`${where} "${text}": "${part}" is not key=value`);
      params[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
  }
  return checkEmbeddingMethod({ method, ...params }, where);
}

/**
 * Checks a spec given as an object (from config or parsed flags), converting string values, and
 * returns it typed. `where` prefixes every message (`--method emb` or `monitors[0].drift.methods.emb`).
 *
 * @throws UsageError naming the key and the allowed values.
 */
export function checkEmbeddingMethod(raw: Readonly<Record<string, unknown>>, where: string): EmbeddingMethodSpec {
  const method = raw.method;
  if (typeof method !== 'string' || !(embeddingMethodNames as readonly string[]).includes(method)) {
    throw new UsageError(`${where}: unknown embedding method "${String(method)}" (known: ${embeddingMethodNames.join(', ')})`);
  }
  const name = method as EmbeddingMethodName;
  const out: Record<string, unknown> = { method: name };
  const num = (key: string, v: unknown, ok: (x: number) => boolean, range: string): number => {
    const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    if (!Number.isFinite(x) || !ok(x)) throw new UsageError(`${where}: ${key} "${String(v)}" must be ${range}`);
    return x;
  };
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'method') continue;
    if (!allowed[name].includes(key)) {
      throw new UsageError(`${where}: ${name} takes no "${key}" (it takes: ${allowed[name].join(', ')})`);
    }
    switch (key) {
      case 'metric':
        if (!(embeddingMetrics as readonly string[]).includes(String(value))) {
          throw new UsageError(`${where}: metric "${String(value)}" is not one of ${embeddingMetrics.join(', ')}`);
        }
        out.metric = value as EmbeddingMetric;
        break;
      case 'bootstrap':
        if (value === true || value === 'true') out.bootstrap = true;
        else if (value === false || value === 'false') out.bootstrap = false;
        else throw new UsageError(`${where}: bootstrap "${String(value)}" must be true or false`);
        break;
      case 'component': {
        const numeric = driftMethods.filter((d) => d.domain === 'numeric' || d.domain === 'both').map((d) => d.name);
        if (typeof value !== 'string' || !numeric.includes(value)) {
          throw new UsageError(`${where}: component "${String(value)}" is not a numeric drift method (known: ${numeric.join(', ')})`);
        }
        out.component = value;
        break;
      }
      case 'quantile':
        out.quantile = num(key, value, (x) => x > 0 && x < 1, 'a number in (0, 1)');
        break;
      case 'pcaComponents':
        out.pcaComponents = num(key, value, (x) => Number.isInteger(x) && x >= 1, 'a positive integer');
        break;
      default:
        out[key] = num(key, value, (x) => x >= 0, 'a number >= 0');
    }
  }
  return out as unknown as EmbeddingMethodSpec;
}
