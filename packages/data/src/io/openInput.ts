import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInputError } from '@driftwatch/core';
import { inputError } from '../errors/inputError.js';

/** An open input file and its size in bytes. */
export interface OpenedInput {
  readonly handle: FileHandle;
  readonly size: number;
}

/**
 * Opens `file` for reading; a missing file is `INPUT_NOT_FOUND`, a directory
 * or a file without read permission `INPUT_UNREADABLE`.
 */
export async function openInput(file: string): Promise<OpenedInput> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw openError(file, error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw inputError('INPUT_UNREADABLE', { file }, 'cannot read: is a directory');
    if (stat.isFile()) return { handle, size: stat.size };
  } catch (error) {
    await handle.close();
    throw openError(file, error);
  }
  // A named pipe, a device or a socket can be read once, front to back: its bytes are copied to a
  // temporary file (removed at once; the open handle keeps it), which the positional reads then use.
  try {
    return await spool(handle);
  } catch (error) {
    throw openError(file, error);
  }
}

/** Copies a stream-like file to an anonymous temporary file and returns that, open for reading; closes `source`. */
async function spool(source: FileHandle): Promise<OpenedInput> {
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-spool-'));
  try {
    const copy = join(dir, 'input');
    // Imported here: the stream stack loads only when a pipe or a device is read.
    const { pipeline } = await import('node:stream/promises');
    await pipeline(source.createReadStream(), (await open(copy, 'w')).createWriteStream());
    const handle = await open(copy, 'r');
    return { handle, size: (await handle.stat()).size };
  } finally {
    await source.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Maps a file-system error of `file` to an input error (input errors pass through). */
export function openError(file: string, error: unknown): Error {
  if (isInputError(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return inputError('INPUT_NOT_FOUND', { file }, 'file not found', error);
    case 'EACCES':
    case 'EPERM':
      return inputError('INPUT_UNREADABLE', { file }, 'cannot read: permission denied', error);
    case 'EISDIR':
      return inputError('INPUT_UNREADABLE', { file }, 'cannot read: is a directory', error);
    case undefined:
      return error instanceof Error ? error : new Error(String(error));
    default:
      return inputError('INPUT_UNREADABLE', { file }, `cannot read: ${(error as Error).message}`, error);
  }
}
