import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PolicyDecision } from '@driftwatch/core';
import { InMemoryRunStore } from '@driftwatch/core/testing';
import { readCsv } from '@driftwatch/data';
import { RetrainingOrchestrator, retrainingConfigSchema } from '@driftwatch/retraining';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChampionPointerDeployer } from './deploy/ChampionPointerDeployer.js';
import { CommandEvaluator } from './evaluation/CommandEvaluator.js';
import { FolderModelRegistry } from './registry/FolderModelRegistry.js';
import { CommandTrainingProvider } from './training/CommandTrainingProvider.js';

// The closed loop on the local providers, real commands and files: what the trainer is handed,
// what a failed deployment leaves behind, what an evaluator gets as its model.
const node = process.execPath;
const MODEL = 'churn';

/** A trainer that keeps a copy of every file it is handed (and its environment) in its output folder. */
const trainer = `
const fs = require('node:fs');
const path = require('node:path');
const out = process.env.DRIFTWATCH_OUTPUT_DIR;
const handed = Object.entries(process.env).filter(([k, v]) => k.startsWith('DRIFTWATCH_') && v && fs.existsSync(v) && fs.statSync(v).isFile());
for (const [k, v] of handed) fs.copyFileSync(v, path.join(out, k + '.csv'));
fs.writeFileSync(path.join(out, 'env.json'), JSON.stringify(process.env));
`;

/** An evaluator that predicts the label it is not supposed to read (a perfect model), and lists its model folder. */
const evaluator = `
const fs = require('node:fs');
const path = require('node:path');
const lines = fs.readFileSync(process.env.DRIFTWATCH_INPUT, 'utf8').trim().split('\\n');
const target = lines[0].split(',').indexOf(process.env.DRIFTWATCH_TARGET);
const out = ['prediction', ...lines.slice(1).map((l) => l.split(',')[target])];
fs.writeFileSync(process.env.DRIFTWATCH_PREDICTIONS, out.join('\\n') + '\\n');
const dir = process.env.DRIFTWATCH_MODEL_DIR;
fs.appendFileSync(process.env.LISTING, JSON.stringify({ version: process.env.DRIFTWATCH_MODEL_VERSION, dir, uri: process.env.DRIFTWATCH_MODEL_URI, files: fs.readdirSync(dir).sort() }) + '\\n');
`;

/** `rows` customers: row id, a feature, a label (every third churned). */
function customers(rows: number, first: number): string {
  const lines = ['row,tenure,churned'];
  for (let i = 0; i < rows; i++) lines.push(`${first + i},${(i * 1.5).toFixed(1)},${i % 3 === 0 ? 'yes' : 'no'}`);
  return `${lines.join('\n')}\n`;
}

