import { describe, expect, it } from 'vitest';
import { awsCronToCron } from './awsCronToCron.js';

describe('awsCronToCron', () => {
  it("turns Model Monitor's schedule expressions into five-field crons", () => {
    expect(awsCronToCron('cron(0 * ? * * *)')).toBe('0 * * * *');
    expect(awsCronToCron('cron(0 */6 ? * * *)')).toBe('0 */6 * * *');
    expect(awsCronToCron('cron(30 2 * * ? *)')).toBe('30 2 * * *');
    // AWS counts weekdays 1-7 from Sunday, cron 0-6.
    expect(awsCronToCron('cron(0 8 ? * 2-6 *)')).toBe('0 8 * * 1-5');
    expect(awsCronToCron('cron(0 8 ? * MON *)')).toBe('0 8 * * MON');
  });

  it('has no cron for one-time schedules or a fixed year', () => {
    expect(awsCronToCron('NOW')).toBeUndefined();
    expect(awsCronToCron('cron(0 8 1 1 ? 2027)')).toBeUndefined();
    expect(awsCronToCron('rate(1 hour)')).toBeUndefined();
  });
});
