/** The fields of an AWS SDK error (or a Node system error) that tell what failed. */
export interface SdkErrorLike {
  /** The error class's name; the service's error code for most protocols (JSON 1.1, XML). */
  name?: string;
  /** A Node system error's code (`ECONNRESET`…). */
  code?: string;
  /** The service's error code with a query-compatible JSON protocol (CloudWatch). */
  Code?: string;
  /** Set by the SDK on errors it knows to be transient. */
  $retryable?: unknown;
  /** The HTTP response's metadata. */
  $metadata?: { httpStatusCode?: number };
}
