#!/usr/bin/env node
// Scores a CSV with a model written by train.mjs. Called by Driftwatch's local evaluator with:
//   DRIFTWATCH_MODEL_DIR    the folder holding model.json
//   DRIFTWATCH_INPUT        the CSV to score (a target column, if present, is ignored)
//   DRIFTWATCH_PREDICTIONS  where the predictions go: CSV `prediction,proba`, one row per
//                           input row in the same order, written atomically
// Exit status 2 with one line on stderr for bad input.
import { join } from 'node:path';
import { InputError, readInputFile, requireEnv, runScript } from './cli.mjs';
import { parseCsv, writeFileAtomic } from './csv.mjs';
import { encodeRows, MODEL_FORMAT, termNames } from './design.mjs';
import { predictProba } from './logisticRegression.mjs';

function readModel(dir) {
  const path = join(dir, 'model.json');
  let model;
  try {
    model = JSON.parse(readInputFile(path, 'DRIFTWATCH_MODEL_DIR'));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: not valid JSON (${error.message})`);
  }
  if (model?.format !== MODEL_FORMAT) throw new InputError(`${path}: not a model written by train.mjs (format is not "${MODEL_FORMAT}")`);
  const valid =
    Array.isArray(model.features) &&
    model.features.every(
      (f) =>
        typeof f?.name === 'string' &&
        ((f.kind === 'numeric' && Number.isFinite(f.mean) && Number.isFinite(f.std) && f.std > 0) ||
          (f.kind === 'categorical' && Array.isArray(f.categories) && f.categories.every((c) => typeof c === 'string'))),
    ) &&
    Array.isArray(model.coefficients) &&
    model.coefficients.length === termNames(model.features).length &&
    model.coefficients.every(Number.isFinite) &&
    Number.isFinite(model.intercept) &&
    (model.threshold === undefined || (model.threshold > 0 && model.threshold < 1));
  if (!valid) throw new InputError(`${path}: malformed model (features, coefficients and intercept do not fit together)`);
  return model;
}

runScript('predict', () => {
  const modelDir = requireEnv('DRIFTWATCH_MODEL_DIR');
  const inputPath = requireEnv('DRIFTWATCH_INPUT');
  const outPath = requireEnv('DRIFTWATCH_PREDICTIONS');
  const model = readModel(modelDir);
  const { header, rows, lines } = parseCsv(readInputFile(inputPath, 'DRIFTWATCH_INPUT'), inputPath);
  const { x, p } = encodeRows(model.features, header, rows, lines, inputPath);
  const proba = predictProba(x, rows.length, p, Float64Array.from(model.coefficients), model.intercept);
  const out = ['prediction,proba'];
  // String(number) is the shortest text that reads back as the same double: full precision.
  const threshold = model.threshold ?? 0.5;
  for (let i = 0; i < proba.length; i++) out.push(`${proba[i] >= threshold ? 1 : 0},${proba[i]}`);
  writeFileAtomic(outPath, out.join('\n') + '\n');
  process.stdout.write(`wrote ${rows.length} predictions to ${outPath}\n`);
});
