import { createRequire } from 'node:module';

/** The CLI package's version. */
export const version: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
