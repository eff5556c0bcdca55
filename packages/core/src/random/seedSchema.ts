import { z } from 'zod';

/** A PRNG seed in config: an integer in [0, 2³² − 1] ({@link Xoshiro128} takes 32 bits). Default 0. */
export const seedSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1)
  .default(0);
