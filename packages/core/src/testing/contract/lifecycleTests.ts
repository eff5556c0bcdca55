import { expect, it } from 'vitest';
import type { PortName } from '../../plugin/definePlugin.js';
import type { ProviderLifecycle } from '../../plugin/ProviderLifecycle.js';
import type { ContractSubject } from './ContractSubject.js';
import type { ProviderFixture } from './providerFixture.js';

/**
 * The tests every provider passes whatever its port: declared with a
 * description and a strict schema, and a lifecycle whose calls settle within
 * the deadline, in order, and can be repeated.
 */
export function lifecycleTests<P extends PortName>(port: P, subject: ContractSubject, fixture: ProviderFixture<P>): void {
  it('is declared by its plugin with a description and a zod schema', () => {
    expect(typeof subject.plugin?.name, 'the plugin needs a name (use definePlugin)').toBe('string');
    const definition = fixture.definition();
    expect(definition.port).toBe(port);
    expect(typeof definition.description === 'string' && definition.description.length > 0, 'a one-line description').toBe(true);
    expect(typeof definition.options.safeParse).toBe('function');
    expect(typeof definition.create).toBe('function');
  });

  it('rejects an unknown option, so a misspelt one is reported (a .strict() schema)', async () => {
    const raw = await subject.options();
    const parsed = fixture.definition().options.safeParse({ ...(raw as object), driftwatchContractUnknownOption: 1 });
    expect(parsed.success).toBe(false);
  });

  it('starts, flushes and shuts down within the deadline; flush and shutdown can be repeated', async () => {
    const provider = (await fixture.make()).provider as ProviderLifecycle;
    // `make` has already called start; a second call must not fail either.
    await fixture.withDeadline('start (again)', (signal) => provider.start?.({ signal }));
    await fixture.withDeadline('flush', (signal) => provider.flush?.({ signal }));
    await fixture.withDeadline('flush (again)', (signal) => provider.flush?.({ signal }));
    await fixture.withDeadline('shutdown', (signal) => provider.shutdown?.({ signal }));
    await fixture.withDeadline('shutdown (again)', (signal) => provider.shutdown?.({ signal }));
  });

  it('implements the lifecycle methods it has as functions', async () => {
    const provider = (await fixture.make()).provider as unknown as Record<string, unknown>;
    for (const method of ['start', 'flush', 'shutdown'] as const) {
      const value = provider[method];
      expect(value === undefined || typeof value === 'function', `${method} is a function when present`).toBe(true);
    }
  });
}
