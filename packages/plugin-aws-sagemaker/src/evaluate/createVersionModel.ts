import { CreateModelCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { type AwsCaller, callAws } from '@driftwatch/aws-common';
import type { ModelVersion } from '@driftwatch/core';
import { isAlreadyExists } from '../client/awsErrors.js';

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Creates the SageMaker model `name` serving a registered version's artifact in `image`, tagged
 * with the model and version (and `extraTags`); one an interrupted run left is reused.
 */
export async function createVersionModel(
  caller: AwsCaller,
  sageMaker: SageMakerClient,
  container: { readonly roleArn?: string; readonly image?: string },
  name: string,
  version: ModelVersion,
  extraTags: readonly { Key: string; Value: string }[] = [],
): Promise<void> {
  await callAws(
    caller,
    'CreateModel',
    () =>
      sageMaker.send(
        new CreateModelCommand({
          ModelName: name,
          ExecutionRoleArn: container.roleArn,
          PrimaryContainer: { Image: container.image, ModelDataUrl: version.artifactUri },
          Tags: [
            { Key: 'driftwatch:model', Value: version.model.slice(0, 256) },
            { Key: 'driftwatch:version', Value: version.version.slice(0, 256) },
            ...extraTags,
          ],
        }),
      ),
    isAlreadyExists,
  );
}
