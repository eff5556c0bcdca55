import { type BedrockClient, GetModelInvocationLoggingConfigurationCommand } from '@aws-sdk/client-bedrock';
import { type AwsConnectionOptions, type RetrySeams, retryPolicyFrom, sendAws } from '@driftwatch/aws-common';

/** Version of {@link InvocationLoggingStatus}'s JSON shape; bumped on breaking changes. */
export const invocationLoggingStatusSchemaVersion = 1 as const;

/** Whether and where Bedrock writes model invocation logs in one account and region. */
export interface InvocationLoggingStatus {
  readonly schemaVersion: typeof invocationLoggingStatusSchemaVersion;
  /** The region asked. */
  readonly region: string;
  /** True when logs go to S3, CloudWatch Logs or both. */
  readonly enabled: boolean;
  /** The S3 destination, as `s3://bucket/prefix/`, or null. */
  readonly s3: string | null;
  /** The CloudWatch Logs destination, or null. */
  readonly cloudWatch: {
    readonly logGroupName: string;
    readonly roleArn: string | null;
    /** Where bodies over 100 KB go, as `s3://bucket/prefix/`, or null. */
    readonly largeDataS3: string | null;
  } | null;
  /** The kinds of request and response data written (text, image, embedding, video); absent kinds are not logged. */
  readonly delivery: readonly string[];
}

/**
 * Reads the model invocation logging configuration
 * (GetModelInvocationLoggingConfiguration) of the client's account and
 * region. A region without one (`{}`, or moto's `{ loggingConfig: {} }`)
 * is `enabled: false`. A failing call is a ProviderError of `bedrock`.
 */
export async function readInvocationLoggingStatus(
  client: BedrockClient,
  options: Pick<AwsConnectionOptions, 'maxAttempts' | 'retryBaseDelayMs' | 'retryMaxDelayMs'>,
  seams: RetrySeams = {},
): Promise<InvocationLoggingStatus> {
  const caller = { provider: 'bedrock', retry: retryPolicyFrom(options, seams) };
  const out = await sendAws(caller, 'GetModelInvocationLoggingConfiguration', () =>
    client.send(new GetModelInvocationLoggingConfigurationCommand({})),
  );
  const config = out.loggingConfig ?? {};
  const s3 = config.s3Config?.bucketName ? s3Location(config.s3Config.bucketName, config.s3Config.keyPrefix) : null;
  const cw = config.cloudWatchConfig;
  const cloudWatch = cw?.logGroupName
    ? {
        logGroupName: cw.logGroupName,
        roleArn: cw.roleArn ?? null,
        largeDataS3: cw.largeDataDeliveryS3Config?.bucketName
          ? s3Location(cw.largeDataDeliveryS3Config.bucketName, cw.largeDataDeliveryS3Config.keyPrefix)
          : null,
      }
    : null;
  const delivery = (
    [
      ['text', config.textDataDeliveryEnabled],
      ['image', config.imageDataDeliveryEnabled],
      ['embedding', config.embeddingDataDeliveryEnabled],
      ['video', config.videoDataDeliveryEnabled],
    ] as const
  )
    .filter(([, on]) => on === true)
    .map(([kind]) => kind);
  return {
    schemaVersion: invocationLoggingStatusSchemaVersion,
    region: await client.config.region(),
    enabled: s3 !== null || cloudWatch !== null,
    s3,
    cloudWatch,
    delivery,
  };
}

function s3Location(bucket: string, prefix: string | undefined): string {
  const key = prefix?.replace(/^\/+/, '') ?? '';
  return `s3://${bucket}/${key.length > 0 && !key.endsWith('/') ? `${key}/` : key}`;
}
