import { createHash } from 'node:crypto';

/**
 * The job id of a key: a name-based UUID (version 5 layout over SHA-256), so every process
 * enqueuing the same key computes the same id, and the job table's primary key admits one.
 */
export function jobIdFor(key: string): string {
  const hex = createHash('sha256').update(`driftwatch-job:${key}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
