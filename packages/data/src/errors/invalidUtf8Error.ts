import type { InputError } from '@driftwatch/core';
import { locate } from '../io/locate.js';
import { inputError } from './inputError.js';

/**
 * The error of every text reader for the invalid UTF-8 byte `buf[at]`, located by line and column
 * (`buf[start]` starts line `line`): `INPUT_NOT_UTF8`, naming the byte.
 */
export function invalidUtf8Error(file: string, buf: Buffer, start: number, at: number, line: number): InputError {
  const where = locate(buf, start, at, line);
  return inputError(
    'INPUT_NOT_UTF8',
    { file, line: where.line, column: where.column },
    `invalid UTF-8 (byte 0x${(buf[at] as number).toString(16).padStart(2, '0')}); the file must be UTF-8 encoded`,
  );
}
