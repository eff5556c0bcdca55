import { describe, expect, it } from 'vitest';
import { exitStatus, exitStatusFor } from '../../errors/exitStatus.js';
import type { ContractSubject } from './ContractSubject.js';
import { lifecycleTests } from './lifecycleTests.js';
import { providerFixture } from './providerFixture.js';

/** What the DataSource suite needs besides the subject. */
export interface DataSourceContract extends ContractSubject {
  /** What the source given by `options` holds. */
  readonly expected: { readonly rows: number; readonly columns: readonly string[] };
  /** Options naming a source that does not exist; reading it must fail as bad input (exit status 2). */
  readonly missingOptions?: () => unknown | Promise<unknown>;
}

/**
 * The DataSource contract: a URI for messages, a schema naming the columns,
 * reads that return every row (the same on a second read), and a read that
 * stops when its signal is already aborted.
 */
export function describeDataSource(contract: DataSourceContract): void {
  describe(`DataSource "${contract.type}" of ${contract.plugin?.name ?? 'a plugin'}`, () => {
    const fixture = providerFixture('DataSource', contract);
    lifecycleTests('DataSource', contract, fixture);

    it('names its source for messages', async () => {
      const { provider } = await fixture.make();
      expect(typeof provider.uri).toBe('string');
      expect(provider.uri.length).toBeGreaterThan(0);
    });

    it('infers a schema naming every column', async () => {
      const { provider } = await fixture.make();
      const schema = await provider.inferSchema();
      expect(schema.columns.map((c) => c.name)).toEqual(expect.arrayContaining([...contract.expected.columns]));
    });

    it('reads every row and column, and the same again on a second read', async () => {
      const { provider } = await fixture.make();
      for (let i = 0; i < 2; i++) {
        const frame = await provider.read();
        expect(frame.rowCount).toBe(contract.expected.rows);
        expect(frame.columns.map((c) => c.name)).toEqual(expect.arrayContaining([...contract.expected.columns]));
      }
    });

    it('does not read when its signal is already aborted', async () => {
      const { provider } = await fixture.make();
      const controller = new AbortController();
      controller.abort(new Error('stop'));
      await expect(provider.read({ signal: controller.signal })).rejects.toBeDefined();
    });

    it.skipIf(!contract.missingOptions)('fails on a missing source with an error coded as bad input (exit status 2)', async () => {
      const { provider } = await fixture.make(await contract.missingOptions!());
      const error = await provider.read().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, 'read should reject').toBeDefined();
      expect(exitStatusFor(error)).toBe(exitStatus.badInput);
    });
  });
}
