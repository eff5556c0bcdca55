import { z } from 'zod';

/** A bucket and a key (or key prefix, possibly empty). */
export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

const pattern = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/;

/** Splits `s3://bucket/key`; undefined when `uri` is not one. */
export function parseS3Uri(uri: string): S3Location | undefined {
  const match = pattern.exec(uri);
  return match ? { bucket: match[1]!, key: match[2] ?? '' } : undefined;
}

/** `s3://bucket/key` of a location. */
export function s3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

/** Joins key parts with single slashes. */
export function joinKey(...parts: string[]): string {
  return parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter((p) => p.length > 0)
    .join('/');
}

/** A zod option for an `s3://bucket[/prefix]` URI. */
export const s3UriOption = z.string().refine((v) => parseS3Uri(v) !== undefined, 'an S3 URI such as s3://bucket/prefix');
