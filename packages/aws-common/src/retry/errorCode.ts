import type { SdkErrorLike } from './SdkErrorLike.js';

/**
 * The service's error code: `Code` where the SDK puts it for query-compatible
 * JSON protocols (CloudWatch), else a system error's `code`, else the error's
 * `name` (SageMaker's JSON 1.1, S3's XML).
 */
export function errorCode(error: unknown): string | undefined {
  const e = error as SdkErrorLike | undefined;
  return e?.Code ?? e?.code ?? e?.name;
}
