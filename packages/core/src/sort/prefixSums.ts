/**
 * Turns the digit counts `counts[base, base + size)` of an LSD radix pass over `n` keys into start
 * offsets; false when one digit holds all `n` keys (the pass would not move anything).
 */
export function prefixSums(counts: Uint32Array, base: number, size: number, n: number): boolean {
  let offset = 0;
  let trivial = false;
  for (let d = 0; d < size; d++) {
    const c = counts[base + d] as number;
    if (c === n) trivial = true;
    counts[base + d] = offset;
    offset += c;
  }
  return !trivial;
}
