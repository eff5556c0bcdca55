/**
 * Splits items, in order, into batches of at most `maxItems` items and at
 * most `maxBytes` bytes (`overhead` plus the sum of `sizeOf`). An item larger
 * than the budget on its own goes alone in its batch: it cannot be split, and
 * the service's error then names it.
 */
export function splitBatches<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  maxItems: number,
  maxBytes: number,
  overhead: number,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = overhead;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= maxItems || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = overhead;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
