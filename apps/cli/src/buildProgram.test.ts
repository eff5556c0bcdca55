import { describe, expect, it } from 'vitest';
import { buildProgram } from './buildProgram.js';

const names = async (argv: string[]) => (await buildProgram(() => {}, argv)).commands.map((c) => c.name());

const all = [
  'check',
  'metrics',
  'estimate',
  'detect',
  'init',
  'config',
  'plugins',
  'run',
  'retrain',
  'models',
  'history',
  'alarms',
  'sinks',
  'serve',
  'worker',
  'store',
  'tokens',
  'eval',
  'bedrock',
  'baseline',
  'import',
];

describe('buildProgram', () => {
  it('loads only the command the command line names, after the global flags too', async () => {
    expect(await names(['check', '--reference', 'a.csv', '--current', 'b.csv'])).toEqual(['check']);
    expect(await names(['-v', 'detect', '--help'])).toEqual(['detect']);
    expect(await names(['config', 'validate'])).toEqual(['config']);
  });

  it('loads none for a bare --version and every one for help, help <command> and an unknown name', async () => {
    expect(await names(['--version'])).toEqual([]);
    expect(await names(['-V', '-v'])).toEqual([]);
    expect(await names([])).toEqual(all);
    expect(await names(['--help'])).toEqual(all);
    expect(await names(['--version', '--help'])).toEqual(all);
    expect(await names(['help', 'check'])).toEqual(all);
    expect(await names(['chek'])).toEqual(all);
  });
});
