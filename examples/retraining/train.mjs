#!/usr/bin/env node
// Trains the retraining example's model: an L2-regularised logistic regression (Newton's
// method) on a CSV table, written as model.json. Called by Driftwatch's local training
// provider with:
//   DRIFTWATCH_TRAIN_DATA    the CSV (header; labels "0"/"1" in the target column)
//   DRIFTWATCH_PARAM_TARGET  the target column
//   DRIFTWATCH_OUTPUT_DIR    where model.json goes
//   DRIFTWATCH_PARAM_L2      penalty, > 0 (default 1; scikit-learn's C = 1 / L2)
//   DRIFTWATCH_PARAM_SEED    recorded in the model (the fit is deterministic)
//   DRIFTWATCH_PARAM_IGNORE  comma-separated columns that are not features
//   DRIFTWATCH_PARAM_THRESHOLD  decision threshold on the probability: a number in (0, 1)
//                            (default 0.5) or "f1", the one that maximises F1 on the training rows
// Exit status 2 with one line on stderr for bad input.
import { join } from 'node:path';
import { InputError, optionalEnv, readInputFile, requireEnv, runScript } from './cli.mjs';
import { parseCsv, writeFileAtomic } from './csv.mjs';
import { encodeRows, inferFeatures, MODEL_FORMAT, termNames } from './design.mjs';
import { fitLogisticRegression, predictProba } from './logisticRegression.mjs';

/**
 * The probability threshold that maximises F1 on (proba, y): rows sorted by probability,
 * descending; predicting the top k positive gives F1 = 2·TP(k) / (k + P). Only cuts
 * between distinct probabilities count (tied rows are predicted alike).
 */
function f1Threshold(proba, y) {
  const order = Array.from(proba.keys()).sort((a, b) => proba[b] - proba[a] || a - b);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  let tp = 0;
  let best = -1;
  let threshold = 0.5;
  for (let k = 1; k <= order.length; k++) {
    tp += y[order[k - 1]];
    if (k < order.length && proba[order[k]] === proba[order[k - 1]]) continue;
    const f1 = (2 * tp) / (k + positives);
    if (f1 > best) {
      best = f1;
      threshold = proba[order[k - 1]];
    }
  }
  return threshold;
}

function optionalNumber(name, fallback, valid, expected) {
  const raw = optionalEnv(name, undefined);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !valid(value)) throw new InputError(`${name}: "${raw}" is not ${expected}`);
  return value;
}

runScript('train', () => {
  const dataPath = requireEnv('DRIFTWATCH_TRAIN_DATA');
  const target = requireEnv('DRIFTWATCH_PARAM_TARGET');
  const outDir = requireEnv('DRIFTWATCH_OUTPUT_DIR');
  const l2 = optionalNumber('DRIFTWATCH_PARAM_L2', 1, (v) => Number.isFinite(v) && v > 0, 'a positive number');
  const seed = optionalNumber('DRIFTWATCH_PARAM_SEED', null, Number.isSafeInteger, 'an integer');
  const ignore = optionalEnv('DRIFTWATCH_PARAM_IGNORE', '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

  const { header, rows, lines } = parseCsv(readInputFile(dataPath, 'DRIFTWATCH_TRAIN_DATA'), dataPath);
  const t = header.indexOf(target);
  if (t < 0) throw new InputError(`${dataPath}: no target column "${target}" (columns: ${header.join(', ')})`);
  if (rows.length === 0) throw new InputError(`${dataPath}: no data rows`);
  const y = new Float64Array(rows.length);
  let positives = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r][t];
    if (v !== '0' && v !== '1') throw new InputError(`${dataPath}: line ${lines[r]}: target "${target}" is "${v}", expected 0 or 1`);
    y[r] = v === '1' ? 1 : 0;
    positives += y[r];
  }
  if (positives === 0 || positives === rows.length) {
    throw new InputError(`${dataPath}: target "${target}" is always ${positives === 0 ? 0 : 1}; training needs both labels`);
  }

  const { features, ignored } = inferFeatures(header, rows, { target, ignore });
  const terms = termNames(features);
  const { x, p } = encodeRows(features, header, rows, lines, dataPath);
  const fit = fitLogisticRegression(x, y, rows.length, p, l2);
  const thresholdParam = optionalEnv('DRIFTWATCH_PARAM_THRESHOLD', '0.5').trim();
  let threshold;
  if (thresholdParam === 'f1') threshold = f1Threshold(predictProba(x, rows.length, p, fit.coefficients, fit.intercept), y);
  else {
    threshold = Number(thresholdParam);
    if (thresholdParam === '' || !(threshold > 0 && threshold < 1))
      throw new InputError(`DRIFTWATCH_PARAM_THRESHOLD: "${thresholdParam}" is not a number in (0, 1) or "f1"`);
  }

  const model = {
    format: MODEL_FORMAT,
    target,
    l2,
    seed,
    features,
    ignored,
    terms,
    coefficients: [...fit.coefficients],
    intercept: fit.intercept,
    threshold,
    trainingRows: rows.length,
    trainingPositiveRate: positives / rows.length,
    trainingLogLoss: fit.logLoss,
    iterations: fit.iterations,
    converged: fit.converged,
  };
  const modelPath = join(outDir, 'model.json');
  writeFileAtomic(modelPath, JSON.stringify(model, null, 2) + '\n');
  const skipped = ignored.length === 0 ? '' : `; ignored ${ignored.map((i) => `${i.name} (${i.reason})`).join(', ')}`;
  process.stdout.write(
    `trained logistic regression on ${rows.length} rows of ${dataPath} (target ${target}, ${terms.length} terms from ${features.length} columns${skipped})\n` +
      `${fit.converged ? 'converged' : 'did NOT converge'} in ${fit.iterations} Newton iterations, l2 ${l2}, training log loss ${fit.logLoss.toFixed(6)}, threshold ${threshold}\n` +
      `wrote ${modelPath}\n`,
  );
});
