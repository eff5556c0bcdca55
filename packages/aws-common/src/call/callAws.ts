import { ProviderError } from '@driftwatch/core';
import { type RetryPolicy, withRetry } from '../retry/withRetry.js';

/** Who calls AWS and how it retries. */
export interface AwsCaller {
  /** The provider type, for {@link ProviderError}s (`sagemaker`, `ssm-parameter`…). */
  readonly provider: string;
  readonly retry: RetryPolicy;
}

/**
 * Runs one AWS operation with retries. An error `accept` recognises
 * (not found, already exists…) resolves to `undefined`; any other failure
 * is a {@link ProviderError} naming the provider and the operation, with the
 * SDK error as its cause.
 */
export async function callAws<T>(
  caller: AwsCaller,
  operation: string,
  send: () => Promise<T>,
  accept?: (error: unknown) => boolean,
): Promise<T | undefined> {
  try {
    return await withRetry(send, caller.retry);
  } catch (error) {
    if (accept?.(error)) return undefined;
    throw new ProviderError(caller.provider, operation, messageOf(error), { cause: error });
  }
}

/** Like {@link callAws} without an accepted error: resolves to the result or throws. */
export async function sendAws<T>(caller: AwsCaller, operation: string, send: () => Promise<T>): Promise<T> {
  return (await callAws(caller, operation, send)) as T;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const name = error.name !== 'Error' ? `${error.name}: ` : '';
    return `${name}${error.message || 'no message'}${status !== undefined ? ` (HTTP ${status})` : ''}`;
  }
  return String(error);
}
