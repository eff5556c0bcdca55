import { missingMarkers } from '../missing/missingMarkers.js';

/** FNV-1a offset basis; readers that hash while scanning start from it. */
export const fnvOffset = 0x811c9dc5 | 0;
/** FNV-1a prime: `h = Math.imul(h ^ byte, fnvPrime)` per byte. */
export const fnvPrime = 0x01000193;

/** FNV-1a of `buf[start, end)`, the hash {@link ByteInterner} expects. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = fnvOffset;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], fnvPrime);
  return h;
}

/**
 * A hash table from byte strings to integer codes, so a categorical column
 * finds the code of a field without making a JS string of it: the reader
 * hashes the bytes while scanning for the delimiter, and a hit compares bytes
 * with the entry's copy. Open addressing with linear probing, load ≤ 1/2.
 */
export class ByteInterner {
  /** Entry index + 1 per slot; 0 is empty. */
  #slots = new Int32Array(64);
  #mask = 63;
  #hashes = new Int32Array(32);
  #starts = new Int32Array(32);
  #lengths = new Int32Array(32);
  #pool = new Uint8Array(1024);
  #poolLength = 0;
  /** The code of each entry, by entry index. */
  codes = new Int32Array(32);
  /** Number of entries. */
  size = 0;

  /** The entry index of `buf[start, end)` with hash `h`, or -1. */
  find(buf: Uint8Array, start: number, end: number, h: number): number {
    const length = end - start;
    const slots = this.#slots;
    const mask = this.#mask;
    let i = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const slot = slots[i];
      if (slot === 0) return -1;
      const k = slot - 1;
      if (this.#hashes[k] === h && this.#lengths[k] === length) {
        const pool = this.#pool;
        let at = this.#starts[k];
        let j = start;
        while (j < end && pool[at] === buf[j]) {
          at++;
          j++;
        }
        if (j === end) return k;
      }
      i = (i + 1) & mask;
    }
  }

  /** Adds `buf[start, end)` (not present) with hash `h` and `code`; returns its entry index. */
  add(buf: Uint8Array, start: number, end: number, h: number, code: number): number {
    const k = this.size;
    if (k === this.codes.length) this.#growEntries();
    if ((k + 1) * 2 > this.#slots.length) this.#rehash(this.#slots.length * 2);
    const length = end - start;
    if (this.#poolLength + length > this.#pool.length) {
      let n = this.#pool.length * 2;
      while (n < this.#poolLength + length) n *= 2;
      const pool = new Uint8Array(n);
      pool.set(this.#pool.subarray(0, this.#poolLength));
      this.#pool = pool;
    }
    this.#pool.set(buf.subarray(start, end), this.#poolLength);
    this.#starts[k] = this.#poolLength;
    this.#poolLength += length;
    this.#lengths[k] = length;
    this.#hashes[k] = h;
    this.codes[k] = code;
    this.size = k + 1;
    this.#insert(k, h);
    return k;
  }

  #insert(k: number, h: number): void {
    const mask = this.#mask;
    let i = (h ^ (h >>> 15)) & mask;
    while (this.#slots[i] !== 0) i = (i + 1) & mask;
    this.#slots[i] = k + 1;
  }

  #rehash(capacity: number): void {
    this.#slots = new Int32Array(capacity);
    this.#mask = capacity - 1;
    for (let k = 0; k < this.size; k++) this.#insert(k, this.#hashes[k]);
  }

  #growEntries(): void {
    const n = this.codes.length * 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.#hashes = grow(this.#hashes);
    this.#starts = grow(this.#starts);
    this.#lengths = grow(this.#lengths);
    this.codes = grow(this.codes);
  }
}

/** An interner holding the {@link missingMarkers} with code -1, to spot `NA` in bytes without making a string. */
export function missingMarkerInterner(): ByteInterner {
  const interner = new ByteInterner();
  for (const m of missingMarkers) {
    const bytes = Buffer.from(m, 'utf8');
    interner.add(bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length), -1);
  }
  return interner;
}
