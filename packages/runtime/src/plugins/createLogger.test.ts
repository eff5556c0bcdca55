import { createRequire } from 'node:module';
import { Redactor } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { createLogger, logLevelFrom } from './createLogger.js';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => lines.push(line) }, json: () => lines.map((l) => JSON.parse(l)) };
}

describe('createLogger', () => {
  // First in the file: nothing has loaded pino yet in this process.
  it('does not load pino until a line at an enabled level is written', () => {
    const pinoLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/pino/'));
    const out = capture();
    const logger = createLogger({ level: 'warn', destination: out.destination }).child({ provider: 'jsonl' });
    logger.debug('quiet');
    logger.info({ points: 1 }, 'quiet');
    expect(pinoLoaded()).toBe(false);
    logger.warn('loud');
    expect(pinoLoaded()).toBe(true);
    expect(out.json()).toMatchObject([{ level: 40, provider: 'jsonl', msg: 'loud' }]);
  });

  it('writes one JSON line per call with the child bindings, at or above its level', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', destination: out.destination });
    const child = logger.child({ provider: 'jsonl', configPath: 'sinks[0]' });
    child.debug('not written');
    child.info({ points: 4 }, 'flushed');
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0].endsWith('\n')).toBe(true);
    expect(out.json()[0]).toMatchObject({
      level: 30,
      name: 'driftwatch',
      provider: 'jsonl',
      configPath: 'sinks[0]',
      points: 4,
      msg: 'flushed',
    });
    expect(typeof out.json()[0].time).toBe('string');
  });

  it('redacts known secrets wherever they appear (message, fields, bindings, error stack) and secret-looking keys', () => {
    const out = capture();
    const secret = 'hunter2-"quoted"-s3cr3t';
    const logger = createLogger({ level: 'trace', destination: out.destination, redactor: new Redactor([secret]) });
    const child = logger.child({ provider: 'webhook', url: `https://x.test/?k=${secret}` });
    child.error({ err: new Error(`401 with ${secret}`), apiToken: 'abc123', nested: { note: secret } }, `calling with ${secret}`);
    const line = out.lines[0];
    expect(line).not.toContain('s3cr3t');
    expect(line).not.toContain('abc123');
    const entry = out.json()[0];
    expect(entry.msg).toBe('calling with ***');
    expect(entry.url).toBe('https://x.test/?k=***');
    expect(entry.err.message).toBe('401 with ***');
    expect(entry.err.stack).toContain('401 with ***');
    expect(entry.apiToken).toBe('***');
    expect(entry.nested).toEqual({ note: '***' });
  });
});

describe('logLevelFrom', () => {
  it('takes DRIFTWATCH_LOG_LEVEL, else debug with --verbose, else warn; an unknown level is a usage error', () => {
    expect(logLevelFrom({})).toBe('warn');
    expect(logLevelFrom({}, true)).toBe('debug');
    expect(logLevelFrom({ DRIFTWATCH_LOG_LEVEL: 'Info' }, true)).toBe('info');
    expect(() => logLevelFrom({ DRIFTWATCH_LOG_LEVEL: 'loud' })).toThrow(/known: trace, debug, info, warn, error, fatal, silent/);
  });
});
