import { describe, expect, it } from 'vitest';
import type { Alert } from '../../domain/Alert.js';
import type { ContractSubject } from './ContractSubject.js';
import { lifecycleTests } from './lifecycleTests.js';
import { type ProviderInstance, providerFixture } from './providerFixture.js';
import { sampleAlert, uniqueTag } from './samples.js';

/** What the AlertChannel suite needs besides the subject. */
export interface AlertChannelContract extends ContractSubject {
  /** The alerts the receiving end got from this instance (the file, the test server…). */
  readonly received?: (instance: ProviderInstance<'AlertChannel'>) => Promise<readonly Alert[]>;
  /** Options with which delivery fails (a server answering 500, an unwritable path). */
  readonly failingOptions?: () => unknown | Promise<unknown>;
}

/**
 * The AlertChannel contract: `send` answers with a `DeliveryResult` rather than
 * throwing, delivers the alert's rule, monitor and message, and reports a
 * delivery that cannot succeed as `failed` or `retryable` with a reason.
 */
export function describeAlertChannel(contract: AlertChannelContract): void {
  describe(`AlertChannel "${contract.type}" of ${contract.plugin?.name ?? 'a plugin'}`, () => {
    const fixture = providerFixture('AlertChannel', contract);
    lifecycleTests('AlertChannel', contract, fixture);

    it('delivers an alert and answers ok', async () => {
      const instance = await fixture.make();
      expect(typeof instance.provider.type).toBe('string');
      const alert = sampleAlert(uniqueTag());
      const result = await fixture.withDeadline('send', () => instance.provider.send(alert));
      expect(result.status, result.reason).toBe('ok');
      if (!contract.received) return;
      const got = (await contract.received(instance)).filter((a) => a.monitor === alert.monitor);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ rule: alert.rule, severity: alert.severity, message: alert.message });
    });

    it.skipIf(!contract.failingOptions)(
      'answers a delivery that fails with failed or retryable and a reason, without throwing',
      async () => {
        const instance = await fixture.make(await contract.failingOptions!());
        const result = await fixture.withDeadline('send', () => instance.provider.send(sampleAlert(uniqueTag())));
        expect(['failed', 'retryable']).toContain(result.status);
        expect(typeof result.reason).toBe('string');
        if (result.retryAfterMs !== undefined) expect(result.retryAfterMs).toBeGreaterThanOrEqual(0);
      },
    );
  });
}
