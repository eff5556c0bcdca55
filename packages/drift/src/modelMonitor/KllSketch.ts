import { Xoshiro128 } from '@driftwatch/core';

/** Model Monitor's KLL parameters (the values its baseline job writes). */
export const modelMonitorKllParameters = { c: 0.64, k: 2048 } as const;

/**
 * A KLL quantile sketch (Karnin, Lang, Liberty 2016), as Model Monitor's
 * `statistics.json` stores it: levels of retained items, an item at level h
 * standing for 2^h values. Level capacities shrink geometrically by `c` below
 * the top level (never under 2); a full level is sorted and every other item,
 * from a random offset, moves up. Up to `k` values the sketch is exact.
 */
export class KllSketch {
  readonly k: number;
  readonly c: number;
  private readonly levels: number[][] = [[]];
  private readonly random: Xoshiro128;
  private size = 0;

  constructor(options: { k?: number; c?: number; seed?: number } = {}) {
    this.k = options.k ?? modelMonitorKllParameters.k;
    this.c = options.c ?? modelMonitorKllParameters.c;
    this.random = new Xoshiro128(options.seed ?? 1);
  }

  /** Adds one value (NaN is ignored). */
  update(value: number): void {
    if (Number.isNaN(value)) return;
    this.levels[0].push(value);
    this.size++;
    if (this.size > this.capacityTotal()) this.compress();
  }

  /** The retained items by level, each level sorted: the sketch's `data`. */
  data(): number[][] {
    return this.levels.map((level) => [...level].sort((a, b) => a - b));
  }

  private capacity(level: number): number {
    const depth = this.levels.length - 1 - level;
    return Math.max(2, Math.ceil(this.k * this.c ** depth));
  }

  private capacityTotal(): number {
    let total = 0;
    for (let h = 0; h < this.levels.length; h++) total += this.capacity(h);
    return total;
  }

  private compress(): void {
    for (let h = 0; h < this.levels.length; h++) {
      const level = this.levels[h];
      if (level.length < this.capacity(h)) continue;
      if (h + 1 === this.levels.length) this.levels.push([]);
      level.sort((a, b) => a - b);
      // An odd item stays at its level so that the weights still add up to the count.
      const keep = level.length % 2 === 1 ? level.pop() : undefined;
      const offset = this.random.nextU32() & 1;
      const up = this.levels[h + 1];
      for (let i = offset; i < level.length; i += 2) up.push(level[i]);
      this.size -= level.length - (level.length >> 1);
      level.length = 0;
      if (keep !== undefined) level.push(keep);
      return;
    }
  }
}
