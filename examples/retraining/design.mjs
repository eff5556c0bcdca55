// The design matrix of the retraining example's logistic regression: which columns are
// features and how a row becomes a vector (numeric columns standardised with mean
// imputation, categorical columns one-hot with unseen and missing values all zeros).
import { InputError } from './cli.mjs';

/** Version tag of model.json: train.mjs writes it, predict.mjs checks it. */
export const MODEL_FORMAT = 'driftwatch-example-logreg/1';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** True when `value` (trimmed) is a plain decimal number. */
export function isNumber(value) {
  return NUMBER.test(value.trim());
}

function isIsoDatetime(value) {
  return ISO_DATETIME.test(value.trim()) && Number.isFinite(Date.parse(value.trim()));
}

/**
 * Decides the features from the training table: every column except the target, the ones
 * listed in `ignore`, timestamps (a name ending in `_at`, or every value an ISO date/datetime),
 * identifiers (`id` or a name ending in `_id`), empty columns and categorical columns with more
 * than `maxCategories` distinct values. A column whose non-empty values all parse as numbers is
 * numeric: mean and population standard deviation after mean imputation (as scikit-learn's
 * SimpleImputer then StandardScaler; a constant column gets std 1). Any other column is
 * categorical, its categories sorted.
 *
 * @returns `features` (in column order) and `ignored` (`{ name, reason }`)
 */
export function inferFeatures(header, rows, { target, ignore = [], maxCategories = 50 }) {
  const features = [];
  const ignored = [];
  const n = rows.length;
  for (let c = 0; c < header.length; c++) {
    const name = header[c];
    if (name === target) continue;
    const skip = (reason) => ignored.push({ name, reason });
    if (ignore.includes(name)) {
      skip('listed in DRIFTWATCH_PARAM_IGNORE');
      continue;
    }
    if (name.endsWith('_at')) {
      skip('timestamp (name ends in _at)');
      continue;
    }
    if (name === 'id' || name.endsWith('_id')) {
      skip('identifier');
      continue;
    }
    let present = 0;
    let numeric = true;
    let datetime = true;
    for (let r = 0; r < n; r++) {
      const v = rows[r][c];
      if (v === '') continue;
      present++;
      if (numeric && !isNumber(v)) numeric = false;
      if (datetime && !isIsoDatetime(v)) datetime = false;
      if (!numeric && !datetime) break;
    }
    if (present === 0) {
      skip('no values');
      continue;
    }
    if (datetime) {
      skip('timestamp (ISO dates)');
      continue;
    }
    if (numeric) {
      let sum = 0;
      for (let r = 0; r < n; r++) {
        const v = rows[r][c];
        if (v !== '') sum += Number(v);
      }
      const mean = sum / present;
      let ss = 0;
      for (let r = 0; r < n; r++) {
        const v = rows[r][c];
        if (v !== '') ss += (Number(v) - mean) ** 2;
      }
      const std = Math.sqrt(ss / n);
      // scikit-learn's StandardScaler leaves (near-)constant columns unscaled.
      features.push({ name, kind: 'numeric', mean, std: std > 10 * Number.EPSILON * Math.max(1, Math.abs(mean)) ? std : 1 });
      continue;
    }
    const levels = new Set();
    for (let r = 0; r < n; r++) {
      const v = rows[r][c];
      if (v !== '') levels.add(v);
    }
    if (levels.size > maxCategories) {
      skip(`${levels.size} distinct values (more than ${maxCategories})`);
      continue;
    }
    features.push({ name, kind: 'categorical', categories: [...levels].sort() });
  }
  return { features, ignored };
}

/** The names of the design's columns: a numeric feature's name, `name=category` for each one-hot column. */
export function termNames(features) {
  const terms = [];
  for (const f of features) {
    if (f.kind === 'numeric') terms.push(f.name);
    else for (const category of f.categories) terms.push(`${f.name}=${category}`);
  }
  return terms;
}

/**
 * Encodes rows into a row-major design matrix (no intercept column).
 *
 * @param features from {@link inferFeatures} (or a saved model)
 * @param header the table's header; every feature must be one of its columns
 * @param rows the records
 * @param lines the line on which each record starts, for errors
 * @param file the table's name, for errors
 * @returns `{ x, p }`: `x[r * p + j]` is term `j` of row `r`
 * @throws InputError when a feature column is missing or a numeric value does not parse
 */
export function encodeRows(features, header, rows, lines, file) {
  const p = termNames(features).length;
  const n = rows.length;
  const x = new Float64Array(n * p);
  let offset = 0;
  for (const f of features) {
    const c = header.indexOf(f.name);
    if (c < 0) throw new InputError(`${file}: no column "${f.name}", which the model uses (columns: ${header.join(', ')})`);
    if (f.kind === 'numeric') {
      for (let r = 0; r < n; r++) {
        const v = rows[r][c];
        if (v === '') continue; // mean imputation: the standardised mean is 0
        if (!isNumber(v)) throw new InputError(`${file}: line ${lines[r]}: column "${f.name}": "${v}" is not a number`);
        x[r * p + offset] = (Number(v) - f.mean) / f.std;
      }
      offset++;
    } else {
      const index = new Map(f.categories.map((category, k) => [category, k]));
      for (let r = 0; r < n; r++) {
        const k = index.get(rows[r][c]);
        if (k !== undefined) x[r * p + offset + k] = 1;
      }
      offset += f.categories.length;
    }
  }
  return { x, p };
}
