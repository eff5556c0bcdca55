import { type SpawnOptions, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository's root folder. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The built command the end-to-end tests run in a real process. */
export const main = join(root, 'apps/cli/dist/main.js');

const coreDir = join(root, 'packages/core');
/**
 * URLs a plugin file written to a temporary folder imports the workspace's core and zod by (such a
 * folder has no node_modules).
 */
export const coreUrl = pathToFileURL(join(coreDir, 'dist/index.js')).href;
export const zodUrl = pathToFileURL(createRequire(join(coreDir, 'package.json')).resolve('zod')).href;

/** The node flags of the CLI's `#!/usr/bin/env -S node …` line: run as an installed `driftwatch` runs (V8 flags included). */
export function shebangFlags(): string[] {
  const first = readFileSync(main, 'utf8').split('\n', 1)[0] ?? '';
  return first
    .replace(/^#!.*?\bnode\b/, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/** Throws, saying what to do, when the command has not been built. */
export function requireBuiltCli(): void {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
}

/**
 * Writes `reference.csv` and `current.csv` (`age,income`, `rows` rows each) to `dir`; the current
 * side's ages are shifted by `ageShift` (15 makes `age` drift, 0 makes both sides equal).
 */
export function writeAgeIncome(dir: string, rows: number, ageShift: number): void {
  let reference = 'age,income\n';
  let current = reference;
  for (let i = 0; i < rows; i++) {
    reference += `${20 + (i % 40)},${30_000 + ((i * 137) % 20_000)}\n`;
    current += `${20 + ageShift + (i % 40)},${30_000 + ((i * 137) % 20_000)}\n`;
  }
  writeFileSync(join(dir, 'reference.csv'), reference);
  writeFileSync(join(dir, 'current.csv'), current);
}

/** What {@link spawnCollected} gives: the exit status and the whole of stdout and stderr. */
export interface Collected {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command` without blocking this process's event loop (so a server the test runs here can
 * answer meanwhile) and resolves, once it has exited, to its status and output; rejects when it
 * cannot be started.
 */
export function spawnCollected(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<Collected> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    child.on('error', fail);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c) => {
      stdout += c;
    });
    child.stderr?.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}
