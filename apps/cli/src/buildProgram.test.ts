import { Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './buildProgram.js';

const names = async (argv: string[]) => (await buildProgram(() => {}, argv)).commands.map((c) => c.name());
/** Whether the program `argv` makes has each command's own module (not a stand-in that only shows in the help). */
const loaded = async (argv: string[]) =>
  (await buildProgram(() => {}, argv)).commands.map((c) => c.options.length > 0 || c.commands.length > 0);

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

  it('loads none for a bare --version, and the command `help <command>` names', async () => {
    expect(await names(['--version'])).toEqual([]);
    expect(await names(['-V', '-v'])).toEqual([]);
    expect(await names(['help', 'check'])).toEqual(['check']);
    expect(await names(['-v', 'help', 'config'])).toEqual(['config']);
  });

  it('lists stand-ins of every command for help and an unknown name, and loads every one when a name is elsewhere', async () => {
    for (const argv of [[], ['--help'], ['--version', '--help'], ['help'], ['help', 'chek'], ['chek']]) {
      expect(await names(argv)).toEqual(all);
      expect(await loaded(argv)).toEqual(all.map(() => false));
    }
    expect(await names(['--', 'check'])).toEqual(all);
    expect(await names(['help', '-v', 'check'])).toEqual(all);
    expect(await loaded(['--', 'check'])).toEqual(all.map(() => true));
  });

  it("lists each command in the program's help as its own module defines it (term and summary)", async () => {
    const help = new Help();
    const program = await buildProgram(() => {}, ['--help']);
    const listed = program.createHelp();
    for (const standIn of program.commands) {
      const [real] = (await buildProgram(() => {}, [standIn.name()])).commands;
      if (real === undefined) throw new Error(`${standIn.name()} was not loaded`);
      expect(listed.subcommandTerm(standIn)).toBe(help.subcommandTerm(real));
      expect(listed.subcommandDescription(standIn)).toBe(help.subcommandDescription(real));
      expect(real.summary()).not.toBe('');
    }
  });
});
