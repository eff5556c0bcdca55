import { describe, expect, it } from 'vitest';
import { ConfigError, DriftwatchError, InputError, ProviderError, StateError, UsageError } from './DriftwatchError.js';
import { exitStatus, exitStatusFor } from './exitStatus.js';

describe('exitStatusFor', () => {
  it('maps each error family to its documented status', () => {
    expect(exitStatusFor(new InputError('INPUT_EMPTY', 'x'))).toBe(2);
    expect(exitStatusFor(new UsageError('x'))).toBe(2);
    expect(exitStatusFor(new ConfigError('x'))).toBe(2);
    expect(exitStatusFor(new ProviderError('jsonl', 'flush', 'x'))).toBe(exitStatus.provider);
    expect(exitStatusFor(new StateError('STATE_CONFLICT', 'x'))).toBe(exitStatus.state);
    expect(exitStatusFor(new DriftwatchError('INTERNAL', 'x'))).toBe(3);
    expect(exitStatusFor(new TypeError('x'))).toBe(3);
  });
  it('keeps code, cause and the provider/operation in the message', () => {
    const cause = new Error('socket hang up');
    const e = new ProviderError('cloudwatch', 'PutMetricData', 'throttled', { cause });
    expect(e.code).toBe('PROVIDER_FAILED');
    expect(e.message).toBe('cloudwatch PutMetricData: throttled');
    expect(e.cause).toBe(cause);
    expect(e.name).toBe('ProviderError');
  });
});
