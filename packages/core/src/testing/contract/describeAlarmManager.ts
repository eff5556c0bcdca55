import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../domain/Alert.js';
import type { ContractSubject } from './ContractSubject.js';
import { lifecycleTests } from './lifecycleTests.js';
import { providerFixture } from './providerFixture.js';
import { sampleRules, uniqueTag } from './samples.js';

/** What the AlarmManager suite needs besides the subject. */
export interface AlarmManagerContract extends ContractSubject {
  /** Rules to sync; default two rules, one with dimensions. */
  readonly rules?: readonly AlertRule[];
}

/**
 * The AlarmManager contract: a sync accounts for every rule, a second sync
 * changes nothing, and a changed threshold updates exactly that alarm.
 */
export function describeAlarmManager(contract: AlarmManagerContract): void {
  describe(`AlarmManager "${contract.type}" of ${contract.plugin?.name ?? 'a plugin'}`, () => {
    const fixture = providerFixture('AlarmManager', contract);
    lifecycleTests('AlarmManager', contract, fixture);
    const rules = () => [...(contract.rules ?? sampleRules())];
    const total = (r: { created: readonly string[]; updated: readonly string[]; unchanged: readonly string[] }) =>
      r.created.length + r.updated.length + r.unchanged.length;

    it('creates one alarm per rule, and a second sync changes nothing', async () => {
      const { provider } = await fixture.make();
      const monitor = uniqueTag();
      const first = await provider.sync(rules(), { monitor });
      expect(total(first)).toBe(rules().length);
      const second = await provider.sync(rules(), { monitor });
      expect(second.created).toEqual([]);
      expect(second.updated).toEqual([]);
      expect(second.unchanged).toHaveLength(rules().length);
    });

    it('updates the alarm whose threshold changed, and only it', async () => {
      const { provider } = await fixture.make();
      const monitor = uniqueTag();
      await provider.sync(rules(), { monitor });
      const changed = rules().map((r, i) => (i === 0 ? { ...r, threshold: r.threshold + 0.1 } : r));
      const result = await provider.sync(changed, { monitor });
      expect(result.created).toEqual([]);
      expect(result.updated).toHaveLength(1);
      expect(result.unchanged).toHaveLength(changed.length - 1);
    });
  });
}
