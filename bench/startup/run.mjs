#!/usr/bin/env node
// Workload "startup": how long the CLI takes to start, per command, as whole processes.
// Each case runs --runs times (the cases interleaved, so a burst of load hits all of them);
// the report gives the median wall time and the median CPU time (user + system, which a loaded
// machine inflates much less than the wall time), beside `node -e 0` (Node's own start-up, the
// floor) and, with --baseline, another build of the CLI. See bench/README.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measure, median } from '../lib/measure.mjs';
import { shebangCommand } from '../lib/shebang.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const DATA = join(ROOT, 'bench', '.data', 'startup');

/** The issue's targets, wall seconds on this 2-core machine. */
export const TARGETS = { version: 0.15, check: 0.25 };

/**
 * Every command of the CLI, in help order, from the built program's own table (apps/cli/src/buildProgram.ts:
 * with no command named it lists stand-ins, so nothing of the commands loads here).
 */
const programModule = join(ROOT, 'apps', 'cli', 'dist', 'buildProgram.js');
if (!existsSync(programModule)) {
  process.stderr.write(`startup: ${programModule} is missing: build the CLI first (pnpm build)\n`);
  process.exit(1);
}
const { buildProgram } = await import(pathToFileURL(programModule).href);
export const COMMANDS = (await buildProgram(() => {}, [])).commands.map((c) => c.name());

const HELP = `usage: node bench/startup/run.mjs [--runs N] [--cli PATH] [--baseline PATH] [--json PATH] [--every-command]

Times the Driftwatch CLI's start-up per command as whole processes (median of N runs,
default 10, cases interleaved): --version, --help, check --help, check and detect on
small files (100 rows), config validate; beside "node -e 0". --cli PATH: the command's file
(default: the CLI package's bin, apps/cli/dist/main.cjs). --baseline PATH times another
build's main.js too (e.g. one made from an older commit) and prints the ratios. --every-command
adds "<command> --help" for each of the CLI's ${COMMANDS.length} commands (what loading that command's
modules costs).
Targets (issue 17): --version <= ${TARGETS.version} s, check on a small file <= ${TARGETS.check} s.
`;

/** The file an installed `driftwatch` runs: the CLI package's `bin` (dist/main.cjs; dist/main.js imports it). */
function installedCommand() {
  const cli = join(ROOT, 'apps', 'cli');
  return join(cli, JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8')).bin.driftwatch);
}

function parseArgs(argv) {
  const o = {
    runs: 10,
    cli: installedCommand(),
    baseline: null,
    json: join(ROOT, 'bench', '.data', 'startup-latest.json'),
    everyCommand: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') {
      o.runs = Number(next());
      if (!Number.isInteger(o.runs) || o.runs < 1) usage('--runs needs a positive integer');
    } else if (a === '--cli') o.cli = resolve(next());
    else if (a === '--baseline') o.baseline = resolve(next());
    else if (a === '--json') o.json = resolve(next());
    else if (a === '--every-command') o.everyCommand = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(HELP);
      process.exit(0);
    } else usage(`unknown option ${a}`);
  }
  return o;
}

function usage(message) {
  process.stderr.write(`startup: ${message}\n${HELP}`);
  process.exit(2);
}

/** Small inputs: two 100-row CSVs (numeric, integer, categorical), a 100-value stream and a config. */
function writeInputs() {
  mkdirSync(DATA, { recursive: true });
  let reference = 'age,income,channel\n';
  let current = reference;
  let stream = 'x\n';
  const channels = ['web', 'store', 'app'];
  for (let i = 0; i < 100; i++) {
    reference += `${20 + (i % 40)},${30_000 + ((i * 137) % 20_000)},${channels[i % 3]}\n`;
    current += `${25 + (i % 40)},${30_000 + ((i * 131) % 20_000)},${channels[(i + 1) % 3]}\n`;
    stream += `${((i * 7919) % 1000) / 100}\n`;
  }
  writeFileSync(join(DATA, 'reference.csv'), reference);
  writeFileSync(join(DATA, 'current.csv'), current);
  writeFileSync(join(DATA, 'stream.csv'), stream);
  writeFileSync(
    join(DATA, 'driftwatch.yaml'),
    [
      'version: 1',
      'sinks:',
      '  - { type: jsonl, path: ./out/metrics.jsonl }',
      'monitors:',
      '  - name: small',
      '    reference: { type: csv, path: reference.csv }',
      '    current: { type: csv, path: current.csv }',
      '',
    ].join('\n'),
  );
}

