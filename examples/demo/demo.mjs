#!/usr/bin/env node
// The closed loop, offline, on the embedded defaults (the SQLite store, a folder registry, a
// champion pointer): a churn model's inputs drift over 8 production weeks, Driftwatch finds
// the drift and the quality drop, retrains with a local command, gates the challenger against
// the champion and promotes it.
//
//   node examples/demo/demo.mjs [OUT_DIR]      (default: demo-out/ in the repository)
//
// Deterministic: the data come from a seeded generator and the model is fitted by
// Newton's method, so two runs print the same figures (ids and times differ).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCsv, parseCsv, writeFileAtomic } from '../retraining/csv.mjs';
import { demoRowsToCsv, generateDemoData } from '../retraining/demoData.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const out = resolve(process.argv[2] ?? join(root, 'demo-out'));
const cli = join(root, 'apps/cli/dist/main.js');
const started = performance.now();
const show = (p) => {
  const r = relative(process.cwd(), p);
  return r.startsWith('..') ? p : r;
};
const say = (text = '') => process.stdout.write(`${text}\n`);
const env = { ...process.env, DRIFTWATCH_EXAMPLES: join(root, 'examples'), DRIFTWATCH_NODE: process.execPath, NO_COLOR: '1' };

if (!existsSync(cli)) {
  process.stderr.write(`demo: ${show(cli)} is missing; build first (pnpm build), or run "pnpm demo"\n`);
  process.exit(2);
}

/** Runs the driftwatch CLI in the demo folder; returns its parsed JSON output. */
function driftwatch(args, { allow = [0], config = true } = {}) {
  const argv = [cli, ...args, ...(config ? ['--config', 'driftwatch.yaml'] : [])];
  const r = spawnSync(process.execPath, argv, { cwd: out, env, encoding: 'utf8' });
  if (!allow.includes(r.status)) {
    process.stderr.write(`demo: driftwatch ${args.join(' ')} exited ${r.status}\n${r.stderr}${r.stdout}`);
    process.exit(3);
  }
  return args.includes('json') ? JSON.parse(r.stdout) : r.stdout;
}

/** Scores CSV rows with the model that serves now (the deployer's pointer), as production traffic would be. */
function serve(rows, header, file) {
  const pointer = JSON.parse(readFileSync(join(out, '.driftwatch/serving/churn.json'), 'utf8'));
  const input = join(out, 'data', '.to-score.csv');
  const predictions = join(out, 'data', '.scored.csv');
  writeFileAtomic(input, formatCsv(header, rows));
  const r = spawnSync(process.execPath, [join(root, 'examples/retraining/predict.mjs')], {
    env: { ...env, DRIFTWATCH_MODEL_DIR: pointer.artifactUri, DRIFTWATCH_INPUT: input, DRIFTWATCH_PREDICTIONS: predictions },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    process.stderr.write(`demo: scoring failed: ${r.stderr}`);
    process.exit(3);
  }
  const scored = parseCsv(readFileSync(predictions, 'utf8'), predictions);
  const p = scored.header.indexOf('prediction');
  const q = scored.header.indexOf('proba');
  writeFileAtomic(
    file,
    formatCsv(
      [...header, 'prediction', 'proba'],
      rows.map((row, i) => [...row, scored.rows[i][p], scored.rows[i][q]]),
    ),
  );
  rmSync(input, { force: true });
  rmSync(predictions, { force: true });
  return pointer.version;
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const f4 = (x) => (x === null || x === undefined ? '—' : x.toFixed(4));
const thousands = (n) => n.toLocaleString('en-US');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'data'), { recursive: true });
mkdirSync(join(out, 'out'), { recursive: true });
// The copy names the example commands by absolute path, so the CLI works in it without the demo's environment.
writeFileAtomic(
  join(out, 'driftwatch.yaml'),
  readFileSync(join(here, 'driftwatch.yaml'), 'utf8').replaceAll(`\${DRIFTWATCH_EXAMPLES}`, join(root, 'examples')),
);

say(`Driftwatch closed-loop demo → ${show(out)}/`);
say();

