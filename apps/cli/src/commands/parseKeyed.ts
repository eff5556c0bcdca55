import { UsageError } from '@driftwatch/core';

/**
 * Reads repeated `--flag VALUE` / `--flag column=VALUE` options into a map
 * where `*` holds the value for every column.
 */
export function parseKeyed<T>(flag: string, specs: readonly string[], read: (text: string) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const key = eq < 0 ? '*' : spec.slice(0, eq).trim();
    const value = eq < 0 ? spec : spec.slice(eq + 1);
    if (key === '') throw new UsageError(`${flag} "${spec}": the column name before "=" is empty`);
    if (key in out) throw new UsageError(`${flag} given twice for ${key === '*' ? 'all columns' : `column "${key}"`}`);
    out[key] = read(value.trim());
  }
  return out;
}

/** A number in [min, max], or a usage error naming the flag. */
export function parseNumberIn(flag: string, text: string, min: number, max: number): number {
  const x = Number(text);
  if (text === '' || !Number.isFinite(x) || x < min || x > max) {
    throw new UsageError(`${flag} "${text}" must be a number between ${min} and ${max}`);
  }
  return x;
}

/** Comma-separated names from repeated flags. */
export function parseList(specs: readonly string[]): string[] {
  return specs
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
