import { dataFormats, formatByExtension } from '@driftwatch/data';
import { z } from 'zod';
import { s3UriOption } from '../s3/parseS3Uri.js';
import { s3ConnectionOptions } from './s3ConnectionOptions.js';

/** Options of the `s3` data source. */
export const s3SourceOptions = z
  .object({
    ...s3ConnectionOptions.shape,
    uri: s3UriOption.describe(
      's3://bucket/key of one CSV/TSV/JSONL/Parquet object, or s3://bucket/prefix/ (ending in /) for every such object under it, concatenated in key order',
    ),
    format: z
      .enum(dataFormats)
      .optional()
      .describe(`the format; default: from the extension (${Object.keys(formatByExtension).join(' ')})`),
    delimiter: z.string().length(1).optional().describe('CSV delimiter (default `,`, tab for tsv)'),
  })
  .strict();

/** Parsed options of the `s3` source. */
export type S3SourceOptions = z.output<typeof s3SourceOptions>;
