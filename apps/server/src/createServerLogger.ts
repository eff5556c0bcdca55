import type { Redactor } from '@driftwatch/core';
import type { FastifyBaseLogger } from 'fastify';
import { type DestinationStream, pino } from 'pino';

/** Paths pino replaces with `***` in every log line: credentials in headers and bodies. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'token',
  '*.token',
  'csrfToken',
  '*.csrfToken',
  'body.token',
];

/**
 * The server's logger: pino with credentials redacted by path, and every message passed through
 * the config's redactor (which knows its secrets), so no token or secret reaches the log.
 */
export function createServerLogger(
  options: { readonly level?: string; readonly redactor?: Redactor; readonly destination?: DestinationStream } = {},
): FastifyBaseLogger {
  const redactor = options.redactor;
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: redactedPaths, censor: '***' },
      ...(redactor
        ? {
            hooks: {
              logMethod(args: unknown[], method: (...a: unknown[]) => void) {
                method.apply(
                  this,
                  args.map((a) => (typeof a === 'string' ? redactor.text(a) : a)),
                );
              },
            },
          }
        : {}),
    },
    options.destination ?? pino.destination(2),
  ) as unknown as FastifyBaseLogger;
}
