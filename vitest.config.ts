import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources of the workspace packages (the
// `@driftwatch/source` export condition), so a test never sees a stale build.
const conditions = ['@driftwatch/source', 'import', 'module', 'node', 'default'];
// Not `module` for server-side resolution: it selects bundler-only builds (the AWS
// SDK's `dist-es`, with extensionless imports) that Node itself cannot load. Not `import`
// either: these become the workers' `--conditions`, and Node adds `import` or `require`
// itself; a forced `import` made a CommonJS `require('helmet')` (in @fastify/helmet) get
// helmet's ESM namespace instead of its function.
const nodeConditions = conditions.filter((c) => c !== 'module' && c !== 'import');

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions: nodeConditions, externalConditions: conditions } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'examples/**/*.test.ts', 'tools/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine. Most files spend their
    // time waiting on child processes (the built CLI, moto, local servers), so two run side by side.
    maxWorkers: 2,
  },
});
