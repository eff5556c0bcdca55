import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsCaller } from '@driftwatch/aws-common';
import { listObjectKeys } from '../s3/listObjectKeys.js';
import { getObjectText } from '../s3/objectIo.js';
import { type S3Location, s3Uri } from '../s3/parseS3Uri.js';
import { decodeGroundTruthRecord } from './decodeGroundTruthRecord.js';
import type { CellValue } from './decodePayload.js';
import { eachJsonLine } from './eachJsonLine.js';

/** The labels of one event and the line they came from. */
export interface GroundTruthLabels {
  readonly labels: readonly CellValue[];
  /** `s3://bucket/key:line` of the ground-truth line. */
  readonly where: string;
}

/** How {@link readGroundTruth} lists and reads. */
export interface GroundTruthRead {
  readonly client: S3Client;
  readonly caller: AwsCaller;
  /** The ground-truth prefix. */
  readonly prefix: S3Location;
  /** Key of a JSON object label (see {@link decodeGroundTruthRecord}). */
  readonly targetColumn: string;
  /** Events whose labels to keep; every line is still checked. */
  readonly wanted: ReadonlySet<string>;
  /** MaxKeys of a ListObjectsV2 page. */
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

/**
 * The labels of the wanted events from every `.jsonl` ground-truth object
 * under the prefix, read in key order: for an event labelled more than once,
 * the last line in key (then line) order wins, so a later upload corrects an
 * earlier one. A malformed line is `InputError INPUT_BAD_JSON` at
 * `s3://bucket/key:line`.
 */
export async function readGroundTruth(read: GroundTruthRead): Promise<Map<string, GroundTruthLabels>> {
  const { client, caller, prefix } = read;
  const objects = await listObjectKeys(client, caller, prefix, (key) => key.endsWith('.jsonl'), read.pageSize);
  const byEvent = new Map<string, GroundTruthLabels>();
  for (const object of objects) {
    read.signal?.throwIfAborted();
    const where = s3Uri({ bucket: prefix.bucket, key: object.key });
    const text = await getObjectText(client, caller, { bucket: prefix.bucket, key: object.key });
    eachJsonLine(text, where, (value, line) => {
      const { eventId, labels } = decodeGroundTruthRecord(value, read.targetColumn);
      if (read.wanted.has(eventId)) byEvent.set(eventId, { labels, where: `${where}:${line}` });
    });
  }
  return byEvent;
}
