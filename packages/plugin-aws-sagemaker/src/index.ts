import { sageMakerPlugin } from './sageMakerPlugin.js';

export type { CaptureColumns, CapturePayload, CaptureRow, DecodedCapture } from './capture/decodeCaptureRecord.js';
export { decodeCaptureRecord } from './capture/decodeCaptureRecord.js';
export type { DecodedGroundTruth } from './capture/decodeGroundTruthRecord.js';
export { decodeGroundTruthRecord } from './capture/decodeGroundTruthRecord.js';
export type { CellValue } from './capture/decodePayload.js';
export type { SageMakerCaptureDependencies } from './capture/SageMakerCaptureDataSource.js';
export { SageMakerCaptureDataSource } from './capture/SageMakerCaptureDataSource.js';
export { createS3Client, createSageMakerClient } from './client/createClients.js';
export type { SageMakerEndpointDependencies } from './deploy/SageMakerEndpointDeployer.js';
export { SageMakerEndpointDeployer } from './deploy/SageMakerEndpointDeployer.js';
export type { ConnectionSettings } from './options/s3ConnectionOptions.js';
export type { S3SourceOptions } from './options/s3SourceOptions.js';
export { s3SourceOptions } from './options/s3SourceOptions.js';
export type { SageMakerCaptureOptions } from './options/sageMakerCaptureOptions.js';
export { sageMakerCaptureOptions } from './options/sageMakerCaptureOptions.js';
export type { SageMakerEndpointOptions } from './options/sageMakerEndpointOptions.js';
export { sageMakerEndpointOptions } from './options/sageMakerEndpointOptions.js';
export type { SageMakerRegistryOptions } from './options/sageMakerRegistryOptions.js';
export { sageMakerRegistryOptions } from './options/sageMakerRegistryOptions.js';
export type { SageMakerTrainingOptions } from './options/sageMakerTrainingOptions.js';
export { sageMakerTrainingOptions } from './options/sageMakerTrainingOptions.js';
export type { SageMakerRegistryDependencies } from './registry/SageMakerModelRegistry.js';
export { SageMakerModelRegistry } from './registry/SageMakerModelRegistry.js';
export { maxPutObjectBytes } from './s3/objectIo.js';
export type { S3DataSourceDependencies } from './s3/S3DataSource.js';
export { S3DataSource } from './s3/S3DataSource.js';
export { sageMakerPlugin } from './sageMakerPlugin.js';
export type { SageMakerTrainingDependencies } from './training/SageMakerTrainingProvider.js';
export { SageMakerTrainingProvider } from './training/SageMakerTrainingProvider.js';

/** The plugin, as `plugins: ["@driftwatch/plugin-aws-sagemaker"]` loads it. */
export default sageMakerPlugin;
