import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Alert } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { LogAlertChannel } from './LogAlertChannel.js';

const alert = (severity: Alert['severity']): Alert => ({
  rule: 'share',
  severity,
  monitor: 'credit',
  message: 'credit: dataset.drift_share = 0.6 > 0.5',
  timestamp: '2026-11-27T00:00:00.000Z',
  values: { value: 0.6, threshold: 0.5 },
});

describe('LogAlertChannel', () => {
  it('writes one JSON line per alert to a stream, level from severity', async () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c) => {
      text += c;
    });
    const channel = new LogAlertChannel(undefined, stream);
    expect(await channel.send(alert('critical'))).toEqual({ status: 'ok' });
    expect(await channel.send(alert('info'))).toEqual({ status: 'ok' });
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.level)).toEqual(['error', 'info']);
    expect(lines[0]).toEqual({ level: 'error', event: 'alert', ...alert('critical') });
  });

  it('appends to a file, creating its folder, and fails (not retryable) when it cannot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-log-'));
    const path = join(dir, 'logs', 'alerts.log');
    await new LogAlertChannel(path).send(alert('warning'));
    await new LogAlertChannel(path).send(alert('warning'));
    expect((await readFile(path, 'utf8')).trimEnd().split('\n')).toHaveLength(2);
    await writeFile(join(dir, 'blocker'), '');
    const r = await new LogAlertChannel(join(dir, 'blocker', 'a.log')).send(alert('warning'));
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/cannot append to .*blocker\/a\.log: (ENOTDIR|EEXIST)/);
  });
});
