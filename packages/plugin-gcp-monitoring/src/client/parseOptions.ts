import { ConfigError } from '@driftwatch/core';
import type { z } from 'zod';

/** Validates options given in code (config goes through the runtime); every problem is listed with its path. */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  throw new ConfigError(`invalid ${what} options: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
}
