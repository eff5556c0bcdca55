import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ModelVersion, StateError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { ChampionPointerDeployer, type ChampionPointerOptions } from './ChampionPointerDeployer.js';
import { readServingPointer } from './readServingPointer.js';

const node = process.execPath;
const version = (n: number): ModelVersion => ({
  model: 'credit',
  version: String(n),
  artifactUri: `/models/credit/versions/${n}`,
  status: 'champion',
  createdAt: '2026-11-27T10:00:00.000Z',
  metadata: {},
});

/** A hook that appends what it was told to hook-calls.jsonl, then runs `tail` (more script). */
const setup = async (tail = '', options: Partial<ChampionPointerOptions> = {}) => {
  const dir = await mkdtemp(join(tmpdir(), 'dw-deploy-'));
  await writeFile(
    join(dir, 'hook.js'),
    `const e = process.env; require('fs').appendFileSync('hook-calls.jsonl', JSON.stringify([e.DRIFTWATCH_ACTION, e.DRIFTWATCH_MODEL, e.DRIFTWATCH_MODEL_VERSION, e.DRIFTWATCH_MODEL_DIR, e.DRIFTWATCH_PREVIOUS_VERSION]) + '\\n');\n${tail}`,
  );
  const serving = join(dir, 'serving');
  let now = Date.parse('2026-11-27T12:00:00.000Z');
  const deployer = new ChampionPointerDeployer({
    path: serving,
    hook: [node, 'hook.js'],
    cwd: dir,
    now: () => (now += 60_000),
    killGraceMs: 100,
    ...options,
  });
  const calls = async () =>
    (await readFile(join(dir, 'hook-calls.jsonl'), 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  return { dir, serving, deployer, calls };
};

describe('ChampionPointerDeployer', () => {
  it('points at the version, runs the hook, and deploys an already serving version as a no-op', async () => {
    const { serving, deployer, calls } = await setup();
    expect(await readServingPointer(serving, 'credit')).toBeUndefined();
    expect(await deployer.deploy(version(1))).toEqual({ status: 'deployed' });
    expect(await readServingPointer(serving, 'credit')).toEqual({
      model: 'credit',
      version: '1',
      artifactUri: '/models/credit/versions/1',
      deployedAt: '2026-11-27T12:01:00.000Z',
    });
    expect(await deployer.deploy(version(2), { previous: version(1) })).toEqual({ status: 'deployed' });
    expect((await readServingPointer(serving, 'credit'))?.version).toBe('2');
    // Deploying what serves (a resumed attempt) neither rewrites the pointer nor runs the hook.
    expect(await deployer.deploy(version(2))).toEqual({ status: 'deployed' });
    expect((await readServingPointer(serving, 'credit'))?.deployedAt).toBe('2026-11-27T12:02:00.000Z');
    expect(await calls()).toEqual([
      ['deploy', 'credit', '1', '/models/credit/versions/1', ''],
      ['deploy', 'credit', '2', '/models/credit/versions/2', '1'],
    ]);
    // Rolling back is the same move with its own action; the previous version defaults to what served.
    expect(await deployer.rollback(version(1))).toEqual({ status: 'deployed' });
    expect((await readServingPointer(serving, 'credit'))?.version).toBe('1');
    expect((await calls())[2]).toEqual(['rollback', 'credit', '1', '/models/credit/versions/1', '2']);
    expect((await readdir(serving)).sort()).toEqual(['credit.hook.log', 'credit.json']);
  });

  it('puts the previous pointer back, byte for byte, when the hook fails', async () => {
    const { dir, serving, calls } = await setup();
    const ok = new ChampionPointerDeployer({ path: serving, hook: [node, 'hook.js'], cwd: dir });
    await ok.deploy(version(1));
    const before = await readFile(join(serving, 'credit.json'), 'utf8');
    const failing = new ChampionPointerDeployer({
      path: serving,
      hook: `"${node}" hook.js && echo "reload failed: connection refused" >&2 && exit 3`,
      cwd: dir,
    });
    expect(await failing.deploy(version(2), { previous: version(1) })).toEqual({
      status: 'failed',
      reason: 'hook exited 3: reload failed: connection refused',
    });
    expect(await readFile(join(serving, 'credit.json'), 'utf8')).toBe(before);
    // The hook did run with the new version before failing.
    expect((await calls()).map((c) => c[2])).toEqual(['1', '2']);
    // A failed first deployment leaves nothing serving.
    const other = await setup('process.exit(1)');
    expect(await other.deployer.deploy(version(1))).toMatchObject({ status: 'failed', reason: 'hook exited 1' });
    expect(await readServingPointer(other.serving, 'credit')).toBeUndefined();
  });

  it('fails a hook that runs out of time, restoring the pointer', async () => {
    const { serving, deployer } = await setup('console.log("reloading"); setInterval(() => {}, 1000)', { timeoutMs: 2_000 });
    const noHook = new ChampionPointerDeployer({ path: serving });
    await noHook.deploy(version(1));
    expect(await deployer.deploy(version(2))).toEqual({ status: 'failed', reason: 'hook timed out after 2s: reloading' });
    expect((await readServingPointer(serving, 'credit'))?.version).toBe('1');
  });

  it('deploys without a hook, and reports a corrupt pointer file when read', async () => {
    const { serving } = await setup();
    const deployer = new ChampionPointerDeployer({ path: serving });
    expect(await deployer.deploy(version(4))).toEqual({ status: 'deployed' });
    expect((await readServingPointer(serving, 'credit'))?.artifactUri).toBe('/models/credit/versions/4');
    await writeFile(join(serving, 'credit.json'), '{"model":"credit"');
    const error = await readServingPointer(serving, 'credit').catch((e) => e);
    expect(error).toBeInstanceOf(StateError);
    expect(error.message).toMatch(`${join(serving, 'credit.json')}: not a valid serving pointer (`);
    expect(error.message).toMatch(/JSON.*\); deploy a version again to rewrite it$/);
    await writeFile(join(serving, 'credit.json'), '{"model":"credit","version":4}');
    expect((await readServingPointer(serving, 'credit').catch((e) => e)).message).toBe(
      `${join(serving, 'credit.json')}: not a valid serving pointer ("version" is not a string); deploy a version again to rewrite it`,
    );
    // Deploying over a corrupt pointer writes a good one.
    expect(await deployer.deploy(version(4))).toEqual({ status: 'deployed' });
    expect((await readServingPointer(serving, 'credit'))?.version).toBe('4');
  });
});
