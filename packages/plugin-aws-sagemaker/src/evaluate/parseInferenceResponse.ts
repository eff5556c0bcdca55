import { splitCsvLine } from '@driftwatch/data';

/** What a model answered for one row. */
export interface InferenceRow {
  /** The predicted class (classification) or value (regression), as text. */
  readonly label?: string;
  /** Binary: the positive class's score (`{"score": 0.8}` of SageMaker's linear learner). */
  readonly score?: number;
  /** The probability of each class, in the order of `classes` (or of the evaluator's `classes` option). */
  readonly probabilities?: readonly number[];
  /** The class of each probability, when the answer names them (`labels`/`classes` of a JSON answer). */
  readonly classes?: readonly string[];
}

/** The response formats read; a content type is mapped to one by {@link responseFormat}. */
export type ResponseFormat = 'csv' | 'jsonlines' | 'json';

/** The format of a response's `Content-Type` (parameters ignored), or undefined when none is known. */
export function responseFormat(contentType: string | undefined): ResponseFormat | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  if (type === 'application/jsonlines' || type === 'application/x-jsonlines' || type === 'application/jsonl') return 'jsonlines';
  if (type === 'application/json') return 'json';
  return undefined;
}

const labelKeys = ['predicted_label', 'label', 'prediction', 'predictions'] as const;

function scalarText(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  throw new Error(`${where}: ${JSON.stringify(value)} is not a label or value`);
}

function numbers(value: readonly unknown[], where: string): number[] {
  return value.map((v, i) => {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n))
      throw new Error(`${where}: probability ${i + 1} is ${JSON.stringify(v)}, not a number`);
    return n;
  });
}

/** What one number alone in an answer is: the predicted label or value, or a binary model's positive-class score. */
export type SingleValue = 'label' | 'score';

function scoreOf(value: unknown, where: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`${where}: ${JSON.stringify(value)} is not a score`);
  return n;
}

/** One JSON answer: a scalar (label, or score), an array of numbers (probabilities) or an object (below). */
function jsonRow(value: unknown, where: string, single: SingleValue): InferenceRow {
  if (Array.isArray(value)) return { probabilities: numbers(value, where) };
  if (value === null || typeof value !== 'object')
    return single === 'score' ? { score: scoreOf(value, where) } : { label: scalarText(value, where) };
  const o = value as Record<string, unknown>;
  const key = labelKeys.find((k) => o[k] !== undefined && !Array.isArray(o[k]));
  const label = key !== undefined ? scalarText(o[key], `${where}: ${key}`) : undefined;
  const probs = Array.isArray(o.probabilities) ? o.probabilities : Array.isArray(o.score) ? o.score : undefined;
  const names = Array.isArray(o.labels) ? o.labels : Array.isArray(o.classes) ? o.classes : undefined;
  const score = typeof o.score === 'number' ? o.score : undefined;
  if (label === undefined && probs === undefined && score === undefined)
    throw new Error(`${where}: no predicted_label, label, prediction, probabilities or score in ${JSON.stringify(value).slice(0, 200)}`);
  const classes = names?.map((n, i) => scalarText(n, `${where}: class ${i + 1}`));
  const probabilities = probs ? numbers(probs, where) : undefined;
  if (classes && probabilities && classes.length !== probabilities.length)
    throw new Error(`${where}: ${probabilities.length} probabilities for ${classes.length} classes`);
  return {
    ...(label !== undefined ? { label } : {}),
    ...(score !== undefined ? { score } : {}),
    ...(probabilities ? { probabilities } : {}),
    ...(classes ? { classes } : {}),
  };
}

/**
 * A CSV answer line: one field is the label (or value; the positive class's score with `single`
 * `score`, as XGBoost's `binary:logistic` answers); `K` numeric fields (K = the number of
 * `classes`) are the class probabilities; `K + 1` fields are the label then the probabilities.
 */
function csvRow(line: string, classCount: number | undefined, where: string, single: SingleValue): InferenceRow {
  const fields = splitCsvLine(line);
  if (fields.length === 1) return single === 'score' ? { score: scoreOf(fields[0], where) } : { label: fields[0] as string };
  if (classCount !== undefined && fields.length === classCount) return { probabilities: numbers(fields, where) };
  if (classCount !== undefined && fields.length === classCount + 1)
    return { label: fields[0] as string, probabilities: numbers(fields.slice(1), where) };
  throw new Error(
    `${where}: ${fields.length} fields; a CSV answer line is a label, ${classCount ?? 'K'} class probabilities or a label and them` +
      (classCount === undefined ? ' (set the evaluator’s classes to read probabilities)' : ''),
  );
}

/**
 * Reads an InvokeEndpoint (or batch transform) answer into one {@link InferenceRow} per input row:
 * - `csv`: a line per row (see {@link csvRow});
 * - `jsonlines`: a JSON value per line;
 * - `json`: `{"predictions": [...]}` (SageMaker's built-in algorithms, TF Serving) or an array
 *   (a scikit-learn container's `predict_proba(X).tolist()`), an item per row; another object or a
 *   scalar is one row.
 * A JSON row is a scalar (the label; a score with `single` `score`), an array of numbers (the class probabilities) or an object
 * with any of `predicted_label`/`label`/`prediction` (the label), `probabilities` or an array
 * `score` (the class probabilities), `labels`/`classes` (their classes), a number `score` (binary:
 * the positive class's score). Blank lines are skipped. Throws a plain `Error` naming the line;
 * the caller names the endpoint and rows.
 */
export function parseInferenceResponse(
  text: string,
  format: ResponseFormat,
  classCount?: number,
  single: SingleValue = 'label',
): InferenceRow[] {
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`the answer is not JSON: ${(error as Error).message}`);
    }
    const rows =
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Array.isArray((value as { predictions?: unknown }).predictions)
        ? (value as { predictions: unknown[] }).predictions
        : Array.isArray(value)
          ? value
          : [value];
    return rows.map((row, i) => jsonRow(row, `item ${i + 1}`, single));
  }
  const out: InferenceRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line.trim() === '') continue;
    const where = `line ${i + 1}`;
    if (format === 'csv') out.push(csvRow(line, classCount, where, single));
    else {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new Error(`${where} is not JSON: ${(error as Error).message}`);
      }
      out.push(jsonRow(value, where, single));
    }
  }
  return out;
}
