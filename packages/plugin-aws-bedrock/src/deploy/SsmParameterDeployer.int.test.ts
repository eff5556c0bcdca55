import { GetParameterCommand, GetParameterHistoryCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { type MotoServer, motoAvailability, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { type ModelVersion, ProviderError } from '@driftwatch/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRetry, testControlClients } from '../__tests__/testControlClients.js';
import { SsmParameterDeployer } from './SsmParameterDeployer.js';
import { ssmParameterOptions } from './ssmParameterOptions.js';

const version = (v: string, metadata: Record<string, unknown> = {}): ModelVersion => ({
  model: 'support-bot',
  version: v,
  artifactUri: `anthropic.claude-3-haiku-${v}`,
  status: 'candidate',
  createdAt: '2026-01-01T00:00:00Z',
  metadata,
});

describe.skipIf(skipWithoutMoto(motoAvailability()))('SsmParameterDeployer against moto', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(async () => {
    await moto?.stop();
  });
  const deployer = (parameterName: string) =>
    new SsmParameterDeployer(testControlClients(moto.endpoint).ssm, ssmParameterOptions.parse({ parameterName, ...noRetry }));
  const read = async (name: string) =>
    (await testControlClients(moto.endpoint).ssm.send(new GetParameterCommand({ Name: name }))).Parameter!;
  const historyLength = async (name: string) =>
    (await testControlClients(moto.endpoint).ssm.send(new GetParameterHistoryCommand({ Name: name }))).Parameters!.length;

  it('writes the champion as JSON, creating the parameter; deploying it again writes nothing', async () => {
    const d = deployer('/support-bot/champion');
    expect(await d.current()).toBeUndefined();
    const v1 = version('1', { modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0', promptVersion: 3 });
    expect(await d.deploy(v1)).toEqual({ status: 'deployed' });
    const p = await read('/support-bot/champion');
    expect(p.Type).toBe('String');
    expect(JSON.parse(p.Value!)).toEqual({
      model: 'support-bot',
      version: '1',
      modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      promptVersion: '3',
    });
    expect(p.Version).toBe(1);
    expect(await d.deploy(v1)).toEqual({ status: 'deployed' });
    expect((await read('/support-bot/champion')).Version).toBe(1);
  });

  it('without metadata.modelId, the artifact URI is the model to call and no prompt version is written', async () => {
    const d = deployer('plain-champion');
    await d.deploy(version('7'));
    expect(JSON.parse((await read('plain-champion')).Value!)).toEqual({
      model: 'support-bot',
      version: '7',
      modelId: 'anthropic.claude-3-haiku-7',
    });
  });

  it('rollback restores the previous value from the parameter history, byte for byte', async () => {
    const name = '/bot/rollback';
    const d = deployer(name);
    await d.deploy(version('1', { modelId: 'm-1', promptVersion: 'p1' }));
    // An operator adds a field to the live value: rollback must keep it.
    const edited = JSON.stringify({ model: 'support-bot', version: '1', modelId: 'm-1', promptVersion: 'p1', temperature: 0.2 });
    await testControlClients(moto.endpoint).ssm.send(
      new PutParameterCommand({ Name: name, Value: edited, Type: 'String', Overwrite: true }),
    );
    await d.deploy(version('2', { modelId: 'm-2' }));
    expect(JSON.parse((await read(name)).Value!).modelId).toBe('m-2');
    expect(await d.rollback(version('1', { modelId: 'ignored-when-history-has-it' }))).toEqual({ status: 'deployed' });
    const restored = await read(name);
    expect(restored.Value).toBe(edited);
    expect(restored.Version).toBe(4);
    expect(await historyLength(name)).toBe(4);
    // Rolling back to what serves is a no-op.
    await d.rollback(version('1'));
    expect((await read(name)).Version).toBe(4);
  });

  it('rollback to a version never written writes it as deploy would', async () => {
    const d = deployer('/bot/fresh-rollback');
    await d.deploy(version('5'));
    await d.rollback(version('4', { modelId: 'm-4' }));
    expect(JSON.parse((await read('/bot/fresh-rollback')).Value!)).toEqual({ model: 'support-bot', version: '4', modelId: 'm-4' });
  });

  it('a value not written by Driftwatch is replaced, and a failing call is a ProviderError naming the operation', async () => {
    const name = '/bot/hand-written';
    await testControlClients(moto.endpoint).ssm.send(new PutParameterCommand({ Name: name, Value: 'claude', Type: 'String' }));
    await deployer(name).deploy(version('1'));
    expect(JSON.parse((await read(name)).Value!).version).toBe('1');
    const broken = new SsmParameterDeployer(
      testControlClients('http://127.0.0.1:9').ssm,
      ssmParameterOptions.parse({ parameterName: '/x', ...noRetry }),
    );
    const error = await broken.deploy(version('1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toMatch(/^ssm-parameter GetParameter: /);
  });
});

describe('ssmParameterOptions', () => {
  it('rejects a name SSM would reject, with the path', () => {
    const result = ssmParameterOptions.safeParse({ parameterName: 'bad name/x' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['parameterName']);
    expect(ssmParameterOptions.safeParse({ parameterName: '/a/b', extra: 1 }).success).toBe(false);
  });
});
