import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Alert, AlertChannel, DeliveryResult } from '@driftwatch/core';

/**
 * Writes one JSON line per alert (`{"level":"warn","event":"alert",…}`) to
 * stderr or, with a path, appended to a file with one `O_APPEND` write per
 * line, so log shippers and `grep` can take it from there. Severity maps to
 * the level: info → info, warning → warn, critical → error.
 */
export class LogAlertChannel implements AlertChannel {
  readonly type = 'log';
  readonly #path: string | undefined;
  readonly #stream: NodeJS.WritableStream;
  readonly #redact: <T>(value: T) => T;

  /** `path` undefined writes to `stream` (default stderr); `redact` scrubs secrets from each alert (the context's redactor's `strings`). */
  constructor(path?: string, stream: NodeJS.WritableStream = process.stderr, redact: <T>(value: T) => T = (value) => value) {
    this.#path = path;
    this.#stream = stream;
    this.#redact = redact;
  }

  async send(alert: Alert): Promise<DeliveryResult> {
    const level = alert.severity === 'critical' ? 'error' : alert.severity === 'warning' ? 'warn' : 'info';
    const line = `${JSON.stringify({ level, event: 'alert', ...this.#redact(alert) })}\n`;
    if (this.#path === undefined) {
      this.#stream.write(line);
      return { status: 'ok' };
    }
    try {
      await mkdir(dirname(this.#path), { recursive: true });
      const handle = await open(this.#path, 'a');
      try {
        await handle.write(line);
      } finally {
        await handle.close();
      }
      return { status: 'ok' };
    } catch (error) {
      // A missing folder or a full disk will not fix itself within a run.
      return {
        status: 'failed',
        reason: `cannot append to ${this.#path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      };
    }
  }
}
