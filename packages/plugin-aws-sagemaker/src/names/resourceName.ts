// One implementation for every AWS plugin, in @driftwatch/aws-common.
export { resourceName } from '@driftwatch/aws-common';
