import { InputError, isInputError } from '@driftwatch/core';

/**
 * An error of a local reader of a downloaded copy, re-aimed at the S3 URI:
 * the temporary path in its message and location is replaced by `uri`.
 */
export function renameInputError(error: unknown, localPath: string, uri: string): unknown {
  if (!isInputError(error) || !error.message.includes(localPath)) return error;
  const location = error.location === undefined ? undefined : { ...error.location, file: uri };
  return new InputError(error.code, error.message.split(localPath).join(uri), { cause: error, location });
}
