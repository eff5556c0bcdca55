import { errorCode } from '@driftwatch/aws-common';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : '');

/**
 * SageMaker reports a missing resource as a `ValidationException` whose
 * message says so ("Could not find …", "… does not exist"), S3 as
 * NoSuchKey/NoSuchBucket/NotFound.
 */
export function isNotFound(error: unknown): boolean {
  const code = errorCode(error);
  if (code === 'ResourceNotFound' || code === 'NoSuchKey' || code === 'NoSuchBucket' || code === 'NotFound') return true;
  return code === 'ValidationException' && /could not find|does not exist|not found/i.test(messageOf(error));
}

/**
 * A create of a name already taken: `ResourceInUse` (training jobs), or a
 * `ValidationException` "Cannot create already existing …" / "… already
 * exists" (models, endpoint configs, model package groups).
 */
export function isAlreadyExists(error: unknown): boolean {
  const code = errorCode(error);
  if (code === 'ResourceInUse') return true;
  return (code === 'ValidationException' || code === 'ConflictException') && /already exist/i.test(messageOf(error));
}
