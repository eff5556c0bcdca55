/**
 * The providers this package's plugin (`./plugin`) registers, known without importing it: the CLI imports the plugin
 * (its options schemas and their zod) only when a config names one of these types. A manifest that differs from the
 * plugin is an error when the plugin loads, and a test of the CLI's (builtinPlugins.test.ts) compares them.
 */
export const manifest = {
  name: '@driftwatch/queue-postgres',
  providers: [{ port: 'JobQueue', type: 'postgres' }],
} as const;
