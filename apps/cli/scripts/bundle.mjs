// Bundles the built CLI (dist/main.js, from tsc) with the workspace packages and their
// dependencies into dist/main.js plus lazily loaded chunks in dist/chunks/. Loading ~1100
// modules one file at a time (resolve, stat, read, compile each) was most of the CLI's
// start-up; a few files load in a fraction of it (bench/startup). Kept outside: the cloud
// plugins and SDKs (imported on demand, with their own dependencies) and pino (the runtime
// requires it by name on the first log line), the SQLite store (better-sqlite3 is a native addon
// that finds its binary from __filename, and the store reads its migration files beside its
// module) and the server with its dashboard (they serve files found from their own modules).
// Identifiers are not mangled: errors of the
// bundled @driftwatch/core and of a plugin's copy match by class name (DriftwatchError).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(cli, 'dist', 'chunks'), { recursive: true, force: true });
await build({
  absWorkingDir: cli,
  entryPoints: ['dist/main.js'],
  outdir: 'dist',
  outbase: 'dist',
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  external: [
    '@driftwatch/plugin-aws-*',
    '@driftwatch/plugin-gcp-*',
    '@driftwatch/store-sqlite',
    '@driftwatch/server',
    '@driftwatch/dashboard',
    'better-sqlite3',
    // Exports the path of its word file, computed from its own location.
    'word-list',
    '@aws-sdk/*',
    '@google-cloud/*',
    'pino',
  ],
  // CommonJS dependencies that require Node's built-ins need a `require` in an ES module.
  banner: {
    js: "import { createRequire as __driftwatchRequire } from 'node:module'; const require = __driftwatchRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
