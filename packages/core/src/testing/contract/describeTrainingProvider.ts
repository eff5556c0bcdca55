import { describe, expect, it } from 'vitest';
import type { TrainingRequest, TrainingStatus } from '../../ports/TrainingProvider.js';
import type { ContractSubject } from './ContractSubject.js';
import { lifecycleTests } from './lifecycleTests.js';
import { type ProviderInstance, providerFixture } from './providerFixture.js';

/** What the TrainingProvider suite needs besides the subject. */
export interface TrainingProviderContract extends ContractSubject {
  /** A request the provider can train to success (data written by the test); its `key` is replaced per test. */
  readonly request: (instance: ProviderInstance<'TrainingProvider'>) => TrainingRequest | Promise<TrainingRequest>;
  /** How long a job may take, in ms; default 30 000. */
  readonly jobTimeoutMs?: number;
  /** Wait between status polls, in ms; default 100. */
  readonly pollMs?: number;
}

const final = new Set<TrainingStatus['state']>(['succeeded', 'failed', 'stopped']);

/**
 * The TrainingProvider contract: a started job is polled to `succeeded` with an
 * artifact; starting twice with one key starts one job; cancelling a finished
 * job is harmless.
 */
export function describeTrainingProvider(contract: TrainingProviderContract): void {
  describe(`TrainingProvider "${contract.type}" of ${contract.plugin?.name ?? 'a plugin'}`, () => {
    const fixture = providerFixture('TrainingProvider', contract);
    lifecycleTests('TrainingProvider', contract, fixture);
    const timeout = contract.jobTimeoutMs ?? 30_000;

    const untilFinal = async (instance: ProviderInstance<'TrainingProvider'>, job: Parameters<typeof instance.provider.status>[0]) => {
      const end = Date.now() + timeout;
      for (;;) {
        const status = await instance.provider.status(job);
        if (final.has(status.state)) return status;
        if (Date.now() > end) throw new Error(`job ${job.id} still ${status.state} after ${timeout} ms`);
        await new Promise((r) => setTimeout(r, contract.pollMs ?? 100));
      }
    };

    it(
      'trains a job to success with an artifact; a second start with the same key returns the same job',
      async () => {
        const instance = await fixture.make();
        const request = { ...(await contract.request(instance)), key: `contract-${Date.now().toString(36)}` };
        const job = await instance.provider.submit(request);
        expect(typeof job.id).toBe('string');
        expect((await instance.provider.submit(request)).id).toBe(job.id);
        const status = await untilFinal(instance, job);
        expect(status.state, status.reason).toBe('succeeded');
        expect(typeof status.artifactUri).toBe('string');
        await instance.provider.cancel(job);
        expect((await instance.provider.status(job)).state).toBe('succeeded');
      },
      timeout + 10_000,
    );
  });
}
