/** 10^0 … 10^22: every one is exact in binary64, which Clinger's fast path needs. */
const exactPowersOfTen = new Float64Array(23);
for (let i = 0, p = 1; i < 23; i++, p *= 10) exactPowersOfTen[i] = p;

/** 2^53: below it every integer is exact in binary64. */
const exactIntegerLimit = 9007199254740992;

/**
 * Reads a decimal number straight from bytes, with the result of `Number(text)`
 * (and Python's `float(text)`) to the last bit.
 *
 * Grammar: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, or
 * `[+-]? (inf | infinity)` in any case. Mantissas below 2^53 with a decimal
 * exponent in [-22, 22] take Clinger's fast path: one exact integer times or
 * divided by one exact power of ten is a single correctly rounded operation.
 * Everything else (long mantissas, big exponents, denormals) goes to
 * `Number()` on the latin1 slice, which V8 rounds correctly.
 *
 * One cursor is reused for a whole file: {@link NumberCursor.end} reports
 * where the number stopped, so no object is allocated per value.
 */
export class NumberCursor {
  /** Position after the last byte of the number read by {@link parse}; equal to the start when there was none. */
  end = 0;
  /**
   * Set when a number read was infinite (an infinity spelled out, or beyond the largest double); the
   * reader clears it. Only the rare path sets it, so the common field pays nothing for it.
   */
  sawInfinity = false;

  /**
   * Reads the longest number starting at `p`. The caller checks that
   * {@link end} is where the field ends. Needs a non-numeric byte somewhere
   * after the field (a delimiter, a line feed, or the reader's sentinel).
   */
  parse(buf: Uint8Array, p: number): number {
    this.end = this.parseInto(buf, p, this.#one, 0);
    return this.#one[0];
  }

  readonly #one = new Float64Array(1);

  /**
   * {@link parse} that stores the value in `out[index]` and returns where the
   * number ends (the start when there was none, with NaN stored). Writing into
   * the typed array keeps the double unboxed: returning it from a call V8
   * does not inline allocates a heap number per value, which on a
   * 10-million-field file is ~160 MB of garbage.
   */
  parseInto(buf: Uint8Array, p: number, out: Float64Array, index: number): number {
    // The common field, `[-]digits[.digits]` with at most 9 digits on each side of the point and
    // 15 in all, ends here, in a body small enough for V8 to inline into a reader's loop. Each
    // side's digits fit an int32, so they are summed in integer arithmetic (a double multiply-add
    // per digit is a chain of dependent float operations); the mantissa whole·10^d + fraction is
    // then below 10^15 < 2^53, exact, and one division by an exact power of ten is Clinger's fast
    // path. Anything else (an exponent, longer digit runs, an infinity, no digits) is read again
    // from its start by #finish.
    const start = p;
    let c = buf[p];
    // Branch-free sign: a centred column is half negative, and a branch on it is mispredicted half the time.
    const minus = Number(c === 45);
    p += minus | Number(c === 43);
    c = buf[p];
    const afterSign = p;
    // Wraps past 9 digits; such a number goes to #finish.
    let whole = 0;
    while ((c - 48) >>> 0 < 10) {
      whole = (whole * 10 + (c - 48)) | 0;
      c = buf[++p];
    }
    const wholeDigits = p - afterSign;
    let value = whole;
    if (c === 46) {
      c = buf[++p];
      const fracStart = p;
      let fraction = 0;
      while ((c - 48) >>> 0 < 10) {
        fraction = (fraction * 10 + (c - 48)) | 0;
        c = buf[++p];
      }
      const decimals = p - fracStart;
      if (wholeDigits > 9 || decimals > 9 || (wholeDigits + decimals - 1) >>> 0 >= 15 || (c | 32) === 101) {
        return this.#finish(buf, start, out, index);
      }
      const scale = exactPowersOfTen[decimals] as number;
      value = (whole * scale + fraction) / scale;
    } else if ((wholeDigits - 1) >>> 0 >= 9 || (c | 32) === 101) {
      return this.#finish(buf, start, out, index);
    }
    // × ±1 flips the sign exactly (−0 included), as negation does.
    out[index] = value * (1 - 2 * minus);
    return p;
  }

  /**
   * After {@link parseScaledInto} failed: the digits after the point of the number it read when that
   * number, alone, fits an int32 scaled by them (`[-]digits[.digits]`, at most 9 digits a side, not
   * −0); -1 when it is no such number.
   */
  fitsAtScale = -1;

  /**
   * Stores the common field `[-]digits[.digits]` (at most 9 digits a side, at most `scale` after the
   * point) as the integer `value × 10^scale` in `out[index]`, and returns where it ends. Returns -1,
   * storing nothing, for anything else: a longer or exponent form, −0, an integer beyond int32, no
   * number (an empty or missing field); {@link fitsAtScale} then tells whether a larger scale would
   * take it. The integer and the scale give back, by one division, the double {@link parseInto}
   * reads from the same text.
   */
  parseScaledInto(buf: Uint8Array, p: number, out: Int32Array, index: number, scale: number): number {
    const end = this.#scaled(buf, p, out, index, scale);
    if (end < 0) this.fitsAtScale = this.#fitsAtOwnScale(buf, p);
    return end;
  }

  readonly #oneInt = new Int32Array(1);

  /** {@link parseScaledInto} without {@link fitsAtScale}: -1, storing nothing, for a field it does not take. */
  #scaled(buf: Uint8Array, p: number, out: Int32Array, index: number, scale: number): number {
    let c = buf[p];
    const minus = Number(c === 45);
    p += minus | Number(c === 43);
    c = buf[p];
    const afterSign = p;
    let whole = 0;
    while ((c - 48) >>> 0 < 10) {
      whole = (whole * 10 + (c - 48)) | 0;
      c = buf[++p];
    }
    const wholeDigits = p - afterSign;
    let n = 0;
    if (c === 46) {
      c = buf[++p];
      const fracStart = p;
      let fraction = 0;
      while ((c - 48) >>> 0 < 10) {
        fraction = (fraction * 10 + (c - 48)) | 0;
        c = buf[++p];
      }
      const decimals = p - fracStart;
      if (decimals > scale || wholeDigits > 9 || decimals > 9 || wholeDigits + decimals === 0 || (c | 32) === 101) return -1;
      n = whole * (exactPowersOfTen[scale] as number) + fraction * (exactPowersOfTen[scale - decimals] as number);
    } else {
      if ((wholeDigits - 1) >>> 0 >= 9 || (c | 32) === 101) return -1;
      n = whole * (exactPowersOfTen[scale] as number);
    }
    if (n > 2147483647 || (n === 0 && minus === 1)) return -1;
    out[index] = n * (1 - 2 * minus);
    return p;
  }

