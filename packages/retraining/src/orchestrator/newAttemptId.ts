import { randomBytes } from 'node:crypto';

/**
 * A fresh attempt id: `${compact ISO time}-${model}-${6 hex}`, e.g.
 * `20260311T101500Z-churn-4f0a9c`. Characters of the model name outside
 * letters, digits, `.`, `_` and `-` become `_`, so the id can name a folder.
 */
export function newAttemptId(model: string, now: Date): string {
  const time = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  const name = model.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${time}-${name}-${randomBytes(3).toString('hex')}`;
}
