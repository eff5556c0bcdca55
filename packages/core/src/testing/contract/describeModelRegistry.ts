import { describe, expect, it } from 'vitest';
import type { ContractSubject } from './ContractSubject.js';
import { lifecycleTests } from './lifecycleTests.js';
import { type ProviderInstance, providerFixture } from './providerFixture.js';

/** What the ModelRegistry suite needs besides the subject. */
export interface ModelRegistryContract extends ContractSubject {
  /** Makes a trained artifact the registry accepts (a folder, an `s3://` URI) and returns its URI; called once per version. */
  readonly artifact: (instance: ProviderInstance<'ModelRegistry'>) => Promise<string>;
}

/**
 * The ModelRegistry contract: new versions are candidates, listed oldest
 * first; registering with a used key returns the first version; making a
 * version champion retires the previous champion, so one serves at a time.
 */
export function describeModelRegistry(contract: ModelRegistryContract): void {
  describe(`ModelRegistry "${contract.type}" of ${contract.plugin?.name ?? 'a plugin'}`, () => {
    const fixture = providerFixture('ModelRegistry', contract);
    lifecycleTests('ModelRegistry', contract, fixture);

    it('registers candidates, lists them oldest first, and knows no versions of an unknown model', async () => {
      const instance = await fixture.make();
      const { provider } = instance;
      const first = await provider.register({
        model: 'contract-model',
        artifactUri: await contract.artifact(instance),
        metadata: { n: 1 },
      });
      const second = await provider.register({
        model: 'contract-model',
        artifactUri: await contract.artifact(instance),
        metadata: { n: 2 },
      });
      expect(first).toMatchObject({ model: 'contract-model', status: 'candidate', metadata: { n: 1 } });
      expect(second.version).not.toBe(first.version);
      expect((await provider.list('contract-model')).map((v) => v.version)).toEqual([first.version, second.version]);
      expect(await provider.get('contract-model', second.version)).toMatchObject({ version: second.version, status: 'candidate' });
      expect(await provider.list('contract-unknown')).toEqual([]);
      expect(await provider.champion('contract-model')).toBeUndefined();
    });

    it('returns the version first registered with a key when the key is used again', async () => {
      const instance = await fixture.make();
      const uri = await contract.artifact(instance);
      const a = await instance.provider.register({ model: 'contract-model', artifactUri: uri, metadata: {}, key: 'attempt-1' });
      const b = await instance.provider.register({ model: 'contract-model', artifactUri: uri, metadata: {}, key: 'attempt-1' });
      expect(b.version).toBe(a.version);
      expect(await instance.provider.list('contract-model')).toHaveLength(1);
    });

    it('keeps one champion: promoting a version retires the previous champion', async () => {
      const instance = await fixture.make();
      const { provider } = instance;
      const a = await provider.register({ model: 'contract-model', artifactUri: await contract.artifact(instance), metadata: {} });
      const b = await provider.register({ model: 'contract-model', artifactUri: await contract.artifact(instance), metadata: {} });
      await provider.setStatus('contract-model', a.version, 'champion', 'first');
      expect((await provider.champion('contract-model'))?.version).toBe(a.version);
      const promoted = await provider.setStatus('contract-model', b.version, 'champion', 'better');
      expect(promoted.status).toBe('champion');
      expect((await provider.champion('contract-model'))?.version).toBe(b.version);
      expect((await provider.get('contract-model', a.version))?.status).toBe('retired');
      expect((await provider.list('contract-model')).filter((v) => v.status === 'champion')).toHaveLength(1);
    });
  });
}