const decision = (run: string): PolicyDecision & { retrain: true } => ({
  retrain: true,
  trigger: { kinds: ['drift'], reasons: [`dataset drifted in run ${run}`], runId: run },
  blockedBy: [],
  key: `${MODEL}-${run}`,
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-local-loop-'));
  await writeFile(join(dir, 'reference.csv'), customers(30, 1000));
  await writeFile(join(dir, 'current.csv'), customers(40, 2000));
  await writeFile(join(dir, 'train.js'), trainer);
  await writeFile(join(dir, 'predict.js'), evaluator);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function loop(options: { readonly data?: object; readonly hook?: string[] } = {}) {
  const store = new InMemoryRunStore();
  const registry = new FolderModelRegistry(join(dir, 'models'));
  const deployer = new ChampionPointerDeployer({ path: join(dir, 'serving'), cwd: dir, ...(options.hook ? { hook: options.hook } : {}) });
  const config = retrainingConfigSchema.parse({
    model: MODEL,
    trainer: { type: 'command' },
    evaluator: { type: 'command' },
    data: { holdout: { fraction: 0.25, minRows: 5 }, ...options.data },
    gate: { metric: 'accuracy', floors: { accuracy: 0.9 } },
    timeouts: { training: '1m', poll: 10, pollMax: 50 },
  });
  const orchestrator = new RetrainingOrchestrator(
    {
      monitor: MODEL,
      model: MODEL,
      task: 'classification',
      target: 'churned',
      config,
      workDir: join(dir, 'attempts'),
      outputs: { prediction: 'prediction' },
    },
    {
      store,
      trainer: new CommandTrainingProvider({ command: [node, 'train.js'], cwd: dir, workDir: join(dir, 'jobs') }),
      evaluator: new CommandEvaluator({ command: [node, 'predict.js'], cwd: dir, env: { LISTING: join(dir, 'listing.jsonl') } }),
      registry,
      deployer,
      loadSides: async () => [
        { side: 'reference', frame: await readCsv(join(dir, 'reference.csv')) },
        { side: 'current', frame: await readCsv(join(dir, 'current.csv')) },
      ],
    },
  );
  return { store, registry, deployer, orchestrator };
}

/** The `row` ids of a CSV file. */
async function rowIds(file: string): Promise<number[]> {
  const [header, ...lines] = (await readFile(file, 'utf8')).trim().split('\n');
  const at = (header as string).split(',').indexOf('row');
  expect(at, `${file} has a row column`).toBeGreaterThanOrEqual(0);
  return lines.map((line) => Number(line.split(',')[at]));
}

describe('the local loop', () => {
  it('never hands the holdout to the training command: its row ids are in no file the command got, with or without a validation set', async () => {
    for (const data of [{}, { validation: { fraction: 0.2 } }]) {
      const l = loop({ data });
      const run = 'validation' in data ? 'r2' : 'r1';
      const attempt = await l.orchestrator.start(decision(run));
      expect(attempt.state, attempt.error?.message).toBe('deployed');
      const holdout = await rowIds(attempt.data!.holdoutUri);
      // round(0.25 × 40): the latest 10 current rows.
      expect(holdout).toEqual(Array.from({ length: 10 }, (_, i) => 2030 + i));

      const output = join(dir, 'jobs', `${MODEL}-${run}`, 'output');
      const env = JSON.parse(await readFile(join(output, 'env.json'), 'utf8')) as Record<string, string>;
      const handed = Object.keys(env).filter((k) => k.startsWith('DRIFTWATCH_') && env[k] !== '' && env[k] !== output);
      const files = handed.filter((k) => ['DRIFTWATCH_TRAIN_DATA', 'DRIFTWATCH_VALIDATION_DATA'].includes(k));
      const seen: number[] = [];
      for (const k of files) seen.push(...(await rowIds(join(output, `${k}.csv`))));
      expect(seen.filter((id) => holdout.includes(id))).toEqual([]);
      expect(Object.values(env)).not.toContain(attempt.data!.holdoutUri);
      if ('validation' in data) {
        expect(files.sort()).toEqual(['DRIFTWATCH_TRAIN_DATA', 'DRIFTWATCH_VALIDATION_DATA']);
        expect(env.DRIFTWATCH_VALIDATION_DATA).toBe(attempt.data!.validationUri);
        // 30 + 30 training rows, round(0.2 × 60) = 12 of them (the last ones) for validation.
        expect(await rowIds(join(output, 'DRIFTWATCH_VALIDATION_DATA.csv'))).toEqual(Array.from({ length: 12 }, (_, i) => 2018 + i));
        expect(attempt.data).toMatchObject({ trainRows: 48, validationRows: 12, holdoutRows: 10 });
      } else {
        expect(files).toEqual(['DRIFTWATCH_TRAIN_DATA']);
        expect(env.DRIFTWATCH_VALIDATION_DATA).toBe('');
        expect(attempt.data).toMatchObject({ trainRows: 60, holdoutRows: 10 });
      }
      // Every labelled non-holdout row trained (or validated) the model.
      expect(seen.length).toBe(60);
      // Recorded with the version: the holdout rows with its own predictions, a reference that follows the champion.
      const version = await l.registry.get(MODEL, attempt.challenger!);
      expect(version?.metadata.reference).toBe(attempt.data!.referenceUri);
      const reference = (await readFile(attempt.data!.referenceUri!, 'utf8')).trim().split('\n');
      expect(reference[0]).toBe('row,tenure,churned,prediction');
      expect(await rowIds(attempt.data!.referenceUri!)).toEqual(holdout);
      for (const line of reference.slice(1)) expect(line.split(',')[3]).toBe(line.split(',')[2]);
    }
  });

  it('records a failed deployment as deploy-failed (not rejected) in the attempt and the registry; promoting it later works', async () => {
    await writeFile(
      join(dir, 'reload.js'),
      "if (process.env.DRIFTWATCH_MODEL_VERSION === '2') { console.error('serving host unreachable'); process.exit(7); }\n",
    );
    const l = loop({ hook: [node, 'reload.js'] });
    const first = await l.orchestrator.start(decision('r1'));
    expect(first.state, first.error?.message).toBe('deployed');

    const attempt = await l.orchestrator.start(decision('r2'));

    expect(attempt.state).toBe('deploy-failed');
    expect(attempt.transitions.map((t) => t.to).slice(-4)).toEqual(['evaluating', 'gated', 'deploying', 'deploy-failed']);
    expect(attempt.gate?.passed).toBe(true);
    expect(attempt.error?.code).toBe('DEPLOY_FAILED');
    expect(attempt.error?.message).toMatch(/^deploying version 2 failed: .*serving host unreachable/);
    expect(attempt.error?.message).toMatch(/version 1 keeps serving \(retry with: driftwatch models promote churn 2\)$/);
    expect(await l.store.getAttempt(attempt.id)).toEqual(attempt);
    const registry = JSON.parse(await readFile(join(dir, 'models', MODEL, 'registry.json'), 'utf8')) as {
      versions: { version: string; status: string }[];
    };
    expect(registry.versions.map((v) => [v.version, v.status])).toEqual([
      ['1', 'champion'],
      ['2', 'deploy-failed'],
    ]);
    expect(JSON.parse(await readFile(join(dir, 'serving', `${MODEL}.json`), 'utf8')).version).toBe('1');

    // The serving side is fixed: what `models promote` does — deploy, then make it champion.
    await writeFile(join(dir, 'reload.js'), '');
    const v2 = (await l.registry.get(MODEL, '2'))!;
    expect(await l.deployer.deploy(v2, { previous: (await l.registry.champion(MODEL))! })).toMatchObject({ status: 'deployed' });
    await l.registry.setStatus(MODEL, '2', 'champion', 'promoted by hand');
    expect((await l.registry.champion(MODEL))?.version).toBe('2');
    expect(JSON.parse(await readFile(join(dir, 'serving', `${MODEL}.json`), 'utf8')).version).toBe('2');
  });
});
