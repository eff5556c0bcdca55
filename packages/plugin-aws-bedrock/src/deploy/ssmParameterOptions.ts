import { awsConnectionOptions } from '@driftwatch/aws-common';
import { z } from 'zod';

/** Options of the `ssm-parameter` deployer. */
export const ssmParameterOptions = z
  .object({
    ...awsConnectionOptions.shape,
    parameterName: z
      .string()
      .max(1011)
      .regex(/^(\/[a-zA-Z0-9_.-]+)+$|^[a-zA-Z0-9_.-]+$/, 'an SSM parameter name: /path/segments or one name of letters, digits, _ . -')
      .describe('the SSM parameter applications read the champion from, e.g. /support-bot/champion'),
    description: z.string().max(1024).optional().describe('the parameter description written with each value (default none)'),
  })
  .strict();

/** Parsed options of the `ssm-parameter` deployer. */
export type SsmParameterOptions = z.output<typeof ssmParameterOptions>;
