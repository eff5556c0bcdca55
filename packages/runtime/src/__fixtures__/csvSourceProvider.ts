import { resolve } from 'node:path';
import { defineProvider } from '@driftwatch/core';
import { inferSchemaFromFile, readDataFile } from '@driftwatch/data';
import { z } from 'zod';

/** A `csv` data source for runtime tests: the file `path` (relative ones against the config's folder), read by @driftwatch/data. */
export const csvSourceProvider = defineProvider({
  port: 'DataSource',
  type: 'csv',
  description: 'csv',
  options: z.object({ path: z.string() }).strict(),
  create: ({ path }, context) => {
    const file = resolve(context.baseDir, path);
    return {
      uri: file,
      inferSchema: (o) => inferSchemaFromFile(file, { sampleRows: o?.sampleRows }),
      read: (o) => readDataFile(file, { schema: o?.schema, strict: o?.strict }),
    };
  },
});
