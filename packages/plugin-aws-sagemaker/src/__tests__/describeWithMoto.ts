import type { S3Client } from '@aws-sdk/client-s3';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SageMakerCall, type SageMakerReply, type SageMakerWireServer, startSageMakerWireServer } from './sageMakerWireServer.js';
import { testS3Client, testSageMakerClient } from './testClients.js';

/**
 * The peers of a {@link describeWithMoto} block. Each is there from the
 * block's first `beforeAll` hook on (moto starts before the block's own
 * hooks run, and stops after they have all run); reading one earlier throws.
 */
export interface MotoPeers {
  /** moto's server. */
  readonly moto: MotoServer;
  /** A real S3 client on moto (path style, dummy credentials). */
  readonly s3: S3Client;
  /** A real SageMaker client straight to moto, bypassing the wire server: for checking what a provider did. */
  readonly sageMaker: SageMakerClient;
  /** The wire server in front of moto; there only after {@link MotoPeers.useWire}. */
  readonly wire: SageMakerWireServer;
  /**
   * Puts a SageMaker wire server in front of moto for the block: `handle`
   * answers what moto lacks, undefined forwards the call to moto. Call it at
   * collection time (in the block's body), before the hooks that use `wire`.
   */
  useWire(handle: (call: SageMakerCall) => SageMakerReply | undefined): void;
}

/**
 * A `describe` block of tests against moto: skipped with the reason where moto
 * is missing outside CI; where it is missing in CI, a test beside the block
 * fails with the reason (and the block's start fails).
 */
export function describeWithMoto(name: string, body: (peers: MotoPeers) => void): void {
  const availability = motoAvailability();
  const missingInCi = motoMissingInCi(availability);
  // Outside the block: a failing beforeAll would mark the block's tests skipped, not failed.
  if (missingInCi) it(`${name}: needs moto in CI`, () => expect.fail(missingInCi));
  describe.skipIf(skipWithoutMoto(availability))(name, () => {
    let moto: MotoServer | undefined;
    let s3: S3Client | undefined;
    let sageMaker: SageMakerClient | undefined;
    let wire: SageMakerWireServer | undefined;
    beforeAll(async () => {
      moto = await startMotoServer();
      s3 = testS3Client(moto.endpoint);
      sageMaker = testSageMakerClient(moto.endpoint);
    });
    afterAll(async () => {
      await moto?.stop();
    });
    body({
      get moto() {
        return started('moto', moto);
      },
      get s3() {
        return started('s3', s3);
      },
      get sageMaker() {
        return started('sageMaker', sageMaker);
      },
      get wire() {
        return started('wire', wire);
      },
      useWire(handle) {
        beforeAll(async () => {
          wire = await startSageMakerWireServer(started('moto', moto).endpoint, handle);
        });
        afterAll(async () => {
          await wire?.close();
        });
      },
    });
  });
}

function started<T>(peer: string, value: T | undefined): T {
  if (value === undefined) throw new Error(`${peer} is not started: use it in a hook or a test of the block`);
  return value;
}
