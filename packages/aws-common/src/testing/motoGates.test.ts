import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MotoAvailability } from './motoAvailability.js';
import { motoMissingInCi } from './motoMissingInCi.js';
import { skipWithoutMoto } from './skipWithoutMoto.js';

const missing: MotoAvailability = { available: false, reason: 'no python' };
const present: MotoAvailability = { available: true };

describe('skipWithoutMoto and motoMissingInCi', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('skip, with a warning, only when moto is missing outside CI', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubEnv('CI', '');
    expect(skipWithoutMoto(missing)).toBe(true);
    expect(warn).toHaveBeenCalledWith('skipping moto integration tests: no python');
    expect(skipWithoutMoto(present)).toBe(false);
    expect(motoMissingInCi(missing)).toBeUndefined();
  });

  it('never skip in CI, and name the reason moto is missing there', () => {
    vi.stubEnv('CI', 'true');
    expect(skipWithoutMoto(missing)).toBe(false);
    expect(motoMissingInCi(missing)).toBe('moto is required when CI is set: no python');
    expect(motoMissingInCi(present)).toBeUndefined();
  });
});
