import { InputError } from '@driftwatch/core';
import { readCsv } from '@driftwatch/data';

/**
 * Reads the holdout labels back from a `holdout.csv` written by `collectTrainingData` (an attempt
 * resumed in a new process): class names for classification (the target read as categorical, so
 * `1` stays the class `1`), values for regression. Throws an `InputError` naming the file when the
 * target column is absent or a row has no label (or, for regression, no number).
 */
export async function loadHoldoutLabels(
  uri: string,
  target: string,
  task: 'classification' | 'regression',
): Promise<readonly string[] | Float64Array> {
  const kind = task === 'classification' ? 'categorical' : 'numeric';
  const frame = await readCsv(uri, { schema: { columns: [{ name: target, kind, role: 'target' }] } });
  const column = frame.columns.find((c) => c.name === target);
  if (!column)
    throw new InputError('INPUT_UNKNOWN_COLUMN', `${uri}: no target column "${target}" in the holdout`, { location: { file: uri } });
  const unlabelled = (row: number): never => {
    throw new InputError(
      'INPUT_INVALID_VALUE',
      `${uri}: row ${row + 1} of the holdout has no ${task === 'regression' ? 'numeric ' : ''}label in column ${target}`,
      {
        location: { file: uri, line: row + 2, field: target },
      },
    );
  };
  if (column.kind === 'numeric') {
    const values = column.values;
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i] as number)) unlabelled(i);
    return values;
  }
  if (column.kind !== 'categorical' && column.kind !== 'boolean')
    throw new InputError('INPUT_INVALID_VALUE', `${uri}: target column "${target}" was read as ${column.kind}`, {
      location: { file: uri },
    });
  const { codes, dictionary } = column;
  const labels = new Array<string>(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (c < 0) unlabelled(i);
    labels[i] = dictionary[c] as string;
  }
  return labels;
}