// 16 weeks of a churn model's traffic: 8 before it was deployed, 8 in production.
const data = generateDemoData({ laterWeeks: 2 });
const parse = (rows) => parseCsv(demoRowsToCsv(rows), 'generated');
const history = parse(data.reference);
const production = parse(data.production);
const header = history.header;
// Weeks 1–6 are the first model's history; weeks 7–8 its fresh data (and holdout).
const cut = history.rows.findIndex((row) => row[header.indexOf('event_at')] >= '2026-02-16');
writeFileAtomic(join(out, 'data/reference.csv'), formatCsv(header, history.rows.slice(0, cut)));
writeFileAtomic(join(out, 'data/current.csv'), formatCsv(header, history.rows.slice(cut)));

say('1. The first model');
say(`   ${thousands(cut)} labelled rows from 6 weeks of history, ${thousands(history.rows.length - cut)} more from weeks 7–8.`);
say('   $ driftwatch retrain churn --reason "first model"');
const first = driftwatch(['retrain', 'churn', '--reason', 'first model', '--format', 'json']);
const a1 = first.attempt;
if (a1?.state !== 'deployed') {
  process.stderr.write(`demo: the first model was not deployed: ${JSON.stringify(a1?.error ?? first.error ?? first.decision)}\n`);
  process.exit(3);
}
say(`   v${a1.challenger} trained by examples/retraining/train.mjs on ${thousands(a1.data.trainRows)} rows; no champion to beat,`);
say(
  `   so only the floors decide: ${a1.gate.floors.map((f) => `${f.metric} ${f4(f.value)} ≥ ${f.bound}`).join(', ')} → deployed (F1 ${f4(a1.gate.challenger)} on the ${a1.data.holdoutRows}-row holdout).`,
);
say();

// v1 serves: it scores the 8 history weeks (the monitor's reference) and 8 production weeks; labels arrive.
serve(history.rows, header, join(out, 'data/reference.csv'));
const servedBy = serve(production.rows, header, join(out, 'data/current.csv'));
say(`2. v${servedBy} serves 8 weeks of production traffic (${thousands(production.rows.length)} rows); the labels arrive.`);
say();

say('3. Monitoring');
say('   $ driftwatch run');
const run = driftwatch(['run', '--format', 'json'], { allow: [0, 1] });
const drifted = run.drift.columns.filter((c) => c.drifted);
say(
  `   drift: ${drifted.length} of ${run.drift.columns.length} columns drifted (${drifted.map((c) => c.column).join(', ')}); dataset ${run.drift.dataset.drifted ? 'drifted' : 'stable'} (share ${pct(run.drift.dataset.share)}).`,
);
const f1 = run.performance.series.find((s) => s.metric === 'f1');
const acc = run.performance.series.find((s) => s.metric === 'accuracy');
const weeks = f1.points.map((p) => p.chunk);
const alerted = [...new Set(run.performance.alerts.map((a) => a.chunk))];
say(`   quality by week (${weeks[0]} … ${weeks[weeks.length - 1]}):`);
say(`     accuracy ${acc.points.map((p) => f4(p.value).slice(1)).join(' ')}`);
say(`     F1       ${f1.points.map((p) => f4(p.value).slice(1)).join(' ')}`);
say(`   ${run.performance.alerts.length} quality alerts in ${alerted.length} weeks (${alerted.join(', ') || 'none'}).`);
const outcome = run.retraining;
const a2 = outcome?.attempt;
say();
say('4. Retraining');
if (!a2) {
  process.stderr.write(`demo: the run did not retrain: ${JSON.stringify(outcome)}\n`);
  process.exit(3);
}
say(`   triggered: ${a2.trigger.reasons.join('; ')}.`);
say(
  `   v${a2.challenger} trained on ${thousands(a2.data.trainRows)} rows (the rows v1 was validated on + labelled production); both models scored on the latest ${a2.data.holdoutRows} rows:`,
);
const g = a2.gate;
const ch = a2.scores.champion.metrics;
const cl = a2.scores.challenger.metrics;
for (const m of Object.keys(cl)) say(`     ${m.padEnd(9)} v${a2.champion} ${f4(ch[m])}   v${a2.challenger} ${f4(cl[m])}`);
if (g.bootstrap)
  say(
    `   gate: F1 gain ${g.gain >= 0 ? '+' : ''}${f4(g.gain)} ≥ ${g.minGain ?? 0}; paired bootstrap 95% CI [${f4(g.bootstrap.lower)}, ${f4(g.bootstrap.upper)}], p = ${g.bootstrap.pValue.toFixed(3)} → ${g.passed ? 'passed' : 'rejected'}.`,
  );
