#!/usr/bin/env node
// Calibration workload (issue 19): re-measures part of the published false-alarm table
// (packages/drift/src/calibration/falseAlarmTable.json) with Driftwatch's engine, checks that the counts
// are the committed ones, and measures the same columns with scipy in the same run: every method with a
// scipy counterpart must flag the same columns. Also re-runs the issue's measurement (400 categorical
// columns, 600 vs 600 rows, no drift) with both default sets.
//
//   node bench/calibration/run.mjs [--sizes 50,200] [--ratios 1,10] [--repetitions N] [--python PATH] [--json PATH]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensurePythonEnv } from '../lib/pyenv.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH = resolve(HERE, '..');
const ROOT = resolve(BENCH, '..');
const DATA = join(BENCH, '.data', 'calibration');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'usage: node bench/calibration/run.mjs [--sizes 50,200] [--ratios 1,10] [--repetitions N] [--python PATH] [--json PATH]\n',
  );
  process.exit(0);
}
const sizes = opt('--sizes', '50,200').split(',').map(Number);
const ratios = opt('--ratios', '1,10').split(',').map(Number);
const log = (m) => process.stderr.write(`calibration: ${m}\n`);

const driftPath = join(ROOT, 'packages/drift/dist/index.js');
const corePath = join(ROOT, 'packages/core/dist/index.js');
const drift = await import(pathToFileURL(driftPath).href);
const { Xoshiro128 } = await import(pathToFileURL(corePath).href);
const published = drift.falseAlarmTable;
const repetitions = Number(opt('--repetitions', published.repetitions));
// empirical_mmd (100 permutations of a kernel matrix, no scipy counterpart) costs more than all the other
// methods together at these sizes: it is re-measured at the smallest equal size only.
const others = published.methods.map((m) => m.name).filter((m) => m !== 'empirical_mmd');
const plan = { sizes, ratios, repetitions, seed: published.seed, detection: false, methods: others };
const mmdPlan = {
  sizes: [Math.min(...sizes)],
  ratios: [1],
  repetitions,
  seed: published.seed,
  detection: false,
  methods: ['empirical_mmd'],
};
const cells = drift.planCalibration(plan);
const mmdCells = drift.planCalibration(mmdPlan);

// 1. Driftwatch: measure the cells through the engine (drawing the columns included).
const engine = new drift.ExactDriftEngine();
const t0 = performance.now();
const measured = [];
for (const cell of cells) {
  measured.push(drift.measurePlannedCell(cell, engine));
  log(`driftwatch ${cell.scenario.name} ${cell.reference}/${cell.current} done`);
}
for (const cell of mmdCells) {
  const m = drift.measurePlannedCell(cell, engine);
  const into = measured.find((x) => x.scenario === m.scenario && x.reference === m.reference && x.current === m.current);
  if (into && m.methods.empirical_mmd) into.methods.empirical_mmd = m.methods.empirical_mmd;
}
const driftwatchSeconds = (performance.now() - t0) / 1000;

// The issue's measurement: 400 same-distribution categorical columns (shares .4/.3/.2/.1), 600 vs 600 rows.
const why = {
  scenario: drift.calibrationScenarios.find((s) => s.name === 'categories-4'),
  reference: 600,
  current: 600,
  repetitions: 400,
  seed: 19,
};
const whyResult = drift.measureCalibrationCell(engine, {
  ...why,
  methods: ['chisquare', 'chi2_contingency'],
  defaults: ['calibrated', 'evidently'],
});
// 400 columns are a small sample (one standard error is 1.1 points): the same cell on 40 000 columns.
const whyLarge = drift.measureCalibrationCell(engine, {
  ...why,
  repetitions: 40_000,
  seed: 190,
  methods: [],
  defaults: ['calibrated', 'evidently'],
});

// 2. The committed counts for the same cells (same seeds: they must be identical when repetitions match).
const key = (c) => `${c.scenario.name ?? c.scenario}|${c.shift ?? null}|${c.reference}|${c.current}`;
const committed = new Map(published.cells.map((c) => [key(c), c]));
const tableDiffs = [];
if (repetitions === published.repetitions) {
  for (const m of measured) {
    const c = committed.get(key(m));
    if (!c) {
      tableDiffs.push(`${key(m)}: not in the committed table`);
      continue;
    }
    for (const [method, count] of Object.entries(m.methods)) {
      const was = c.methods[method];
      if (!was || was[0] !== count[0] || was[1] !== count[1]) tableDiffs.push(`${key(m)} ${method}: ${count} now, ${was} committed`);
    }
    for (const set of ['calibrated', 'evidently']) {
      if (m.defaults[set].alarms !== c.defaults[set].alarms) {
        tableDiffs.push(`${key(m)} defaults ${set}: ${m.defaults[set].alarms} now, ${c.defaults[set].alarms} committed`);
      }
    }
  }
}

