import { describe, expect, it } from 'vitest';
import { ConfigError, DriftwatchError, InputError, ProviderError, StateError, UsageError } from './DriftwatchError.js';
import { exitStatus, exitStatusFor } from './exitStatus.js';
import { isConfigError, isDriftwatchError, isInputError, isProviderError, isStateError, isUsageError } from './isDriftwatchError.js';

describe('exitStatusFor', () => {
  it('maps each error family to its documented status', () => {
    expect(exitStatusFor(new InputError('INPUT_EMPTY', 'x'))).toBe(2);
    expect(exitStatusFor(new UsageError('x'))).toBe(2);
    expect(exitStatusFor(new ConfigError('x'))).toBe(2);
    expect(exitStatusFor(new ProviderError('jsonl', 'flush', 'x'))).toBe(exitStatus.provider);
    expect(exitStatusFor(new StateError('STATE_CONFLICT', 'x'))).toBe(exitStatus.state);
    expect(exitStatusFor(new DriftwatchError('INTERNAL', 'x'))).toBe(3);
    expect(exitStatusFor(new DriftwatchError('INPUT_BAD_JSON', 'x'))).toBe(2);
    expect(exitStatusFor(new DriftwatchError('CONFIG_PLUGIN', 'x'))).toBe(2);
    expect(exitStatusFor(new TypeError('x'))).toBe(3);
  });

  it('classifies an error of another copy of the classes by its code', () => {
    // What a plugin bundling its own @driftwatch/core throws: same name and code, another class.
    class ProviderErrorCopy extends Error {
      readonly code = 'PROVIDER_FAILED';
      readonly provider = 'my-sink';
      readonly operation = 'flush';
      constructor(message: string) {
        super(message);
        this.name = 'ProviderError';
      }
    }
    const copy = new ProviderErrorCopy('my-sink flush: disk full');
    expect(copy instanceof ProviderError).toBe(false);
    expect(exitStatusFor(copy)).toBe(4);
    expect(isProviderError(copy)).toBe(true);
    expect(isDriftwatchError(copy)).toBe(true);
    expect(exitStatusFor({ name: 'StateError', code: 'STATE_CORRUPT', message: 'index.json: not JSON' })).toBe(5);
    expect(exitStatusFor({ name: 'InputError', code: 'INPUT_NOT_FOUND', message: 'x.csv: not found' })).toBe(2);
  });

  it('does not take a system error or an unknown code for one of ours', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    expect(isDriftwatchError(enoent)).toBe(false);
    expect(exitStatusFor(enoent)).toBe(3);
    expect(isDriftwatchError({ code: 'PROVIDER_FAILED' })).toBe(false); // no message
    expect(isDriftwatchError({ code: 'PROVIDER_EXPLODED', message: 'x' })).toBe(false);
    expect(isDriftwatchError(null)).toBe(false);
    expect(isDriftwatchError('PROVIDER_FAILED')).toBe(false);
    expect(exitStatusFor(undefined)).toBe(3);
  });

  it('tells the families apart', () => {
    const all = [
      new InputError('INPUT_EMPTY', 'x'),
      new UsageError('x'),
      new ConfigError('x'),
      new ProviderError('p', 'op', 'x'),
      new StateError('STATE_CONFLICT', 'x'),
      new DriftwatchError('INTERNAL', 'x'),
    ];
    const guards = [isInputError, isUsageError, isConfigError, isProviderError, isStateError];
    expect(guards.map((guard) => all.map((e) => guard(e)))).toEqual(guards.map((_, g) => all.map((_, e) => e === g)));
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