  /** The digits after the point of the field at `start` when it fits an int32 scaled by them, else -1. */
  #fitsAtOwnScale(buf: Uint8Array, start: number): number {
    let p = start;
    if (buf[p] === 45 || buf[p] === 43) p++;
    while ((buf[p] - 48) >>> 0 < 10) p++;
    if (buf[p] !== 46) return this.#scaled(buf, start, this.#oneInt, 0, 0) < 0 ? -1 : 0;
    const fracStart = ++p;
    while ((buf[p] - 48) >>> 0 < 10) p++;
    const decimals = p - fracStart;
    return decimals <= 9 && this.#scaled(buf, start, this.#oneInt, 0, decimals) >= 0 ? decimals : -1;
  }

  /**
   * The whole of {@link parseInto} for the numbers its common case leaves: the mantissa summed as
   * a double (exact below 2^53), an exponent, Clinger's fast path where it applies, `Number()`
   * beyond it, an infinity, or no number at all.
   */
  #finish(buf: Uint8Array, start: number, out: Float64Array, index: number): number {
    let p = start;
    let c = buf[p];
    const negative = c === 45;
    if (negative || c === 43) c = buf[++p];
    const afterSign = p;
    let mantissa = 0;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      c = buf[++p];
    }
    let digits = p - afterSign;
    let exponent = 0;
    if (c === 46) {
      c = buf[++p];
      const fracStart = p;
      while (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        c = buf[++p];
      }
      exponent = fracStart - p;
      digits -= exponent;
    }
    if (digits === 0) {
      const end = (buf[afterSign] | 32) === 105 ? this.#infinity(buf, start, afterSign) : start;
      if (end !== start) this.sawInfinity = true;
      out[index] = end === start ? Number.NaN : negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      return end;
    }
    if ((c | 32) === 101) {
      let q = p + 1;
      let e = buf[q];
      let negativeExponent = false;
      if (e === 45) {
        negativeExponent = true;
        e = buf[++q];
      } else if (e === 43) {
        e = buf[++q];
      }
      if (e >= 48 && e <= 57) {
        let value = 0;
        while (e >= 48 && e <= 57) {
          // Saturate: beyond this the result is 0 or Infinity whatever the mantissa.
          if (value < 100000) value = value * 10 + (e - 48);
          e = buf[++q];
        }
        exponent += negativeExponent ? -value : value;
        p = q;
      }
      // else: a dangling `e` is not part of the number; the field check rejects it.
    }
    // mantissa < 2^53 after the loop means every step was exact (the sum only grows).
    if (mantissa < exactIntegerLimit) {
      let value = 0;
      if (exponent === 0 || mantissa === 0) value = mantissa;
      else if (exponent > 0 && exponent <= 22) value = mantissa * (exactPowersOfTen[exponent] as number);
      else if (exponent < 0 && exponent >= -22) value = mantissa / (exactPowersOfTen[-exponent] as number);
      else {
        out[index] = this.#slow(buf, start, p);
        return p;
      }
      out[index] = negative ? -value : value;
      return p;
    }
    out[index] = this.#slow(buf, start, p);
    return p;
  }

  /** `Number()` of the text, noting an infinite result (an exponent beyond the doubles). */
  #slow(buf: Uint8Array, start: number, end: number): number {
    const x = slowNumber(buf, start, end);
    if (x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY) this.sawInfinity = true;
    return x;
  }

  /** Where `inf` or `infinity` (any case, after an optional sign already read) ends, or `start` when it is not there. */
  #infinity(buf: Uint8Array, start: number, p: number): number {
    if ((buf[p + 1] | 32) === 110 && (buf[p + 2] | 32) === 102) {
      let q = p + 3;
      if (
        (buf[q] | 32) === 105 &&
        (buf[q + 1] | 32) === 110 &&
        (buf[q + 2] | 32) === 105 &&
        (buf[q + 3] | 32) === 116 &&
        (buf[q + 4] | 32) === 121
      ) {
        q += 5;
      }
      return q;
    }
    return start;
  }
}

function slowNumber(buf: Uint8Array, start: number, end: number): number {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(buf[i]);
  return Number(text);
}
