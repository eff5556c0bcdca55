import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelVersion } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { ChampionFileDeployer } from './ChampionFileDeployer.js';

const version = (v: string, metadata: Record<string, unknown> = {}): ModelVersion => ({
  model: 'support-bot',
  version: v,
  artifactUri: `model-${v}`,
  status: 'candidate',
  createdAt: '2026-01-01T00:00:00Z',
  metadata,
});

const setup = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dw-champion-file-'));
  const path = join(dir, 'champion.json');
  return { path, deployer: new ChampionFileDeployer(path), read: async () => JSON.parse(await readFile(path, 'utf8')) };
};

describe('ChampionFileDeployer', () => {
  it('writes the champion as JSON, and deploying it again changes nothing', async () => {
    const { path, deployer, read } = await setup();
    expect(await deployer.current()).toBeUndefined();
    await deployer.deploy(version('1', { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', promptVersion: 'v3' }));
    expect(await read()).toEqual({
      model: 'support-bot',
      version: '1',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      promptVersion: 'v3',
    });
    await deployer.deploy(version('1'));
    await expect(readFile(`${path}.history.jsonl`, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps replaced values and rollback restores the newest one naming the target, byte for byte', async () => {
    const { path, deployer, read } = await setup();
    await deployer.deploy(version('1', { modelId: 'm-1' }));
    const edited = `${JSON.stringify({ model: 'support-bot', version: '1', modelId: 'm-1', temperature: 0.2 })}\n`;
    await writeFile(path, edited);
    await deployer.deploy(version('2'));
    expect((await read()).version).toBe('2');
    expect(await deployer.rollback(version('1'))).toEqual({ status: 'deployed' });
    expect(await readFile(path, 'utf8')).toBe(edited);
    // Every replaced value is kept, oldest first.
    const history = (await readFile(deployer.historyPath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(history.map((v: string) => JSON.parse(v).version)).toEqual(['1', '2']);
    // A version never written is written fresh.
    await deployer.rollback(version('0', { modelId: 'm-0' }));
    expect(await read()).toEqual({ model: 'support-bot', version: '0', modelId: 'm-0' });
  });

  it('a history line it did not write is an input error naming the line', async () => {
    const { deployer } = await setup();
    await deployer.deploy(version('1'));
    await writeFile(deployer.historyPath, '"x"\n{"model":"support-bot"}\n');
    await expect(deployer.rollback(version('5'))).rejects.toMatchObject({
      code: 'INPUT_BAD_JSON',
      message: `${deployer.historyPath}:2: not a JSON string (a value this deployer wrote)`,
    });
  });
});
