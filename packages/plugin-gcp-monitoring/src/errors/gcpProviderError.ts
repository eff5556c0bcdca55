import { ProviderError } from '@driftwatch/core';

/** The provider name every error of this plugin carries. */
export const gcpProvider = 'gcp-monitoring';

/** gRPC status names by number, for messages (google-gax errors carry the number). */
const statusNames = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

/** The gRPC status of a google-gax error, by name (`UNKNOWN` when it has none). */
export function grpcStatusName(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' && statusNames[code] !== undefined ? statusNames[code] : 'UNKNOWN';
}

/**
 * Wraps a client-library failure as a `ProviderError` naming the API operation,
 * with the gRPC status name and the service's message (which never contains
 * credentials: google-gax puts only the status details there).
 */
export function gcpProviderError(operation: string, error: unknown, context = ''): ProviderError {
  const details = (error as { details?: unknown })?.details;
  const text = typeof details === 'string' && details.length > 0 ? details : ((error as Error)?.message ?? String(error));
  return new ProviderError(gcpProvider, operation, `${grpcStatusName(error)}: ${text}${context}`, { cause: error });
}
