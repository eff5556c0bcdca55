import { UsageError } from '@driftwatch/core';
import { type DetectorParam, describeRange } from './DetectorParam.js';

/** Why `value` is not valid for `p`, or null when it is. */
export function paramProblem(p: DetectorParam, value: unknown): string | null {
  const range = describeRange(p);
  if (p.type === 'boolean') return typeof value === 'boolean' ? null : `must be true or false, got ${String(value)}`;
  if (p.type === 'enum') {
    return typeof value === 'string' && (p.values ?? []).includes(value) ? null : `must be one of ${range}, got ${String(value)}`;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a finite number (${range}), got ${String(value)}`;
  if (p.type === 'integer' && !Number.isSafeInteger(value)) return `must be an integer (${range}), got ${value}`;
  const low = p.min !== undefined && (p.minExclusive ? value <= p.min : value < p.min);
  const high = p.max !== undefined && (p.maxExclusive ? value >= p.max : value > p.max);
  return low || high ? `must be ${range}, got ${value}` : null;
}

/**
 * Fills a detector's options with river's defaults and checks each against
 * its table: throws `UsageError` naming the detector, the parameter (river's
 * name) and the valid range, or listing the valid parameters for an unknown
 * key. Returns a fresh object keyed by option name.
 */
export function resolveParams(
  detector: string,
  params: readonly DetectorParam[],
  options: object | undefined,
): Record<string, number | boolean | string | null> {
  const given = (options ?? {}) as Record<string, unknown>;
  const known = new Set(params.map((p) => p.option));
  for (const key of Object.keys(given)) {
    if (given[key] !== undefined && !known.has(key)) {
      throw new UsageError(`${detector}: unknown option "${key}" (valid: ${params.map((p) => p.option).join(', ')})`);
    }
  }
  const out: Record<string, number | boolean | string | null> = {};
  for (const p of params) {
    const v = given[p.option];
    if (v === undefined || (v === null && p.default === null)) {
      out[p.option] = p.default;
      continue;
    }
    const problem = paramProblem(p, v);
    if (problem) throw new UsageError(`${detector}: ${p.name} ${problem}`);
    out[p.option] = v as number | boolean | string;
  }
  return out;
}