// 3. The same columns for scipy: regenerate each cell's stream (as measureCalibrationCell draws it) into a file.
mkdirSync(DATA, { recursive: true });
const manifest = { cells: [] };
const dump = (name, scenario, reference, current, reps, seed, methods) => {
  const rng = new Xoshiro128(seed);
  const numeric = scenario.kind === 'numeric';
  const all = numeric ? new Float64Array(reps * (reference + current)) : new Int32Array(reps * (reference + current));
  for (let r = 0; r < reps; r++) {
    const base = r * (reference + current);
    scenario.fill(all.subarray(base, base + reference), rng);
    scenario.fill(all.subarray(base + reference, base + reference + current), rng);
  }
  const file = join(DATA, `${name}.bin`);
  writeFileSync(file, new Uint8Array(all.buffer));
  manifest.cells.push({ key: name, file, kind: scenario.kind, reference, current, repetitions: reps, methods });
};
for (const cell of cells) {
  dump(key(cell).replaceAll('|', '_'), cell.scenario, cell.reference, cell.current, cell.repetitions, cell.seed, cell.methods);
}
dump('why', why.scenario, why.reference, why.current, why.repetitions, why.seed, ['chisquare', 'chi2_contingency']);
const manifestPath = join(DATA, 'manifest.json');
writeFileSync(manifestPath, JSON.stringify(manifest));

const python = opt('--python', null) ?? ensurePythonEnv({ benchDir: BENCH, log }).python;
log(`scipy side: ${python} bench/calibration/peer.py`);
const t1 = performance.now();
const peer = spawnSync(python, [join(HERE, 'peer.py'), manifestPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const peerWall = (performance.now() - t1) / 1000;
if (peer.status !== 0) {
  log(`scipy side failed:\n${peer.stderr}`);
  process.exit(1);
}
const scipy = JSON.parse(peer.stdout);
const scipyByKey = new Map(scipy.cells.map((c) => [c.key, c]));

// 4. Agreement: per cell and method, the columns flagged by each side.
const rows = [];
let worst = 0;
for (const m of measured) {
  const theirs = scipyByKey.get(key(m).replaceAll('|', '_'));
  for (const [method, [alarms, tested]] of Object.entries(m.methods)) {
    const other = theirs?.methods[method];
    if (!other) continue;
    const diff = Math.abs(alarms - other[0]) + Math.abs(tested - other[1]);
    worst = Math.max(worst, diff);
    rows.push({ scenario: m.scenario, sizes: `${m.reference}/${m.current}`, method, driftwatch: [alarms, tested], scipy: other, diff });
  }
}
const whyScipy = scipyByKey.get('why').methods;
const pct = (a, t) => `${((100 * a) / t).toFixed(1)}%`;
const disagreements = rows.filter((r) => r.diff > 0);

const lines = [];
lines.push(
  '',
  `Calibration (issue 19): ${cells.length} cells (sizes ${sizes.join(', ')} x ratios ${ratios.join(', ')}, every scenario, no drift), ${repetitions} columns each; ${os.cpus().length} cores`,
  `  driftwatch: ${driftwatchSeconds.toFixed(1)} s (drawing the columns and every method through the engine, both default sets)`,
  `  scipy ${scipy.scipy}: ${scipy.seconds.toFixed(1)} s in the tests (${peerWall.toFixed(1)} s with reading; methods with a scipy counterpart only)`,
  `  committed table: ${repetitions !== published.repetitions ? `not compared (--repetitions ${repetitions} differs from the table's ${published.repetitions})` : tableDiffs.length === 0 ? 'every count identical' : `${tableDiffs.length} DIFFER`}`,
  `  scipy agreement: ${rows.length} cell x method pairs, ${disagreements.length === 0 ? 'every column flagged alike' : `${disagreements.length} differ (largest: ${worst} columns)`}`,
  '',
  `  The issue's measurement, 400 columns, 4 categories (.4/.3/.2/.1), 600 vs 600 rows, no drift (α = 0.05, α + 2 SE = ${pct(400 * (0.05 + 2 * Math.sqrt(0.0475 / 400)), 400)}):`,
  `    defaults calibrated (chi2_contingency): ${whyResult.defaults.calibrated.alarms}/400 = ${pct(whyResult.defaults.calibrated.alarms, 400)}; scipy chi2_contingency ${whyScipy.chi2_contingency[0]}/400`,
  `    defaults evidently (chisquare):         ${whyResult.defaults.evidently.alarms}/400 = ${pct(whyResult.defaults.evidently.alarms, 400)}; scipy chisquare ${whyScipy.chisquare[0]}/400`,
  `    the same cell on 40 000 columns: calibrated ${pct(whyLarge.defaults.calibrated.alarms, 40_000)}, evidently ${pct(whyLarge.defaults.evidently.alarms, 40_000)}`,
  '',
  '  false-alarm rate per cell, driftwatch / scipy (tests at their default thresholds):',
);
const byCell = new Map();
for (const r of rows) {
  const k = `${r.scenario} ${r.sizes}`;
  if (!byCell.has(k)) byCell.set(k, []);
  byCell.get(k).push(r);
}
for (const [k, rs] of byCell) {
  lines.push(
    `    ${k.padEnd(24)} ${rs.map((r) => `${r.method} ${pct(...r.driftwatch)}${r.diff ? ` / ${pct(...r.scipy)} DIFFERS` : ''}`).join('  ')}`,
  );
}
for (const d of tableDiffs.slice(0, 20)) lines.push(`  table: ${d}`);
process.stdout.write(`${lines.join('\n')}\n`);

const json = resolve(opt('--json', join(BENCH, '.data', 'calibration-latest.json')));
writeFileSync(
  json,
  `${JSON.stringify({ startedAt: new Date().toISOString(), plan, driftwatchSeconds, scipy: { version: scipy.scipy, seconds: scipy.seconds, wall: peerWall }, why: { driftwatch: whyResult, scipy: whyScipy, large: whyLarge.defaults }, tableDiffs, rows }, null, 2)}\n`,
);
log(`wrote ${json}`);
process.exitCode = tableDiffs.length > 0 || disagreements.length > 0 ? 1 : 0;
