import { createRequire } from 'node:module';

/**
 * The CLI package's version, read through the package's own name (its `exports` list
 * `package.json`), which resolves from `dist/` and from the bundle's `dist/chunks/` alike.
 */
export const version: string = (createRequire(import.meta.url)('@driftwatch/cli/package.json') as { version: string }).version;
