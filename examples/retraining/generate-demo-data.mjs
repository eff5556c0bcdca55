#!/usr/bin/env node
// Writes the retraining demo's data set: <outDir>/reference.csv (8 weeks from Monday
// 2026-01-05) and <outDir>/production.csv (the next 8 weeks, drifting from its week 3 on).
// Deterministic: the same seed always gives the same bytes. Usage:
//   node examples/retraining/generate-demo-data.mjs <outDir> [--seed <int>]
import { join } from 'node:path';
import { InputError, runScript } from './cli.mjs';
import { writeFileAtomic } from './csv.mjs';
import { DEMO_SEED, demoRowsToCsv, generateDemoData } from './demoData.mjs';

const USAGE = 'usage: generate-demo-data.mjs <outDir> [--seed <int>]';

runScript('generate-demo-data', () => {
  const args = process.argv.slice(2);
  let outDir;
  let seed = DEMO_SEED;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--seed') {
      const raw = args[++i];
      seed = Number(raw);
      if (raw === undefined || raw.trim() === '' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
        throw new InputError(`--seed: "${raw ?? ''}" is not an integer in [0, 4294967295] (${USAGE})`);
      }
    } else if (outDir === undefined && !args[i].startsWith('--')) {
      outDir = args[i];
    } else {
      throw new InputError(`unexpected argument "${args[i]}" (${USAGE})`);
    }
  }
  if (outDir === undefined) throw new InputError(`missing <outDir> (${USAGE})`);
  const { reference, production } = generateDemoData({ seed });
  writeFileAtomic(join(outDir, 'reference.csv'), demoRowsToCsv(reference));
  writeFileAtomic(join(outDir, 'production.csv'), demoRowsToCsv(production));
  const rate = (rows) => ((100 * rows.reduce((s, r) => s + r.churned, 0)) / rows.length).toFixed(1);
  process.stdout.write(
    `wrote ${join(outDir, 'reference.csv')} (${reference.length} rows, ${rate(reference)} % churned) and ` +
      `${join(outDir, 'production.csv')} (${production.length} rows, ${rate(production)} % churned), seed ${seed}\n`,
  );
});
