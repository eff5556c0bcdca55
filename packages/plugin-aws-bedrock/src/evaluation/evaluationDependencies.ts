import { type AwsConnectionOptions, retryPolicyFrom } from '@driftwatch/aws-common';
import { createBedrockRuntimeClient } from '../runtime-client/createBedrockRuntimeClient.js';
import type { EvaluationDependencies } from './runEvaluation.js';

/**
 * The Bedrock Runtime client and retry policy of {@link runEvaluation} from parsed connection
 * options (`bedrockConnectionOptions`): region, endpoint, profile, attempts and backoff as every
 * AWS provider of Driftwatch takes them. Call `client.destroy()` when done.
 */
export function evaluationDependencies(
  connection: AwsConnectionOptions,
  env: Readonly<Record<string, string | undefined>>,
): Pick<EvaluationDependencies, 'client' | 'retry'> & { readonly client: EvaluationDependencies['client'] } {
  return { client: createBedrockRuntimeClient(connection, env), retry: retryPolicyFrom(connection) };
}
