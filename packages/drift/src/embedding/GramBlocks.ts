import { gramWasm } from './gramWasm.js';

/** The part of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: object | undefined;

/** Rows per block: 64 rows of 384 float64 stay in L2 while the other block's rows pass over them. */
export const gramBlockRows = 64;

/** Largest linear memory used (bytes); bigger inputs take the plain-JS path. */
const maxBytes = 2 ** 31;

interface GramExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  gram(x: number, nx: number, y: number, ny: number, dim: number, out: number): void;
  kw(k: number, ni: number, nj: number, kstride: number, diag: number, wi: number, wj: number, oi: number, oj: number, width: number): void;
}

/**
 * Dot products between row blocks of two row-major float64 matrices, by the f64x2 SIMD kernel of
 * `scripts/wasm/gram.wat` (two rows of `x` by four of `y` per pass: eight accumulators, six loads per
 * sixteen multiply / add operations). Both matrices are copied once into the module's memory, the width
 * padded to even with zeros and up to three zero rows appended (zeros add nothing to a dot product, and
 * every product is summed in the same order wherever its block starts). Use {@link GramBlocks.create}, which returns `undefined` when the
 * input does not fit in 2 GiB of linear memory; callers then compute in plain JS.
 */
export class GramBlocks {
  readonly #gram: GramExports['gram'];
  readonly #xPtr: number;
  readonly #yPtr: number;
  readonly #outPtr: number;
  readonly #row: number;
  readonly #dim: number;
  readonly #out: Float64Array;
  readonly #kw: GramExports['kw'];
  readonly #extraPtr: number;
  /**
   * Scratch float64 memory of the module, after the blocks (the `extraBytes` asked of
   * {@link GramBlocks.create}): where {@link GramBlocks.kernelTimes} reads W and accumulates K·W.
   */
  readonly extra: Float64Array;

  private constructor(exports: GramExports, xPtr: number, yPtr: number, outPtr: number, dim: number, extraPtr: number, extraBytes: number) {
    this.#gram = exports.gram;
    this.#kw = exports.kw;
    this.#extraPtr = extraPtr;
    this.extra = new Float64Array(exports.memory.buffer, extraPtr, extraBytes / 8);
    this.#xPtr = xPtr;
    this.#yPtr = yPtr;
    this.#outPtr = outPtr;
    this.#dim = dim;
    this.#row = dim * 8;
    this.#out = new Float64Array(exports.memory.buffer, outPtr, gramBlockRows * gramBlockRows);
  }

  /** A kernel over `x` (xRows × dim) and `y` (or `x` again when `y` is `x`), or `undefined` when too large. */
  static create(x: Float64Array, xRows: number, y: Float64Array, yRows: number, dim: number, extraBytes = 0): GramBlocks | undefined {
    const dimP = dim + (dim & 1);
    const rowBytes = dimP * 8;
    const same = x === y;
    // Up to 3 zero rows after each matrix: blocks are read with their row counts rounded up (x to even, y to a multiple of 4).
    const xBytes = (xRows + 3) * rowBytes;
    const yBytes = same ? 0 : (yRows + 3) * rowBytes;
    const outBytes = gramBlockRows * gramBlockRows * 8;
    const extra = Math.ceil(extraBytes / 16) * 16;
    const total = xBytes + yBytes + outBytes + extra + 16;
    if (total > maxBytes) return undefined;
    compiled ??= new wasm.Module(Buffer.from(gramWasm, 'base64'));
    const instance = new wasm.Instance(compiled, {});
    const exports = instance.exports as unknown as GramExports;
    const pages = Math.ceil(total / 65536);
    exports.memory.grow(Math.max(0, pages - exports.memory.buffer.byteLength / 65536));
    const heap = new Float64Array(exports.memory.buffer);
    const copy = (src: Float64Array, rows: number, at: number): void => {
      if (dimP === dim) heap.set(src.subarray(0, rows * dim), at / 8);
      else for (let r = 0; r < rows; r++) heap.set(src.subarray(r * dim, (r + 1) * dim), at / 8 + r * dimP);
    };
    const xPtr = 0;
    copy(x, xRows, xPtr);
    const yPtr = same ? xPtr : xBytes;
    if (!same) copy(y, yRows, yPtr);
    return new GramBlocks(exports, xPtr, yPtr, xBytes + yBytes, dimP, xBytes + yBytes + outBytes, extra);
  }

  /**
   * x_i · y_j for i in [i0, i0 + ni), j in [j0, j0 + nj) (ni, nj ≤ {@link gramBlockRows}): a view,
   * overwritten by the next call, where the product of (i0 + a, j0 + b) is at `a * stride + b`.
   */
  dots(i0: number, ni: number, j0: number, nj: number): { readonly values: Float64Array; readonly stride: number } {
    const niP = ni + (ni & 1);
    const njP = (nj + 3) & ~3;
    this.#gram(this.#xPtr + i0 * this.#row, niP, this.#yPtr + j0 * this.#row, njP, this.#dim, this.#outPtr);
    return { values: this.#out, stride: njP };
  }

  /**
   * The K·W update of one block pair, after {@link GramBlocks.dots} of the same blocks and after the
   * caller replaced each dot product in the returned view by its kernel value k (in place, same
   * stride): for a < ni, b < nj (b > a when `diagonal`), k ≠ 0, rows O[i0 + a] += k·W[j0 + b] and
   * O[j0 + b] += k·W[i0 + a]. W is `extra` from float64 offset 0, O from float64 offset `outAt`, both
   * row-major with `width` (even) columns. Each element of O receives its terms in the same order as
   * the scalar loop `for a, for b` would add them, with the same rounding.
   */
  kernelTimes(i0: number, ni: number, j0: number, nj: number, stride: number, diagonal: boolean, outAt: number, width: number): void {
    const row = width * 8;
    const w = this.#extraPtr;
    const o = this.#extraPtr + outAt * 8;
    this.#kw(this.#outPtr, ni, nj, stride, diagonal ? 1 : 0, w + i0 * row, w + j0 * row, o + i0 * row, o + j0 * row, width);
  }
}
