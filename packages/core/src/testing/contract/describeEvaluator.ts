import { describe, expect, it } from 'vitest';
import type { EvaluationSet } from '../../ports/Evaluator.js';
import type { ModelVersion } from '../../ports/ModelRegistry.js';
import type { ContractSubject } from './ContractSubject.js';
import { lifecycleTests } from './lifecycleTests.js';
import { type ProviderInstance, providerFixture } from './providerFixture.js';

/** What the Evaluator suite needs besides the subject. */
export interface EvaluatorContract extends ContractSubject {
  /** A model version and a labelled set the provider can score (written by the test). */
  readonly fixture: (
    instance: ProviderInstance<'Evaluator'>,
  ) => Promise<{ readonly version: ModelVersion; readonly set: EvaluationSet; readonly task: 'classification' | 'regression' }>;
}

/** The Evaluator contract: predictions are row-aligned with the set: labels (classification) or values (regression), one per row. */
export function describeEvaluator(contract: EvaluatorContract): void {
  describe(`Evaluator "${contract.type}" of ${contract.plugin?.name ?? 'a plugin'}`, () => {
    const fixture = providerFixture('Evaluator', contract);
    lifecycleTests('Evaluator', contract, fixture);

    it('predicts one output per row of the set', async () => {
      const instance = await fixture.make();
      const { version, set, task } = await contract.fixture(instance);
      const predictions = await instance.provider.predict(version, set);
      expect(predictions.rows).toBe(set.rows);
      if (task === 'classification') {
        expect(predictions.labels).toHaveLength(set.rows);
        if (predictions.scores) expect(predictions.scores).toHaveLength(set.rows);
      } else {
        expect(predictions.values).toHaveLength(set.rows);
      }
    });
  });
}
