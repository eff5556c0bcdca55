import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type AwsCaller, sendAws } from '@driftwatch/aws-common';
import { InputError } from '@driftwatch/core';
import type { S3Location } from './parseS3Uri.js';

/** Largest object one PutObject may upload (5 GB); larger files need a multipart upload, which this plugin does not do. */
export const maxPutObjectBytes = 5 * 1024 ** 3;

/** The text of an object (UTF-8). */
export async function getObjectText(client: S3Client, caller: AwsCaller, location: S3Location): Promise<string> {
  const reply = await sendAws(caller, 'GetObject', () => client.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key })));
  return (await reply.Body?.transformToString('utf-8')) ?? '';
}

/** Streams an object to `file` (retried as a whole on transient failures). */
export async function downloadObject(client: S3Client, caller: AwsCaller, location: S3Location, file: string): Promise<void> {
  await sendAws(caller, 'GetObject', async () => {
    const reply = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
    await pipeline(reply.Body as Readable, createWriteStream(file));
  });
}

/** Uploads a local file with one PutObject (files up to 5 GB; see {@link maxPutObjectBytes}). */
export async function uploadFile(client: S3Client, caller: AwsCaller, file: string, location: S3Location): Promise<void> {
  const { size } = await stat(file);
  if (size > maxPutObjectBytes) {
    throw new InputError(
      'INPUT_UNREADABLE',
      `${file}: ${size} bytes; PutObject uploads at most 5 GB (upload it yourself and pass its s3:// URI)`,
      {
        location: { file },
      },
    );
  }
  await sendAws(caller, 'PutObject', () =>
    client.send(new PutObjectCommand({ Bucket: location.bucket, Key: location.key, Body: createReadStream(file), ContentLength: size })),
  );
}
