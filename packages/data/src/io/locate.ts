/** A 1-based line and character column. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * The line and column of `buf[at]`, given that `buf[from]` starts line
 * `line` at column 1. Columns count characters (UTF-8 lead bytes), not bytes.
 */
export function locate(buf: Uint8Array, from: number, at: number, line: number): LineColumn {
  let l = line;
  let column = 1;
  for (let i = from; i < at; i++) {
    const b = buf[i];
    if (b === 10) {
      l++;
      column = 1;
    } else if ((b & 0xc0) !== 0x80) column++;
  }
  return { line: l, column };
}
