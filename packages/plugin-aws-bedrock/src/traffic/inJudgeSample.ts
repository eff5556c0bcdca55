import { createHash } from 'node:crypto';

/**
 * Whether the request with id `key` is in the judge's sample of share `share`: the first 52 bits
 * of SHA-256(`seed` NUL `key`), as a number in [0, 1), fall below `share`. A pure function of the
 * id, so a re-run (and a run over an overlapping window) judges the same requests, and a larger
 * share keeps every request a smaller one picked.
 */
export function inJudgeSample(key: string, share: number, seed: string | number): boolean {
  const hex = createHash('sha256').update(`${seed}\u0000${key}`).digest('hex');
  return Number.parseInt(hex.slice(0, 13), 16) / 2 ** 52 < share;
}
