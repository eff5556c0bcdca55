import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../domain/MetricPoint.js';
import { exitStatus, exitStatusFor } from '../../errors/exitStatus.js';
import type { ContractSubject } from './ContractSubject.js';
import { lifecycleTests } from './lifecycleTests.js';
import { type ProviderInstance, providerFixture } from './providerFixture.js';
import { samePoint, samplePoints, uniqueTag } from './samples.js';

/** What the MetricsSink suite needs besides the subject. */
export interface MetricsSinkContract extends ContractSubject {
  /**
   * The points the backend holds for this instance, read back as points (from
   * the file, the test server…). Without it the suite only checks that calls
   * settle.
   */
  readonly received?: (instance: ProviderInstance<'MetricsSink'>) => Promise<readonly MetricPoint[]>;
  /** Options with which the backend refuses points (an unwritable path, a server answering 500). */
  readonly failingOptions?: () => unknown | Promise<unknown>;
}

/**
 * The MetricsSink contract: points published and flushed arrive once each,
 * with their names, values, times and dimensions; `shutdown` flushes what is
 * pending; a backend that refuses points makes `flush` reject with an error
 * whose `code` the CLI turns into exit status 4.
 */
export function describeMetricsSink(contract: MetricsSinkContract): void {
  describe(`MetricsSink "${contract.type}" of ${contract.plugin?.name ?? 'a plugin'}`, () => {
    const fixture = providerFixture('MetricsSink', contract);
    lifecycleTests('MetricsSink', contract, fixture);

    const count = (all: readonly MetricPoint[], p: MetricPoint) => all.filter((r) => samePoint(p, r)).length;

    it('names its type', async () => {
      const { provider } = await fixture.make();
      expect(typeof provider.type).toBe('string');
      expect(provider.type.length).toBeGreaterThan(0);
    });

    it('accepts an empty batch and a flush with nothing pending', async () => {
      const instance = await fixture.make();
      await instance.provider.publish([]);
      await instance.provider.flush();
      if (contract.received) expect(await contract.received(instance)).toEqual([]);
    });

    it('delivers each published point once flushed, with its name, value, time and dimensions', async () => {
      const instance = await fixture.make();
      const points = samplePoints(uniqueTag());
      await instance.provider.publish(points.slice(0, 2));
      await instance.provider.publish(points.slice(2));
      await instance.provider.flush();
      if (!contract.received) return;
      const received = await contract.received(instance);
      for (const p of points) expect(count(received, p), `${p.name} ${JSON.stringify(p.dimensions)}`).toBe(1);
    });

    it('sends nothing twice: a second flush adds nothing', async () => {
      const instance = await fixture.make();
      const points = samplePoints(uniqueTag());
      await instance.provider.publish(points);
      await instance.provider.flush();
      await instance.provider.flush();
      if (!contract.received) return;
      const received = await contract.received(instance);
      for (const p of points) expect(count(received, p)).toBe(1);
    });

    it('flushes what is pending when shut down', async () => {
      const instance = await fixture.make();
      const points = samplePoints(uniqueTag());
      await instance.provider.publish(points);
      await fixture.withDeadline('shutdown', (signal) => instance.provider.shutdown?.({ signal }) ?? instance.provider.flush());
      if (!contract.received) return;
      const received = await contract.received(instance);
      for (const p of points) expect(count(received, p)).toBe(1);
    });

    it.skipIf(!contract.failingOptions)('rejects a refused flush with an error coded as a provider failure (exit status 4)', async () => {
      const instance = await fixture.make(await contract.failingOptions!());
      await instance.provider.publish(samplePoints(uniqueTag()));
      const error = await fixture
        .withDeadline('flush', () => instance.provider.flush())
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error, 'flush should reject').toBeDefined();
      expect(typeof (error as { code?: unknown }).code, 'the error has a string `code` (throw ProviderError)').toBe('string');
      expect(exitStatusFor(error)).toBe(exitStatus.provider);
    });
  });
}
