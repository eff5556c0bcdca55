import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, isInputError } from '@driftwatch/core';

/** Runs `use` with a fresh temporary folder, removed afterwards whatever happens. */
export async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-s3-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * An error of a local reader of a downloaded copy, re-aimed at the S3 URI:
 * the temporary path in its message and location is replaced by `uri`.
 */
export function renameInputError(error: unknown, localPath: string, uri: string): unknown {
  if (!isInputError(error) || !error.message.includes(localPath)) return error;
  const location = error.location === undefined ? undefined : { ...error.location, file: uri };
  return new InputError(error.code, error.message.split(localPath).join(uri), { cause: error, location });
}
