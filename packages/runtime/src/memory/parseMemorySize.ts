import { totalmem } from 'node:os';

/** The machine's memory, or the container's (cgroup) limit when it is lower. */
export function machineMemory(): number {
  const limit = process.constrainedMemory?.() ?? 0;
  return limit > 0 && limit < totalmem() ? limit : totalmem();
}

/** The budget when none is given: this share of {@link machineMemory}, as written in config and `--help`. */
export const defaultMemoryShare = '25%';

const unitPowers: Readonly<Record<string, number>> = {
  b: 0,
  k: 1,
  kb: 1,
  kib: 1,
  m: 2,
  mb: 2,
  mib: 2,
  g: 3,
  gb: 3,
  gib: 3,
  t: 4,
  tb: 4,
  tib: 4,
};

/**
 * Bytes of a memory size as `--max-memory` and `drift.maxMemory` take it: a size with a unit
 * (B, KB, MB, GB, TB: powers of 1024; bytes without one), a share of the machine's memory
 * (`25%`; a container's limit when lower), or a number of bytes. `{ problem }` says what is wrong,
 * in words that follow the value (`"lots" is not a size …`), for the caller to prefix with its flag or config path.
 */
export function parseMemorySize(value: string | number): { readonly bytes: number } | { readonly problem: string } {
  const text = String(value);
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%|b|kb?|kib|mb?|mib|gb?|gib|tb?|tib)?\s*$/i.exec(text);
  if (!m) return { problem: `"${text}" is not a size (write 400MB, 2GB or 25%)` };
  const amount = Number(m[1]);
  const unit = (m[2] ?? 'b').toLowerCase();
  const bytes = unit === '%' ? (machineMemory() * amount) / 100 : amount * 1024 ** (unitPowers[unit] as number);
  if (!(bytes >= 1) || (unit === '%' && amount > 100)) return { problem: `"${text}" must be above 0 (and at most 100%)` };
  return { bytes: Math.floor(bytes) };
}
