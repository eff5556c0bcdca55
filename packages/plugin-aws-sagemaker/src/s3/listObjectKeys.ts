import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { type AwsCaller, sendAws } from '@driftwatch/aws-common';
import type { S3Location } from './parseS3Uri.js';

/** One listed object. */
export interface S3ObjectEntry {
  readonly key: string;
  readonly size: number;
}

/**
 * Every object under `prefix` (ListObjectsV2, following continuation tokens),
 * in key order, that `keep` accepts. `pageSize` is the MaxKeys of a page (S3
 * caps it at 1000).
 */
export async function listObjectKeys(
  client: S3Client,
  caller: AwsCaller,
  prefix: S3Location,
  keep: (key: string) => boolean,
  pageSize = 1000,
): Promise<S3ObjectEntry[]> {
  const entries: S3ObjectEntry[] = [];
  let token: string | undefined;
  do {
    const page = await sendAws(caller, 'ListObjectsV2', () =>
      client.send(new ListObjectsV2Command({ Bucket: prefix.bucket, Prefix: prefix.key, MaxKeys: pageSize, ContinuationToken: token })),
    );
    for (const object of page.Contents ?? []) {
      if (object.Key !== undefined && keep(object.Key)) entries.push({ key: object.Key, size: object.Size ?? 0 });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
