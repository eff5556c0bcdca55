import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../ports/ModelRegistry.js';
import type { ContractSubject } from './ContractSubject.js';
import { lifecycleTests } from './lifecycleTests.js';
import { type ProviderInstance, providerFixture } from './providerFixture.js';

/** What the Deployer suite needs besides the subject. */
export interface DeployerContract extends ContractSubject {
  /** Two deployable versions of one model (their artifacts made by the test). */
  readonly versions: (instance: ProviderInstance<'Deployer'>) => Promise<readonly [ModelVersion, ModelVersion]>;
  /** Which version serves now, read from the serving side; without it only the results are checked. */
  readonly serving?: (instance: ProviderInstance<'Deployer'>) => Promise<string | undefined>;
}

/**
 * The Deployer contract: deploying reports `deployed`; deploying the serving
 * version again is a no-op that reports `deployed`; a rollback makes the
 * previous version serve again.
 */
export function describeDeployer(contract: DeployerContract): void {
  describe(`Deployer "${contract.type}" of ${contract.plugin?.name ?? 'a plugin'}`, () => {
    const fixture = providerFixture('Deployer', contract);
    lifecycleTests('Deployer', contract, fixture);

    it('deploys, deploys the serving version again as a no-op, and rolls back', async () => {
      const instance = await fixture.make();
      const [a, b] = await contract.versions(instance);
      expect((await instance.provider.deploy(a)).status).toBe('deployed');
      expect((await instance.provider.deploy(a)).status).toBe('deployed');
      if (contract.serving) expect(await contract.serving(instance)).toBe(a.version);
      const result = await instance.provider.deploy(b, { previous: a });
      expect(result.status, result.reason).toBe('deployed');
      if (contract.serving) expect(await contract.serving(instance)).toBe(b.version);
      expect((await instance.provider.rollback(a, { previous: b })).status).toBe('deployed');
      if (contract.serving) expect(await contract.serving(instance)).toBe(a.version);
    });
  });
}
