/** The connection options (region, endpoint, profile, retries) every provider of the plugin takes, for callers outside a config. */
export { awsConnectionOptions as bedrockConnectionOptions } from '@driftwatch/aws-common';
export { createBedrockClient } from './aws/createControlClients.js';
export { bedrockPlugin, bedrockPlugin as default } from './bedrockPlugin.js';
export { ChampionFileDeployer } from './deploy/ChampionFileDeployer.js';
export type { ChampionFileOptions } from './deploy/championFileOptions.js';
export type { ChampionValue } from './deploy/championValue.js';
export { SsmParameterDeployer } from './deploy/SsmParameterDeployer.js';
export type { SsmParameterOptions } from './deploy/ssmParameterOptions.js';
export type { BedrockInvocationLogsDependencies } from './logs/BedrockInvocationLogsDataSource.js';
export { BedrockInvocationLogsDataSource, invocationColumns } from './logs/BedrockInvocationLogsDataSource.js';
export type { BedrockInvocationLogsOptions } from './logs/bedrockInvocationLogsOptions.js';
export type { InvocationRow, ResolvedBodies } from './logs/decodeInvocationRecord.js';
export { decodeInvocationRecord } from './logs/decodeInvocationRecord.js';
export type { InvocationLoggingStatus } from './logs/readInvocationLoggingStatus.js';
export { invocationLoggingStatusSchemaVersion, readInvocationLoggingStatus } from './logs/readInvocationLoggingStatus.js';
export { createBedrockRuntimeClient } from './runtime-client/createBedrockRuntimeClient.js';
export { BedrockCustomizationProvider } from './training/BedrockCustomizationProvider.js';
export type { BedrockCustomizationOptions } from './training/bedrockCustomizationOptions.js';
