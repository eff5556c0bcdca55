// One implementation for every AWS plugin, in @driftwatch/aws-common.
export type { AwsCaller } from '@driftwatch/aws-common';
export { callAws, sendAws } from '@driftwatch/aws-common';
