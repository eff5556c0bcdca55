import { describe, expect, it } from 'vitest';
import { ScriptedTrainingProvider } from './ScriptedTrainingProvider.js';

const request = (key: string) => ({ model: 'churn', dataUri: 'train.csv', parameters: { target: 'y' }, key });

describe('ScriptedTrainingProvider', () => {
  it('runs a job through its script and starts one job per key', async () => {
    const trainer = new ScriptedTrainingProvider({ k: { outcome: 'succeed', artifactUri: 'model/', polls: 2 } });
    const job = await trainer.submit(request('k'));
    expect(await trainer.submit(request('k'))).toEqual(job);
    const states = [];
    for (let i = 0; i < 3; i++) states.push(await trainer.status(job));

    expect(states.map((s) => s.state)).toEqual(['running', 'running', 'succeeded']);
    expect(states[2].artifactUri).toBe('model/');
    expect(trainer.jobs.size).toBe(1);
    expect(trainer.starts).toHaveLength(2);
  });

  it('fails, never finishes until cancelled, or throws as scripted', async () => {
    const boom = new Error('boom');
    const trainer = new ScriptedTrainingProvider({
      f: { outcome: 'fail', reason: 'exit 1' },
      n: { outcome: 'never' },
      t: { outcome: 'throw', error: boom },
      s: { outcome: 'throw', error: boom, during: 'status' },
    });
    const failing = await trainer.submit(request('f'));
    await trainer.status(failing);
    expect(await trainer.status(failing)).toMatchObject({ state: 'failed', reason: 'exit 1' });

    const never = await trainer.submit(request('n'));
    for (let i = 0; i < 5; i++) expect((await trainer.status(never)).state).toBe('running');
    await trainer.cancel(never);
    expect((await trainer.status(never)).state).toBe('stopped');
    expect(trainer.cancels).toEqual([never.id]);

    await expect(trainer.submit(request('t'))).rejects.toBe(boom);
    const throwing = await trainer.submit(request('s'));
    await expect(trainer.status(throwing)).rejects.toBe(boom);
  });

  it('reports an unknown job as failed and refuses an unscripted key', async () => {
    const trainer = new ScriptedTrainingProvider();
    expect(await trainer.status({ id: 'job-9', provider: 'scripted' })).toEqual({ state: 'failed', reason: 'unknown job job-9' });
    await expect(trainer.submit(request('x'))).rejects.toThrow('scripted start: no outcome scripted for key x');
  });
});
