import { isUtf8 } from 'node:buffer';
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { findInvalidUtf8 } from './findInvalidUtf8.js';
import { openError } from './openInput.js';

const progressStep = 1 << 20;

/**
 * A file read chunk by chunk into one reused buffer. The caller parses
 * `buf[start, limit)`, sets `start` to the first byte it did not consume (an
 * incomplete record), and calls {@link fill} again: the unconsumed tail moves
 * to the front and the next chunk lands after it, so a record is always whole
 * in the buffer when parsed, and the file is never held as one string.
 *
 * It also skips a UTF-8 byte-order mark, checks each chunk with `isUtf8`
 * (holding back a multi-byte sequence cut by the chunk boundary until the
 * next chunk completes it), and reports progress about every MiB.
 */
export class ChunkedInput {
  buf: Buffer;
  /** First byte not yet consumed by the parser. */
  start = 0;
  /** End of the bytes read. */
  end = 0;
  /** End of what may be parsed: the validated bytes, or the first invalid UTF-8 byte. */
  limit = 0;
  /** Whether the whole file has been read. */
  eof = false;
  /** Offset in `buf` of the first byte that is not UTF-8, or -1. */
  invalidUtf8At = -1;
  /** Bytes read from the file so far. */
  bytesRead = 0;
  #validEnd = 0;
  #bomChecked = false;
  #reported = 0;
  #reportedEnd = false;

  constructor(
    private readonly handle: FileHandle,
    readonly file: string,
    readonly totalBytes: number,
    private readonly chunkSize: number,
    private readonly onProgress?: (bytesRead: number, totalBytes: number | undefined) => void,
    private readonly signal?: AbortSignal,
    /** Read with synchronous calls (`DataReadOptions.syncReads`). */
    private readonly syncReads = false,
  ) {
    this.buf = Buffer.allocUnsafe(Math.max(2 * chunkSize, 64) + 1);
  }

  /** Whether `limit` is the end of the file: no more bytes will come and none is invalid. */
  get final(): boolean {
    return this.eof && this.limit === this.end;
  }

  /** Reads the next chunk (after moving `buf[start, end)` to the front). */
  async fill(): Promise<void> {
    this.signal?.throwIfAborted();
    if (this.start > 0) {
      const shift = this.start;
      this.buf.copyWithin(0, shift, this.end);
      this.end -= shift;
      this.#validEnd = Math.max(0, this.#validEnd - shift);
      this.start = 0;
    }
    const need = this.end + this.chunkSize + 1;
    if (this.buf.length < need) {
      const next = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(next, 0, 0, this.end);
      this.buf = next;
    }
    let n: number;
    try {
      // Positional, so one handle can serve the head read and the full read of a file.
      if (this.syncReads) n = readSync(this.handle.fd, this.buf, this.end, this.chunkSize, this.bytesRead);
      else ({ bytesRead: n } = await this.handle.read(this.buf, this.end, this.chunkSize, this.bytesRead));
    } catch (error) {
      throw openError(this.file, error);
    }
    this.end += n;
    this.bytesRead += n;
    if (n === 0) this.eof = true;
    const buf = this.buf;
    if (!this.#bomChecked && (this.end >= 3 || this.eof)) {
      this.#bomChecked = true;
      if (this.end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) this.start = 3;
    }
    if (this.invalidUtf8At < 0) {
      const safe = this.eof ? this.end : this.end - cutSequence(buf, this.#validEnd, this.end);
      if (safe > this.#validEnd) {
        if (!isUtf8(buf.subarray(this.#validEnd, safe))) {
          const at = findInvalidUtf8(buf, this.#validEnd, safe);
          this.invalidUtf8At = at < 0 ? this.#validEnd : at;
        }
        this.#validEnd = safe;
      }
    }
    this.limit = !this.#bomChecked ? this.start : this.invalidUtf8At >= 0 ? this.invalidUtf8At : this.#validEnd;
    if (this.onProgress && !this.#reportedEnd && (this.eof || this.bytesRead - this.#reported >= progressStep)) {
      this.#reported = this.bytesRead;
      this.#reportedEnd = this.eof;
      this.onProgress(this.bytesRead, this.totalBytes);
    }
  }
}

/** How many bytes at the end of `buf[from, end)` are an incomplete UTF-8 sequence (0 … 3). */
function cutSequence(buf: Uint8Array, from: number, end: number): number {
  for (let i = end - 1; i >= from && i >= end - 4; i--) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return 0;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return end - i < length ? end - i : 0;
  }
  return 0;
}
