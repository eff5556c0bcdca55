import { describe, expect, it } from 'vitest';
import { containsCheck } from './containsCheck.js';

describe('containsCheck', () => {
  it('needs all needles by default, any with mode any, case-insensitive unless asked', () => {
    expect(containsCheck('Refunds take five business days.', ['refund', 'days'])).toBe(1);
    expect(containsCheck('Refunds take five business days.', ['refund', 'weeks'])).toBe(0);
    expect(containsCheck('Refunds take five business days.', ['refund', 'weeks'], { mode: 'any' })).toBe(1);
    expect(containsCheck('Refunds take five business days.', ['refund'], { caseSensitive: true })).toBe(0);
    expect(containsCheck('x', [])).toBe(1);
    expect(containsCheck('x', [], { mode: 'any' })).toBe(0);
  });
});
