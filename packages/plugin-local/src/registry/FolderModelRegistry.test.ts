import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, StateError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { FolderModelRegistry } from './FolderModelRegistry.js';

const fresh = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dw-registry-'));
  const warnings: string[] = [];
  const registry = new FolderModelRegistry(join(dir, 'models'), {
    warn: (m) => warnings.push(m),
    now: () => Date.parse('2026-11-27T10:00:01.000Z'),
  });
  /** A trained artifact folder, as a training job leaves it. */
  const artifact = async (name: string, content = name) => {
    const folder = join(dir, 'jobs', name, 'output');
    await mkdir(join(folder, 'sub'), { recursive: true });
    await writeFile(join(folder, 'model.bin'), content);
    await writeFile(join(folder, 'sub', 'meta.txt'), `meta of ${content}`);
    return folder;
  };
  return { dir, root: join(dir, 'models'), registry, warnings, artifact };
};

describe('FolderModelRegistry', () => {
  it('registers copies of artifacts as numbered candidate versions, idempotently by key', async () => {
    const { root, registry, warnings, artifact } = await fresh();
    expect(await registry.list('credit')).toEqual([]);
    expect(await registry.champion('credit')).toBeUndefined();

    const first = await registry.register({ model: 'credit', artifactUri: await artifact('a1'), metadata: { attempt: 'a1' }, key: 'a1' });
    expect(first).toEqual({
      model: 'credit',
      version: '1',
      artifactUri: join(root, 'credit', 'versions', '1'),
      status: 'candidate',
      createdAt: '2026-11-27T10:00:01.000Z',
      metadata: { attempt: 'a1' },
    });
    expect((await readdir(first.artifactUri)).sort()).toEqual(['model.bin', 'sub', 'version.json']);
    expect(await readFile(join(first.artifactUri, 'sub', 'meta.txt'), 'utf8')).toBe('meta of a1');
    expect(JSON.parse(await readFile(join(first.artifactUri, 'version.json'), 'utf8'))).toMatchObject({
      version: '1',
      copiedFrom: expect.stringMatching(/a1\/output$/),
    });

    // The same key again returns the first version and copies nothing.
    expect(await registry.register({ model: 'credit', artifactUri: await artifact('a1-again'), metadata: {}, key: 'a1' })).toEqual(first);
    const second = await registry.register({
      model: 'credit',
      artifactUri: pathToFileURL(await artifact('a2')).href,
      metadata: {},
      key: 'a2',
    });
    // A single-file artifact is copied into the version's folder.
    const file = join(root, '..', 'model.pkl');
    await writeFile(file, 'pickle');
    const third = await registry.register({ model: 'credit', artifactUri: file, metadata: {} });
    expect([second.version, third.version]).toEqual(['2', '3']);
    expect(await readFile(join(third.artifactUri, 'model.pkl'), 'utf8')).toBe('pickle');
    expect(await readdir(join(root, 'credit', 'versions'))).toEqual(expect.arrayContaining(['1', '2', '3']));

    const stored = JSON.parse(await readFile(join(root, 'credit', 'registry.json'), 'utf8'));
    expect(stored).toMatchObject({ formatVersion: 1, model: 'credit', keys: { a1: '1', a2: '2' } });
    expect(stored.versions.map((v: { version: string }) => v.version)).toEqual(['1', '2', '3']);
    // Another instance (process) reads the same registry.
    const again = new FolderModelRegistry(root);
    expect(await again.list('credit')).toEqual([first, second, third]);
    expect(await again.get('credit', '2')).toEqual(second);
    expect(await again.get('credit', '9')).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('makes a version champion and retires the previous one in one write', async () => {
    const { root, registry, artifact } = await fresh();
    for (const name of ['a1', 'a2', 'a3']) await registry.register({ model: 'credit', artifactUri: await artifact(name), metadata: {} });
    const one = await registry.setStatus('credit', '1', 'champion', 'first model');
    expect(one).toMatchObject({ version: '1', status: 'champion', statusReason: 'first model', statusChangedAt: expect.any(String) });
    expect(await registry.setStatus('credit', '3', 'rejected', 'gate: auc 0.71 < 0.74')).toMatchObject({ status: 'rejected' });
    const two = await registry.setStatus('credit', '2', 'champion', 'gate passed');
    expect(two.status).toBe('champion');
    expect((await registry.champion('credit'))?.version).toBe('2');
    const stored = JSON.parse(await readFile(join(root, 'credit', 'registry.json'), 'utf8'));
    expect(stored.versions.map((v: { status: string; statusReason?: string }) => [v.status, v.statusReason])).toEqual([
      ['retired', 'replaced by version 2'],
      ['champion', 'gate passed'],
      ['rejected', 'gate: auc 0.71 < 0.74'],
    ]);
    // The human-readable version.json follows.
    expect(JSON.parse(await readFile(join(root, 'credit', 'versions', '1', 'version.json'), 'utf8'))).toMatchObject({ status: 'retired' });
    // Setting a status a version already has changes nothing.
    expect(await registry.setStatus('credit', '2', 'champion', 'again')).toEqual(two);
    const unknown = await registry.setStatus('credit', '7', 'champion').catch((e) => e);
    expect(unknown).toBeInstanceOf(InputError);
    expect(unknown.message).toMatch(/model credit has no version "7" in .*registry\.json \(versions: 1, 2, 3\)/);
  });

  it('reports a registry.json it cannot read and never overwrites it', async () => {
    const { root, registry, artifact } = await fresh();
    const file = join(root, 'credit', 'registry.json');
    await mkdir(join(root, 'credit'), { recursive: true });
    for (const [content, why] of [
      ['{"formatVersion":1,"model":"cre', /not a valid model registry \(.*JSON/],
      ['{"formatVersion":2,"model":"credit","versions":[],"keys":{}}', /not a valid model registry \(unknown formatVersion 2\)/],
      [
        '{"formatVersion":1,"model":"churn","versions":[],"keys":{}}',
        /not a valid model registry \(it is the registry of model "churn", not credit\)/,
      ],
    ] as const) {
      await writeFile(file, content);
      for (const call of [
        () => registry.register({ model: 'credit', artifactUri: join(root, '..', 'jobs', 'x', 'output'), metadata: {} }),
        () => registry.list('credit'),
        () => registry.champion('credit'),
        () => registry.setStatus('credit', '1', 'champion'),
      ]) {
        const error = await call().catch((e) => e);
        expect(error).toBeInstanceOf(StateError);
        expect(error.code).toBe('STATE_CORRUPT');
        expect(error.message).toMatch(why);
        expect(error.message).toContain(`${file}: `);
        expect(error.message).toMatch(/restore it from a backup or move it away to start a new registry$/);
      }
      expect(await readFile(file, 'utf8')).toBe(content);
    }
    await artifact('x');
    await expect(
      registry.register({ model: 'credit', artifactUri: join(root, '..', 'jobs', 'x', 'output'), metadata: {} }),
    ).rejects.toThrow(StateError);
    expect(await readdir(join(root, 'credit'))).toEqual(['registry.json']);
  });

  it('reports a version whose folder is gone, naming the folder', async () => {
    const { root, registry, artifact } = await fresh();
    await registry.register({ model: 'credit', artifactUri: await artifact('a1'), metadata: {} });
    await registry.register({ model: 'credit', artifactUri: await artifact('a2'), metadata: {} });
    await registry.setStatus('credit', '1', 'champion');
    await rm(join(root, 'credit', 'versions', '1'), { recursive: true });
    for (const call of [() => registry.get('credit', '1'), () => registry.champion('credit'), () => registry.list('credit')]) {
      const error = await call().catch((e) => e);
      expect(error).toBeInstanceOf(StateError);
      expect(error.message).toBe(
        `${join(root, 'credit', 'versions', '1')}: the folder of version 1 of model credit is gone; restore it, or remove version 1 from ${join(root, 'credit', 'registry.json')}`,
      );
    }
    expect((await registry.get('credit', '2'))?.version).toBe('2');
    await registry.register({ model: 'credit', artifactUri: await artifact('a3'), metadata: {} });
    await rm(join(root, 'credit', 'versions', '3'), { recursive: true });
    await expect(registry.setStatus('credit', '3', 'champion')).rejects.toThrow(
      /versions\/3: the folder of version 3 of model credit is gone/,
    );
    expect((await new FolderModelRegistry(root).setStatus('credit', '2', 'rejected')).status).toBe('rejected');
  });

  it('refuses artifacts that are missing or not local, and model names that are not folder names', async () => {
    const { dir, registry } = await fresh();
    const missing = await registry.register({ model: 'credit', artifactUri: join(dir, 'nope'), metadata: {} }).catch((e) => e);
    expect(missing).toBeInstanceOf(InputError);
    expect(missing.message).toBe(`${join(dir, 'nope')}: no such artifact to register for model credit`);
    await expect(registry.register({ model: 'credit', artifactUri: 's3://bucket/model.tar.gz', metadata: {} })).rejects.toThrow(
      'the folder registry copies local artifacts; "s3://bucket/model.tar.gz" is not a local path',
    );
    await expect(registry.list('../etc')).rejects.toThrow(/model name "..\/etc" cannot name a folder/);
  });

  it('cleans up after a registration that crashed, and numbers on', async () => {
    const { root, registry, warnings, artifact } = await fresh();
    await registry.register({ model: 'credit', artifactUri: await artifact('a1'), metadata: {} });
    const versions = join(root, 'credit', 'versions');
    // Crashed mid-copy, and crashed after the rename but before registry.json was written.
    await mkdir(join(versions, '.2.abcd1234.tmp'));
    await mkdir(join(versions, '2'));
    await writeFile(join(versions, '2', 'half.bin'), 'x');
    const next = await registry.register({ model: 'credit', artifactUri: await artifact('a2'), metadata: {} });
    expect(next.version).toBe('2');
    expect((await readdir(join(versions, '2'))).sort()).toEqual(['model.bin', 'sub', 'version.json']);
    expect((await readdir(versions)).sort()).toEqual(['1', '2']);
    expect(warnings).toEqual([
      expect.stringMatching(/removed .*\.2\.abcd1234\.tmp, left over by an interrupted registration/),
      expect.stringMatching(/removed .*versions\/2, copied by an interrupted registration but never recorded/),
    ]);
  });

  it('serialises concurrent changes from several instances with the lock file', async () => {
    const { root, artifact } = await fresh();
    const folder = await artifact('shared');
    const a = new FolderModelRegistry(root);
    const b = new FolderModelRegistry(root);
    const registered = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).register({ model: 'credit', artifactUri: folder, metadata: { i }, key: `k${i}` }),
      ),
    );
    expect(registered.map((v) => v.version).sort((x, y) => Number(x) - Number(y))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const listed = await a.list('credit');
    expect(listed).toHaveLength(8);
    expect(new Set(listed.map((v) => (v.metadata as { i: number }).i)).size).toBe(8);
    await Promise.all(listed.map((v, i) => (i % 2 ? a : b).setStatus('credit', v.version, 'champion')));
    expect((await a.list('credit')).filter((v) => v.status === 'champion')).toHaveLength(1);
    expect(await readdir(join(root, 'credit'))).not.toContain('registry.lock');
  });

  it('waits for a live lock and gives up with a conflict, and takes over an expired one', async () => {
    const { root, artifact } = await fresh();
    const warnings: string[] = [];
    let now = 1_000_000;
    const registry = new FolderModelRegistry(root, { now: () => now, warn: (m) => warnings.push(m), lockWaitMs: 50 });
    await mkdir(join(root, 'credit'), { recursive: true });
    await writeFile(join(root, 'credit', 'registry.lock'), JSON.stringify({ owner: 'other', pid: 4242, expiresAt: now + 5_000 }));
    const folder = await artifact('a1');
    const error = await registry.register({ model: 'credit', artifactUri: folder, metadata: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(StateError);
    expect(error.code).toBe('STATE_CONFLICT');
    expect(error.message).toMatch(/registry\.lock is held by process 4242: another registry change is running/);
    now += 5_001;
    expect((await registry.register({ model: 'credit', artifactUri: folder, metadata: {} })).version).toBe('1');
    expect(warnings).toEqual([expect.stringMatching(/took over the expired lock .*registry\.lock of other \(process 4242\)$/)]);
  });
});
