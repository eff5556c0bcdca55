import { definePlugin, defineProvider } from '@driftwatch/core';
import { SageMakerCaptureDataSource } from './capture/SageMakerCaptureDataSource.js';
import { createS3Client, createSageMakerClient } from './client/createClients.js';
import { SageMakerEndpointDeployer } from './deploy/SageMakerEndpointDeployer.js';
import { s3SourceOptions } from './options/s3SourceOptions.js';
import { sageMakerCaptureOptions } from './options/sageMakerCaptureOptions.js';
import { sageMakerEndpointOptions } from './options/sageMakerEndpointOptions.js';
import { sageMakerRegistryOptions } from './options/sageMakerRegistryOptions.js';
import { sageMakerTrainingOptions } from './options/sageMakerTrainingOptions.js';
import { SageMakerModelRegistry } from './registry/SageMakerModelRegistry.js';
import { S3DataSource } from './s3/S3DataSource.js';
import { SageMakerTrainingProvider } from './training/SageMakerTrainingProvider.js';

/** The SageMaker plugin: training jobs, model registry, endpoint deployer, data-capture and S3 sources. */
export const sageMakerPlugin = definePlugin({
  name: '@driftwatch/plugin-aws-sagemaker',
  providers: [
    defineProvider({
      port: 'TrainingProvider',
      type: 'sagemaker',
      description: 'runs SageMaker training jobs (uploading local data to S3), idempotent per attempt key',
      options: sageMakerTrainingOptions,
      create: (options, context) =>
        new SageMakerTrainingProvider(createSageMakerClient(options, context.env), createS3Client(options, context.env), options, {
          baseDir: context.baseDir,
        }),
    }),
    defineProvider({
      port: 'ModelRegistry',
      type: 'sagemaker',
      description: 'keeps versions as model packages of the SageMaker Model Registry, status in their metadata',
      options: sageMakerRegistryOptions,
      create: (options, context) => new SageMakerModelRegistry(createSageMakerClient(options, context.env), options),
    }),
    defineProvider({
      port: 'Deployer',
      type: 'sagemaker-endpoint',
      description: 'deploys versions to a SageMaker real-time endpoint, waits for InService, rolls back',
      options: sageMakerEndpointOptions,
      create: (options, context) => new SageMakerEndpointDeployer(createSageMakerClient(options, context.env), options),
    }),
    defineProvider({
      port: 'DataSource',
      type: 'sagemaker-capture',
      description: 'reads SageMaker endpoint data capture (.jsonl under an S3 prefix) as rows of inputs and outputs',
      options: sageMakerCaptureOptions,
      create: (options, context) => new SageMakerCaptureDataSource(createS3Client(options, context.env), options),
    }),
    defineProvider({
      port: 'DataSource',
      type: 's3',
      description: 'reads a CSV/TSV/JSONL/Parquet object, or every such object under a prefix, from S3',
      options: s3SourceOptions,
      create: (options, context) => new S3DataSource(createS3Client(options, context.env), options),
    }),
  ],
});
