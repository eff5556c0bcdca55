import { definePlugin, defineProvider } from '@driftwatch/core';
import { s3SourceOptions } from './options/s3SourceOptions.js';
import { sageMakerBaselineOptions } from './options/sageMakerBaselineOptions.js';
import { sageMakerBatchEvaluatorOptions } from './options/sageMakerBatchEvaluatorOptions.js';
import { sageMakerCaptureOptions } from './options/sageMakerCaptureOptions.js';
import { sageMakerEndpointOptions } from './options/sageMakerEndpointOptions.js';
import { sageMakerEvaluatorOptions } from './options/sageMakerEvaluatorOptions.js';
import { sageMakerRegistryOptions } from './options/sageMakerRegistryOptions.js';
import { sageMakerTrainingOptions } from './options/sageMakerTrainingOptions.js';

// The providers and the AWS SDK load when a config first uses them (`create`), not when the
// plugin loads: every config-driven command loads the built-in plugins, and the SDK takes ~0.3 s.
const clients = () => import('./client/createClients.js');

/** The SageMaker plugin: training jobs, model registry, endpoint deployer and evaluator, data-capture and S3 sources. */
export const sageMakerPlugin = definePlugin({
  name: '@driftwatch/plugin-aws-sagemaker',
  providers: [
    defineProvider({
      port: 'TrainingProvider',
      type: 'sagemaker',
      description: 'runs SageMaker training jobs (uploading local data to S3), idempotent per attempt key',
      options: sageMakerTrainingOptions,
      create: async (options, context) => {
        const [{ createS3Client, createSageMakerClient }, { SageMakerTrainingProvider }] = await Promise.all([
          clients(),
          import('./training/SageMakerTrainingProvider.js'),
        ]);
        return new SageMakerTrainingProvider(createSageMakerClient(options, context.env), createS3Client(options, context.env), options, {
          baseDir: context.baseDir,
        });
      },
    }),
    defineProvider({
      port: 'ModelRegistry',
      type: 'sagemaker',
      description: 'keeps versions as model packages of the SageMaker Model Registry, status in their metadata',
      options: sageMakerRegistryOptions,
      create: async (options, context) => {
        const [{ createS3Client, createSageMakerClient }, { SageMakerModelRegistry }] = await Promise.all([
          clients(),
          import('./registry/SageMakerModelRegistry.js'),
        ]);
        return new SageMakerModelRegistry(createSageMakerClient(options, context.env), options, {
          s3: () => createS3Client(options, context.env),
        });
      },
    }),
    defineProvider({
      port: 'Deployer',
      type: 'sagemaker-endpoint',
      description: 'deploys versions to a SageMaker real-time endpoint, waits for InService, rolls back',
      options: sageMakerEndpointOptions,
      create: async (options, context) => {
        const [{ createSageMakerClient }, { SageMakerEndpointDeployer }] = await Promise.all([
          clients(),
          import('./deploy/SageMakerEndpointDeployer.js'),
        ]);
        return new SageMakerEndpointDeployer(createSageMakerClient(options, context.env), options);
      },
    }),
    defineProvider({
      port: 'Evaluator',
      type: 'sagemaker-endpoint',
      description: 'scores a version on the holdout through InvokeEndpoint: an existing endpoint, or a temporary one deleted afterwards',
      options: sageMakerEvaluatorOptions,
      create: async (options, context) => {
        const [{ createSageMakerClient }, { createSageMakerRuntimeClient }, { SageMakerEndpointEvaluator }] = await Promise.all([
          clients(),
          import('./client/createRuntimeClient.js'),
          import('./evaluate/SageMakerEndpointEvaluator.js'),
        ]);
        return new SageMakerEndpointEvaluator(
          createSageMakerClient(options, context.env),
          createSageMakerRuntimeClient(options, context.env),
          options,
        );
      },
    }),
    defineProvider({
      port: 'Evaluator',
      type: 'sagemaker-batch',
      description: 'scores a version on the holdout with a SageMaker batch transform job over it in S3, answers joined back by row',
      options: sageMakerBatchEvaluatorOptions,
      create: async (options, context) => {
        const [{ createS3Client, createSageMakerClient }, { SageMakerBatchEvaluator }] = await Promise.all([
          clients(),
          import('./evaluate/SageMakerBatchEvaluator.js'),
        ]);
        return new SageMakerBatchEvaluator(createSageMakerClient(options, context.env), createS3Client(options, context.env), options);
      },
    }),
    defineProvider({
      port: 'DataSource',
      type: 'sagemaker-capture',
      description: 'reads SageMaker endpoint data capture (.jsonl under an S3 prefix) as rows of inputs and outputs',
      options: sageMakerCaptureOptions,
      create: async (options, context) => {
        const [{ createS3Client }, { SageMakerCaptureDataSource }] = await Promise.all([
          clients(),
          import('./capture/SageMakerCaptureDataSource.js'),
        ]);
        return new SageMakerCaptureDataSource(createS3Client(options, context.env), options);
      },
    }),
    defineProvider({
      port: 'DataSource',
      type: 's3',
      description: 'reads a CSV/TSV/JSONL/Parquet object, or every such object under a prefix, from S3',
      options: s3SourceOptions,
      create: async (options, context) => {
        const [{ createS3Client }, { S3DataSource }] = await Promise.all([clients(), import('./s3/S3DataSource.js')]);
        return new S3DataSource(createS3Client(options, context.env), options);
      },
    }),
    defineProvider({
      port: 'DataSource',
      type: 'sagemaker-baseline',
      description:
        "a SageMaker Model Monitor baseline (statistics.json + constraints.json, S3 or local) as a monitor's reference; runs also check Model Monitor's constraints",
      options: sageMakerBaselineOptions,
      create: async (options, context) => {
        const [{ createS3Client }, { SageMakerBaselineDataSource }] = await Promise.all([
          clients(),
          import('./baseline/SageMakerBaselineDataSource.js'),
        ]);
        let s3: ReturnType<typeof createS3Client> | undefined;
        return new SageMakerBaselineDataSource(() => (s3 ??= createS3Client(options, context.env)), options, context.baseDir);
      },
    }),
  ],
});

export default sageMakerPlugin;