if (!g.passed) say(`   the gate said no: ${g.reasons.join('; ')}`);
say(
  `   result: ${a2.state}${a2.postDeploy ? ` (post-deploy check ${a2.postDeploy.passed ? 'passed' : 'failed'})` : ''}; states ${a2.transitions.map((t) => t.to).join(' → ')}.`,
);
say();

// The per-week quality report of v1's production weeks.
driftwatch(
  [
    'metrics',
    '--reference',
    'data/reference.csv',
    '--data',
    'data/current.csv',
    '--target',
    'churned',
    '--prediction',
    'prediction',
    '--proba',
    'proba',
    '--metrics',
    'accuracy,f1,roc_auc',
    '--max-drop',
    '0.05',
    '--period',
    'week',
    '--timestamp',
    'event_at',
    '--format',
    'html',
    '--output',
    'out/report.html',
  ],
  { config: false },
);
// v2 serves the next two weeks; the monitor's reference is now the data v2 was validated on (it
// follows the champion), so the next run compares v2's own traffic against v2's own data.
const later = parse(data.later);
const nextServedBy = serve(later.rows, header, join(out, 'data/current.csv'));
say(`5. v${nextServedBy} serves the next 2 weeks (${thousands(later.rows.length)} rows); their labels arrive.`);
say('   $ driftwatch run');
const next = driftwatch(['run', '--format', 'json'], { allow: [0, 1] });
say(
  `   reference: the ${thousands(next.drift.reference.rows)} rows v${nextServedBy} was validated on, with its predictions (reference: { from: champion }).`,
);
say(
  `   drift: ${next.drift.columns.filter((c) => c.drifted).length} of ${next.drift.columns.length} columns drifted; dataset ${next.drift.dataset.drifted ? 'drifted' : 'stable'} (share ${pct(next.drift.dataset.share)}); ${next.performance.alerts.length} quality alerts.`,
);
const nextDecision = next.retraining.decision;
say(
  nextDecision.trigger
    ? `   triggered (${nextDecision.trigger.reasons.join('; ')})${nextDecision.retrain ? '' : `, held back: ${nextDecision.blockedBy.join('; ')}`}.`
    : '   no trigger fired: v2 serves the data it was validated on.',
);
if (next.retraining.attempt) {
  process.stderr.write(`demo: the run after the deployment retrained again: ${JSON.stringify(nextDecision)}\n`);
  process.exit(3);
}
say();

const models = driftwatch(['models', 'list', 'churn', '--format', 'json']);
// The store is the default one (SQLite): read through the CLI, as any project would.
const recorded = driftwatch(['history', '--format', 'json']);
const points = readFileSync(join(out, 'out/metrics.jsonl'), 'utf8').trim().split('\n').length;
const size = (p) => `${thousands(statSync(join(out, p)).size)} bytes`;

say('6. What it wrote');
const list = [
  ['driftwatch.yaml', 'the config (monitor, policy, gate, providers)'],
  ['out/metrics.jsonl', `${thousands(points)} metric points (drift, weekly quality)`],
  ['out/report.html', `weekly quality report of v${servedBy} (${size('out/report.html')}, open it in a browser)`],
  [`.driftwatch/models/churn/`, `registry: ${models.versions.map((v) => `v${v.version} ${v.status}`).join(', ')}`],
  [
    '.driftwatch/serving/churn.json',
    `what serves: v${JSON.parse(readFileSync(join(out, '.driftwatch/serving/churn.json'), 'utf8')).version}`,
  ],
  [
    '.driftwatch/driftwatch.db',
    `the store (SQLite): ${recorded.runs.length} monitor runs, ${recorded.attempts.length} retraining attempts, every transition`,
  ],
  [`.driftwatch/retraining/${a2.id}/`, 'the attempt’s training set and holdout'],
];
for (const [p, what] of list) say(`   ${show(join(out, p)).padEnd(Math.max(...list.map(([q]) => show(join(out, q)).length)))}  ${what}`);
say();
say(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s. Explore:`);
const rel = show(join(out, 'driftwatch.yaml'));
say(`   node apps/cli/dist/main.js history --config ${rel}`);
say(`   node apps/cli/dist/main.js models list churn --config ${rel}`);
say(`   node apps/cli/dist/main.js models rollback churn --config ${rel}`);
