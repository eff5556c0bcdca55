import { PutModelInvocationLoggingConfigurationCommand } from '@aws-sdk/client-bedrock';
import { type MotoServer, motoAvailability, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { ProviderError } from '@driftwatch/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRetry, testControlClients } from '../__tests__/testControlClients.js';
import { readInvocationLoggingStatus } from './readInvocationLoggingStatus.js';

describe.skipIf(skipWithoutMoto(motoAvailability()))('readInvocationLoggingStatus against moto', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('reports off before a configuration exists, then each destination and data kind once put', async () => {
    const { bedrock } = testControlClients(moto.endpoint);
    expect(await readInvocationLoggingStatus(bedrock, noRetry)).toEqual({
      schemaVersion: 1,
      region: 'us-east-1',
      enabled: false,
      s3: null,
      cloudWatch: null,
      delivery: [],
    });
    await bedrock.send(
      new PutModelInvocationLoggingConfigurationCommand({
        loggingConfig: {
          s3Config: { bucketName: 'bedrock-logs', keyPrefix: 'support-bot' },
          cloudWatchConfig: {
            logGroupName: '/aws/bedrock/invocations',
            roleArn: 'arn:aws:iam::123456789012:role/BedrockLogging',
            largeDataDeliveryS3Config: { bucketName: 'bedrock-large' },
          },
          textDataDeliveryEnabled: true,
          embeddingDataDeliveryEnabled: true,
          imageDataDeliveryEnabled: false,
        },
      }),
    );
    expect(await readInvocationLoggingStatus(bedrock, noRetry)).toEqual({
      schemaVersion: 1,
      region: 'us-east-1',
      enabled: true,
      s3: 's3://bedrock-logs/support-bot/',
      cloudWatch: {
        logGroupName: '/aws/bedrock/invocations',
        roleArn: 'arn:aws:iam::123456789012:role/BedrockLogging',
        largeDataS3: 's3://bedrock-large/',
      },
      delivery: ['text', 'embedding'],
    });
  });

  it('an unreachable endpoint is a ProviderError naming the operation', async () => {
    const error = await readInvocationLoggingStatus(testControlClients('http://127.0.0.1:9').bedrock, noRetry).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/^bedrock GetModelInvocationLoggingConfiguration: /);
  });
});
