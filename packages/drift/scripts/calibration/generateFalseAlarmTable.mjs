#!/usr/bin/env node
// Writes packages/drift/src/calibration/falseAlarmTable.json (and CALIBRATION.md beside the package's
// README) by measuring every drift method through Driftwatch's own engine on seeded same-distribution
// and shifted samples. Needs a build of @driftwatch/drift (pnpm build).
//
//   node packages/drift/scripts/calibration/generateFalseAlarmTable.mjs [--workers N] [--repetitions N]
//        [--sizes 50,200] [--ratios 1,10] [--scenarios normal,categories-4] [--out FILE] [--markdown FILE]
//   node packages/drift/scripts/calibration/generateFalseAlarmTable.mjs --markdown-only   (re-renders the markdown)
//   node packages/drift/scripts/calibration/generateFalseAlarmTable.mjs --merge [--methods tvd,empirical_mmd]
//        [--scenarios rounded] [--workers N]
//        (re-measures the given methods, with both default sets, or whole cells of the given scenarios, and
//        keeps the table's other counts: a method's count depends only on the cell's columns, which depend
//        only on the seed and the cell's key)
//
// Each cell's stream depends only on the base seed and the cell's key, so the table regenerates count for
// count, and any subset of the grid reproduces its cells' counts (the bench's calibration workload relies on it).
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE = resolve(HERE, '..', '..');
const ROOT = resolve(PACKAGE, '..', '..');
const drift = await import(pathToFileURL(join(PACKAGE, 'dist', 'index.js')).href);

if (!isMainThread) {
  const { plan } = workerData;
  const cells = drift.planCalibration(plan);
  const engine = new drift.ExactDriftEngine();
  parentPort.on('message', (index) => {
    if (index < 0) process.exit(0);
    const t0 = performance.now();
    const cell = drift.measurePlannedCell(cells[index], engine);
    parentPort.postMessage({ index, cell, seconds: (performance.now() - t0) / 1000 });
  });
} else {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args[i + 1];
  };
  const list = (name, f = (x) => x) => opt(name)?.split(',').map(f);
  const out = resolve(opt('--out') ?? join(PACKAGE, 'src', 'calibration', 'falseAlarmTable.json'));
  const markdown = resolve(opt('--markdown') ?? join(PACKAGE, 'CALIBRATION.md'));
  if (args.includes('--markdown-only')) {
    const table = JSON.parse(readFileSync(out, 'utf8'));
    writeFileSync(markdown, drift.calibrationMarkdown(table));
    process.stderr.write(`wrote ${relative(process.cwd(), markdown)}\n`);
  } else {
    const plan = {
      ...(opt('--repetitions') ? { repetitions: Number(opt('--repetitions')) } : {}),
      ...(list('--sizes', Number) ? { sizes: list('--sizes', Number) } : {}),
      ...(list('--ratios', Number) ? { ratios: list('--ratios', Number) } : {}),
      ...(list('--scenarios') ? { scenarios: list('--scenarios') } : {}),
      ...(list('--methods') ? { methods: list('--methods') } : {}),
    };
    const merge = args.includes('--merge') ? JSON.parse(readFileSync(out, 'utf8')) : null;
    if (merge && (plan.sizes || plan.ratios || plan.repetitions)) {
      throw new Error('--merge keeps the published grid: leave out --sizes, --ratios and --repetitions');
    }
    const cells = drift.planCalibration(plan);
    const workers = Math.max(1, Math.min(Number(opt('--workers') ?? 1), os.cpus().length, cells.length));
    // Largest cells first, handed to whichever worker is free.
    const order = cells.map((_, i) => i).sort((a, b) => cells[b].reference + cells[b].current - (cells[a].reference + cells[a].current));
    const measured = new Array(cells.length);
    const t0 = performance.now();
    let next = 0;
    let done = 0;
    await new Promise((resolveAll, reject) => {
      for (let w = 0; w < workers; w++) {
        const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { plan } });
        worker.on('error', reject);
        worker.on('message', ({ index, cell, seconds }) => {
          measured[index] = cell;
          done++;
          const c = cells[index];
          process.stderr.write(
            `[${done}/${cells.length}] ${c.scenario.name}${c.shift ? ` +${c.shift}` : ''} ${c.reference}/${c.current}: ${seconds.toFixed(1)} s\n`,
          );
          if (next < order.length) worker.postMessage(order[next++]);
          else worker.postMessage(-1);
          if (done === cells.length) resolveAll();
        });
        if (next < order.length) worker.postMessage(order[next++]);
      }
    });
    const generator = relative(ROOT, fileURLToPath(import.meta.url));
    let cellsOut = measured;
    if (merge) {
      const key = (c) => `${c.scenario.name ?? c.scenario}|${c.shift}|${c.reference}|${c.current}`;
      const fresh = new Map(measured.map((c) => [key(c), c]));
      const old = new Map(merge.cells.map((c) => [key(c), c]));
      // Every cell of the published grid, in plan order: the new measurement (whole, or its methods and
      // defaults over the old cell's other methods), else the old cell.
      cellsOut = drift.planCalibration({}).map((cell) => {
        const k = key(cell);
        const now = fresh.get(k);
        const was = old.get(k);
        if (now && was && plan.methods) return { ...was, methods: { ...was.methods, ...now.methods }, defaults: now.defaults };
        if (now || was) return now ?? was;
        throw new Error(`--merge: ${k} is neither in the table nor measured now`);
      });
    }
    const { methods: _measuredMethods, ...rest } = plan;
    const gridPlan = merge ? {} : rest;
    const table = drift.assembleCalibrationTable(gridPlan, cellsOut, generator);
    writeFileSync(out, `${JSON.stringify(table)}\n`);
    writeFileSync(markdown, drift.calibrationMarkdown(table));
    process.stderr.write(
      `wrote ${relative(process.cwd(), out)} and ${relative(process.cwd(), markdown)} in ${((performance.now() - t0) / 1000).toFixed(0)} s (${workers} worker(s))\n`,
    );
  }
}
