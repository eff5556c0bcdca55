/** The `type` URI of a problem slug. */
export const problemType = (slug: string): string => `https://driftwatch.dev/problems/${slug}`;

/** Titles of the problem slugs (docs/server-api.md lists them). */
export const problemTitles: Readonly<Record<string, string>> = {
  validation: 'Invalid request',
  'invalid-batch': 'Invalid batch',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  conflict: 'Conflict',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
  'too-many-requests': 'Too many requests',
  internal: 'Internal server error',
  'not-ready': 'Not ready',
  'bad-gateway': 'A provider failed',
};

/** An RFC 9457 problem a handler throws; the error handler writes it as `application/problem+json`. */
export class ProblemError extends Error {
  constructor(
    /** HTTP status. */
    readonly status: number,
    /** Slug of the problem type (`not-found`, `invalid-batch`, …). */
    readonly slug: string,
    /** Human-readable explanation of this occurrence. */
    readonly detail: string,
    /** Extension members (`errors`, …). */
    readonly extensions: Readonly<Record<string, unknown>> = {},
    /** Response headers to set (`Retry-After`, `WWW-Authenticate`). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}
