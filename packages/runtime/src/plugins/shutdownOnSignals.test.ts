import { EventEmitter } from 'node:events';
import { InMemoryLogger } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import { LifecycleManager } from './LifecycleManager.js';
import { shutdownOnSignals } from './shutdownOnSignals.js';

describe('shutdownOnSignals', () => {
  it('on SIGTERM aborts the signal, shuts the providers down, then exits 143; SIGINT exits 130; uninstalling removes the handlers', async () => {
    const target = new EventEmitter();
    const calls: string[] = [];
    const exits: number[] = [];
    const lifecycle = new LifecycleManager();
    await lifecycle.track(
      { shutdown: () => void calls.push(`shutdown, aborted=${lifecycle.signal.aborted}`) },
      {
        port: 'MetricsSink',
        type: 'x',
        configPath: 'sinks[0]',
        logger: new InMemoryLogger(),
      },
    );
    const exited = new Promise<void>((resolve) => {
      const uninstall = shutdownOnSignals(() => [lifecycle], {
        target: target as unknown as NodeJS.Process,
        notice: (line) => calls.push(line.trim()),
        exit: (status) => {
          exits.push(status);
          uninstall();
          resolve();
        },
      });
    });
    expect(target.listenerCount('SIGTERM')).toBe(1);
    target.emit('SIGTERM');
    await exited;
    expect(calls).toEqual(['driftwatch: SIGTERM: flushing and shutting down providers (again to exit at once)', 'shutdown, aborted=true']);
    expect(exits).toEqual([143]);
    expect(target.listenerCount('SIGTERM') + target.listenerCount('SIGINT')).toBe(0);

    const second: number[] = [];
    shutdownOnSignals(new LifecycleManager(), {
      target: target as unknown as NodeJS.Process,
      notice: () => {},
      exit: (s) => second.push(s),
    });
    target.emit('SIGINT');
    target.emit('SIGINT');
    await new Promise((r) => setImmediate(r));
    expect(second).toEqual([130, 130]);
  });
});
