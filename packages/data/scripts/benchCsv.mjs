#!/usr/bin/env node
// Throughput of the built CSV reader (run `npx tsc -p tsconfig.build.json` first).
//
//   node scripts/benchCsv.mjs FILE.csv [FILE2.csv]
//
// One file: readCsv in-process, 5 runs, best and median MB/s. Two files:
// inferSchemaFromFile on the first, then readFrames on both (two workers).
// Make W1 files with `node bench/w1/generate.mjs --rows 1000000 --out DIR`.
import { statSync } from 'node:fs';
import { inferSchemaFromFile, readCsv, readFrames } from '../dist/index.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node scripts/benchCsv.mjs FILE.csv [FILE2.csv]');
  process.exit(2);
}
const mb = files.reduce((s, f) => s + statSync(f).size, 0) / 1e6;
const times = [];
for (let run = 0; run < 5; run++) {
  const t0 = performance.now();
  if (files.length === 1) await readCsv(files[0]);
  else await readFrames(files, { schema: await inferSchemaFromFile(files[0]) });
  times.push((performance.now() - t0) / 1000);
}
times.sort((a, b) => a - b);
const what = files.length === 1 ? 'readCsv' : `readFrames x${files.length}`;
console.log(
  `${what}: ${mb.toFixed(1)} MB, best ${times[0].toFixed(3)} s (${(mb / times[0]).toFixed(0)} MB/s), median ${times[2].toFixed(3)} s (${(mb / times[2]).toFixed(0)} MB/s), rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
);
