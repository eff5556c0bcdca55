import { describe, expect, it } from 'vitest';
import { InMemoryModelRegistry } from './InMemoryModelRegistry.js';

describe('InMemoryModelRegistry', () => {
  it('numbers versions per model and returns the first version for a repeated key', async () => {
    const registry = new InMemoryModelRegistry({ now: () => new Date('2026-03-11T10:00:00Z') });
    const a = await registry.register({ model: 'churn', artifactUri: 'a', metadata: { n: 1 }, key: 'k1' });
    const again = await registry.register({ model: 'churn', artifactUri: 'other', metadata: {}, key: 'k1' });
    const b = await registry.register({ model: 'churn', artifactUri: 'b', metadata: {} });
    const other = await registry.register({ model: 'fraud', artifactUri: 'c', metadata: {}, key: 'k1' });

    expect([a.version, again.version, b.version, other.version]).toEqual(['1', '1', '2', '1']);
    expect(again).toEqual(a);
    expect(a).toMatchObject({ status: 'candidate', createdAt: '2026-03-11T10:00:00.000Z', metadata: { n: 1 } });
    expect((await registry.list('churn')).map((v) => v.artifactUri)).toEqual(['a', 'b']);
    expect(await registry.list('unknown')).toEqual([]);
  });

  it('keeps one champion: promoting a version retires the previous one', async () => {
    const registry = new InMemoryModelRegistry();
    await registry.register({ model: 'churn', artifactUri: 'a', metadata: {} });
    await registry.register({ model: 'churn', artifactUri: 'b', metadata: {} });
    await registry.setStatus('churn', '1', 'champion');
    const promoted = await registry.setStatus('churn', '2', 'champion', 'better');

    expect(promoted).toMatchObject({ status: 'champion', statusReason: 'better' });
    expect((await registry.champion('churn'))?.version).toBe('2');
    expect((await registry.get('churn', '1'))?.status).toBe('retired');
    expect(registry.statusChanges.map((c) => `${c.version}:${c.status}`)).toEqual(['1:champion', '1:retired', '2:champion']);
  });

  it('copies records in and out', async () => {
    const registry = new InMemoryModelRegistry();
    const metadata = { rows: 1 };
    const v = await registry.register({ model: 'churn', artifactUri: 'a', metadata });
    metadata.rows = 2;
    (v.metadata as { rows: number }).rows = 3;
    expect((await registry.get('churn', '1'))?.metadata).toEqual({ rows: 1 });
  });

  it('names the model and version it does not have', async () => {
    const registry = new InMemoryModelRegistry();
    await expect(registry.setStatus('churn', '7', 'champion')).rejects.toThrow('memory setStatus: model churn has no version 7');
  });
});
