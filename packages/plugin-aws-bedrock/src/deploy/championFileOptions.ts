import { z } from 'zod';

/** Options of the `champion-file` deployer. */
export const championFileOptions = z
  .object({
    path: z
      .string()
      .min(1, 'a file path is required')
      .describe('the JSON file applications read the champion from, relative to the config file; its folder must exist'),
  })
  .strict();

/** Parsed options of the `champion-file` deployer. */
export type ChampionFileOptions = z.output<typeof championFileOptions>;
