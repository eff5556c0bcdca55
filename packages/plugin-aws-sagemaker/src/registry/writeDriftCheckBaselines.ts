import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DriftCheckBaselines } from '@aws-sdk/client-sagemaker';
import { type AwsCaller, sendAws } from '@driftwatch/aws-common';
import { type Frame, InputError } from '@driftwatch/core';
import { readDataFile } from '@driftwatch/data';
import { modelMonitorBaselineOf } from '@driftwatch/drift';
import type { ConnectionSettings } from '../options/s3ConnectionOptions.js';
import { s3SourceOptions } from '../options/s3SourceOptions.js';
import { joinKey, parseS3Uri, s3Uri } from '../s3/parseS3Uri.js';
import { S3DataSource } from '../s3/S3DataSource.js';

/**
 * Profiles a version's training data (a local file or an s3:// object) as Model Monitor's
 * baseline job does, uploads `statistics.json` and `constraints.json` under `prefix`, and
 * returns the package's `DriftCheckBaselines` naming them (`ModelDataQuality`).
 */
export async function writeDriftCheckBaselines(
  s3: S3Client,
  caller: AwsCaller,
  connection: ConnectionSettings,
  trainData: string,
  prefix: string,
): Promise<DriftCheckBaselines> {
  let frame: Frame;
  if (parseS3Uri(trainData)) {
    frame = await new S3DataSource(s3, s3SourceOptions.parse({ ...connection, uri: trainData })).read();
  } else {
    try {
      frame = await readDataFile(trainData);
    } catch (cause) {
      if (cause instanceof InputError) throw cause;
      throw new InputError('INPUT_UNREADABLE', `${trainData}: cannot read the training data for Model Monitor baselines`, { cause });
    }
  }
  const baseline = modelMonitorBaselineOf(frame);
  const location = parseS3Uri(prefix)!;
  const put = async (name: string, body: unknown) => {
    const key = joinKey(location.key, name);
    await sendAws(caller, 'PutObject', () =>
      s3.send(
        new PutObjectCommand({
          Bucket: location.bucket,
          Key: key,
          Body: `${JSON.stringify(body, null, 2)}\n`,
          ContentType: 'application/json',
        }),
      ),
    );
    return s3Uri({ bucket: location.bucket, key });
  };
  const [statistics, constraints] = await Promise.all([
    put('statistics.json', baseline.statistics),
    put('constraints.json', baseline.constraints),
  ]);
  return {
    ModelDataQuality: {
      Statistics: { ContentType: 'application/json', S3Uri: statistics },
      Constraints: { ContentType: 'application/json', S3Uri: constraints },
    },
  };
}
