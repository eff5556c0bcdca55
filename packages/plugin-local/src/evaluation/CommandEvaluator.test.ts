import { mkdtempSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EvaluationSet, InputError, type ModelVersion, ProviderError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { CommandEvaluator, type CommandEvaluatorOptions } from './CommandEvaluator.js';

const node = process.execPath;
const version: ModelVersion = {
  model: 'credit',
  version: '3',
  // A folder artifact: the command gets it as it is.
  artifactUri: mkdtempSync(join(tmpdir(), 'dw-eval-model-')),
  status: 'candidate',
  createdAt: '2026-11-27T10:00:00.000Z',
  metadata: {},
};

/** A "model" script writing `csv` (a function of the environment) to DRIFTWATCH_PREDICTIONS. */
const setup = async (body: string, options: Partial<CommandEvaluatorOptions> = {}) => {
  const dir = await mkdtemp(join(tmpdir(), 'dw-eval-'));
  await writeFile(join(dir, 'holdout.csv'), 'age,income,default\n30,1000,1\n40,2000,0\n50,3000,1\n');
  await writeFile(join(dir, 'predict.js'), `const fs = require('fs'); const env = process.env;\n${body}`);
  const set: EvaluationSet = { uri: join(dir, 'holdout.csv'), rows: 3, target: 'default' };
  return { dir, set, evaluator: new CommandEvaluator({ command: [node, 'predict.js'], cwd: dir, killGraceMs: 100, ...options }) };
};

describe('CommandEvaluator', () => {
  it('passes the model and the rows to the command and reads its labels and scores', async () => {
    const { set, evaluator } = await setup(
      `
      const rows = fs.readFileSync(env.DRIFTWATCH_INPUT, 'utf8').trim().split('\\n').slice(1);
      const seen = [env.DRIFTWATCH_MODEL, env.DRIFTWATCH_MODEL_DIR, env.DRIFTWATCH_MODEL_VERSION, env.DRIFTWATCH_TARGET, env.EXTRA].join('|');
      fs.writeFileSync(env.DRIFTWATCH_PREDICTIONS, 'prediction,proba,seen\\n' + rows.map((r, i) => (i % 2 ? 'no' : 'yes') + ',' + (0.25 * (i + 1)) + ',' + seen).join('\\n') + '\\n');
    `,
      { env: { EXTRA: 'x' } },
    );
    const predictions = await evaluator.predict(version, set);
    expect(predictions).toEqual({ rows: 3, labels: ['yes', 'no', 'yes'], scores: new Float64Array([0.25, 0.5, 0.75]) });
    // What the command saw: checked through a column it echoed.
    const echo = await setup(
      `fs.writeFileSync(env.DRIFTWATCH_PREDICTIONS, 'prediction\\n' + [env.DRIFTWATCH_MODEL, env.DRIFTWATCH_MODEL_DIR, env.DRIFTWATCH_MODEL_VERSION].join('\\n') + '\\n')`,
    );
    expect((await echo.evaluator.predict(version, echo.set)).labels).toEqual(['credit', version.artifactUri, '3']);
  });

  it('gives values when every prediction is a number, keeps class labels as written, and reads custom columns', async () => {
    const { set, evaluator } = await setup(`fs.writeFileSync(env.DRIFTWATCH_PREDICTIONS, 'yhat,p\\n1.50,x\\n-2,y\\n1e3,z\\n')`, {
      predictionColumn: 'yhat',
      scoreColumn: 'score',
    });
    expect(await evaluator.predict(version, set)).toEqual({
      rows: 3,
      labels: ['1.50', '-2', '1e3'],
      values: new Float64Array([1.5, -2, 1000]),
    });
  });

  it('fails with the exit status and the log tail, and on timeout', async () => {
    const { set, evaluator } = await setup(`console.error('ModuleNotFoundError: sklearn'); process.exit(2)`);
    const error = await evaluator.predict(version, set).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toBe('command predict: version 3 of credit: exit status 2: ModuleNotFoundError: sklearn');

    const slow = await setup(`setInterval(() => {}, 1000)`, { timeoutMs: 300 });
    await expect(slow.evaluator.predict(version, slow.set)).rejects.toThrow('command predict: version 3 of credit: timed out after 300ms');
  });

  it('fails when the command writes no predictions file', async () => {
    const { set, evaluator } = await setup(`console.log('forgot to save')`);
    await expect(evaluator.predict(version, set)).rejects.toThrow(
      'command predict: version 3 of credit: the command exited 0 but wrote no predictions file to DRIFTWATCH_PREDICTIONS: forgot to save',
    );
  });

  it('names the columns when the prediction column is missing', async () => {
    const { set, evaluator } = await setup(`fs.writeFileSync(env.DRIFTWATCH_PREDICTIONS, 'label,proba\\na,0.1\\nb,0.2\\na,0.3\\n')`);
    const error = await evaluator.predict(version, set).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.code).toBe('INPUT_UNKNOWN_COLUMN');
    expect(error.message).toMatch(
      /^\/.*\/predictions\.csv: no column "prediction" \(columns: label, proba\); .* \(the predictions and the command's log are kept in \/.*\)$/,
    );
    // The bad file is kept for the user to look at.
    expect(await readFile(error.location.file, 'utf8')).toBe('label,proba\na,0.1\nb,0.2\na,0.3\n');
  });

  it('refuses predictions with a row count other than the set', async () => {
    const { set, evaluator } = await setup(`fs.writeFileSync(env.DRIFTWATCH_PREDICTIONS, 'prediction\\n1\\n0\\n')`);
    await expect(evaluator.predict(version, set)).rejects.toThrow(
      /^command predict: holdout\.csv has 3 rows, predictions\.csv 2 \(the predictions and the command's log are kept in /,
    );
  });

  it('refuses a missing prediction and a score that is not a number, naming the row', async () => {
    const missing = await setup(`fs.writeFileSync(env.DRIFTWATCH_PREDICTIONS, 'prediction\\n1\\n\\"\\"\\n0\\n')`);
    await expect(missing.evaluator.predict(version, missing.set)).rejects.toThrow(/predictions\.csv: row 2 \(line 3\) has no prediction/);
    const bad = await setup(`fs.writeFileSync(env.DRIFTWATCH_PREDICTIONS, 'prediction,proba\\n1,0.9\\n0,0.2\\n1,high\\n')`);
    await expect(bad.evaluator.predict(version, bad.set)).rejects.toThrow(
      /predictions\.csv: proba of row 3 \(line 4\) is "high", not a number/,
    );
  });

  it('stops the command when aborted', async () => {
    const { set, evaluator } = await setup(`setInterval(() => {}, 1000)`);
    const controller = new AbortController();
    controller.abort();
    await expect(evaluator.predict(version, set, { signal: controller.signal })).rejects.toThrow(
      'command predict: version 3 of credit: stopped',
    );
  });
});