/** The commands timed, each a name and the CLI arguments (cwd: the inputs' folder). */
function cases(everyCommand) {
  const help = everyCommand ? COMMANDS.filter((c) => c !== 'check').map((c) => ({ name: `${c} --help`, args: [c, '--help'] })) : [];
  return [
    { name: '--version', args: ['--version'], target: TARGETS.version },
    { name: '--help', args: ['--help'] },
    { name: 'check --help', args: ['check', '--help'] },
    { name: 'check (100 rows)', args: ['check', '--reference', 'reference.csv', '--current', 'current.csv'], target: TARGETS.check },
    { name: 'detect (100 values)', args: ['detect', '--detector', 'adwin', '--input', 'stream.csv', '--column', 'x'] },
    { name: 'config validate', args: ['config', 'validate', '--config', 'driftwatch.yaml'] },
    ...help,
  ];
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  for (const cli of [opts.cli, opts.baseline].filter(Boolean)) {
    if (!existsSync(cli)) {
      process.stderr.write(`startup: ${cli} is missing: run "pnpm build" first\n`);
      process.exit(1);
    }
  }
  writeInputs();
  const builds = [{ label: 'driftwatch', cli: opts.cli }, ...(opts.baseline ? [{ label: 'baseline', cli: opts.baseline }] : [])];
  const all = [{ name: 'node -e 0', build: 'node', argv: [process.execPath, '-e', '0'], runs: [] }];
  for (const c of cases(opts.everyCommand)) {
    for (const b of builds)
      all.push({
        name: c.name,
        build: b.label,
        target: c.target,
        argv: [process.execPath, ...shebangCommand(b.cli).flags, b.cli, ...c.args],
        env: { ...process.env, ...shebangCommand(b.cli).env },
        runs: [],
      });
  }
  const load = os.loadavg();
  for (let r = 0; r < opts.runs; r++) {
    process.stderr.write(`startup: round ${r + 1}/${opts.runs}\n`);
    for (const c of all) {
      const m = await measure(c.argv, { cwd: DATA, env: c.env });
      if (m.exitCode !== 0) {
        process.stderr.write(`startup: ${c.name} (${c.build}) exited ${m.exitCode}: ${m.stderrTail.trim()}\n`);
        process.exit(1);
      }
      c.runs.push({ wallSeconds: m.wallSeconds, cpuSeconds: m.cpuSeconds, maxRssKiB: m.maxRssKiB });
    }
  }
  const results = all.map((c) => ({
    name: c.name,
    build: c.build,
    target: c.target ?? null,
    wallSeconds: median(c.runs.map((x) => x.wallSeconds)),
    cpuSeconds: median(c.runs.map((x) => x.cpuSeconds)),
    maxRssKiB: median(c.runs.map((x) => x.maxRssKiB)),
    runs: c.runs,
  }));
  const s = (x) => (x === null ? '–' : x.toFixed(3));
  const rows = results
    .filter((r) => r.build !== 'baseline')
    .map((r) => {
      const base = results.find((b) => b.build === 'baseline' && b.name === r.name);
      const verdict = r.target === null ? '' : r.wallSeconds <= r.target ? `PASS (<= ${r.target})` : `MISS (> ${r.target})`;
      return [
        r.name,
        s(r.wallSeconds),
        s(r.cpuSeconds),
        (r.maxRssKiB / 1024).toFixed(0),
        ...(opts.baseline
          ? [base ? s(base.wallSeconds) : '', base ? s(base.cpuSeconds) : '', base ? `${(r.cpuSeconds / base.cpuSeconds).toFixed(2)}x` : '']
          : []),
        verdict,
      ];
    });
  const head = [
    'command',
    'wall s',
    'cpu s',
    'RSS MB',
    ...(opts.baseline ? ['baseline wall s', 'baseline cpu s', 'cpu ratio'] : []),
    'target (wall)',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const out = [
    `startup  ${new Date().toISOString()}  node ${process.version}`,
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model?.trim()}; load avg ${load.map((x) => x.toFixed(2)).join(' ')} at start${load[0] > 0.5 ? ' (busy: compare cpu s, and medians)' : ''}`,
    `median of ${opts.runs} runs per command, interleaved; cli ${opts.cli}${opts.baseline ? `; baseline ${opts.baseline}` : ''}`,
    '',
    line(head),
    ...rows.map(line),
    '',
  ];
  process.stdout.write(out.join('\n'));
  mkdirSync(dirname(opts.json), { recursive: true });
  writeFileSync(
    opts.json,
    `${JSON.stringify({ node: process.version, loadAvgAtStart: load, cli: opts.cli, baseline: opts.baseline, results }, null, 2)}\n`,
  );
  process.stderr.write(`startup: wrote ${opts.json}\n`);
}

await main();
