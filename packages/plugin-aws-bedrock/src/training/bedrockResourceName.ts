// SageMaker's and Bedrock's naming rules are the same: one implementation, in @driftwatch/aws-common.
export { resourceName as bedrockResourceName } from '@driftwatch/aws-common';
