/**
 * The providers this package's plugin (`./plugin`) registers, known without importing it: the CLI imports the plugin
 * (its options schemas and their zod) only when a config names one of these types. A manifest that differs from the
 * plugin is an error when the plugin loads, and a test of the CLI's (builtinPlugins.test.ts) compares them.
 */
export const manifest = {
  name: '@driftwatch/plugin-aws-sagemaker',
  providers: [
    { port: 'TrainingProvider', type: 'sagemaker' },
    { port: 'ModelRegistry', type: 'sagemaker' },
    { port: 'Deployer', type: 'sagemaker-endpoint' },
    { port: 'Evaluator', type: 'sagemaker-endpoint' },
    { port: 'Evaluator', type: 'sagemaker-batch' },
    { port: 'DataSource', type: 'sagemaker-capture' },
    { port: 'DataSource', type: 's3' },
    { port: 'DataSource', type: 'sagemaker-baseline' },
  ],
} as const;
