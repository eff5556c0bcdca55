import { systemClock } from '../plugin/Clock.js';
import type { ProviderContext } from '../plugin/ProviderContext.js';
import { Redactor } from '../secrets/Redactor.js';
import { InMemoryLogger } from './InMemoryLogger.js';

/**
 * A complete {@link ProviderContext} for calling a provider's factory in a test:
 * the working directory, no environment, an {@link InMemoryLogger}, a signal
 * that never aborts, a {@link Redactor} that knows no secret yet and the system
 * clock, each replaceable.
 */
export function testProviderContext(overrides: Partial<ProviderContext> = {}): ProviderContext {
  return {
    baseDir: process.cwd(),
    env: {},
    logger: new InMemoryLogger(),
    signal: new AbortController().signal,
    redactor: new Redactor(),
    clock: systemClock,
    ...overrides,
  };
}
