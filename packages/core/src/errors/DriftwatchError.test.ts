import { describe, expect, it } from 'vitest';
import { ConfigError, DriftwatchError, InputError, ProviderError, UsageError } from './DriftwatchError.js';

type Classes = typeof import('./DriftwatchError.js');

/** A second instance of the module, as a plugin importing the package beside the bundled CLI has. */
async function otherCopy(): Promise<Classes> {
  const specifier = './DriftwatchError.js?copy';
  return (await import(/* @vite-ignore */ specifier)) as Classes;
}

describe('DriftwatchError instanceof', () => {
  it('holds for the classes of another copy of the module, by class', async () => {
    const copy = await otherCopy();
    expect(copy.ConfigError).not.toBe(ConfigError);
    const error = new copy.ConfigError('plugins[0]: not found', { code: 'CONFIG_PLUGIN' });
    expect(error instanceof ConfigError).toBe(true);
    expect(error instanceof DriftwatchError).toBe(true);
    expect(error instanceof Error).toBe(true);
    expect(error instanceof InputError).toBe(false);
    expect(error instanceof UsageError).toBe(false);
    expect(new ProviderError('jsonl', 'flush', 'disk full') instanceof copy.ProviderError).toBe(true);
    expect(new ProviderError('jsonl', 'flush', 'disk full') instanceof copy.StateError).toBe(false);
  });

  it('holds for a plugin subclass of either copy', async () => {
    const copy = await otherCopy();
    class SinkError extends copy.ProviderError {}
    const error = new SinkError('my-sink', 'flush', 'x');
    expect(error instanceof ProviderError).toBe(true);
    expect(error instanceof DriftwatchError).toBe(true);
    expect(error instanceof SinkError).toBe(true);
    expect(new ProviderError('a', 'b', 'c') instanceof SinkError).toBe(false);
  });

  it('does not take an unbranded look-alike or a plain value for one', () => {
    class ProviderErrorLookAlike extends Error {
      readonly code = 'PROVIDER_FAILED';
    }
    Object.defineProperty(ProviderErrorLookAlike, 'name', { value: 'ProviderError' });
    expect(new ProviderErrorLookAlike('x') instanceof ProviderError).toBe(false);
    expect(new TypeError('x') instanceof DriftwatchError).toBe(false);
    expect((null as unknown) instanceof DriftwatchError).toBe(false);
    expect({ code: 'USAGE', message: 'x' } instanceof UsageError).toBe(false);
  });
});
