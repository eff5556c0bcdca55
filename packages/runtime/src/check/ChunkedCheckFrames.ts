import { type ColumnSpec, type Frame, InputError, type Schema } from '@driftwatch/core';
import { selectColumns } from '@driftwatch/drift';
import type { DataSourceFactory } from '../composition/tokens.js';
import { type CheckRequest, mergeSchema } from './CheckService.js';

/** Both sides of a chunked check, read once, and the columns to test. */
export interface ChunkedCheckFrames {
  readonly reference: Frame;
  readonly current: Frame;
  /** Columns to drift-test: the check's selection less the timestamp column. */
  readonly selected: readonly string[];
}

/**
 * Reads both sides as {@link CheckService} does (one schema inferred from
 * the reference head, overridden by the request; unselected columns not read),
 * except that the `timestamp` column is read as a datetime (role `timestamp`,
 * unless the request's schema gives it a kind) on every side that has it and
 * is left out of the drift tests. The current data must have it; the
 * reference may lack it.
 */
export async function readChunkedCheckFrames(
  openSource: DataSourceFactory,
  request: CheckRequest,
  timestamp: string | undefined,
): Promise<ChunkedCheckFrames> {
  const [reference, current] = await Promise.all([openSource(request.reference, 'reference'), openSource(request.current, 'current')]);
  const [refHead, curHead] = await Promise.all([reference.inferSchema(), current.inferSchema({ sampleRows: 0 })]);
  const refNames = refHead.columns.map((c) => c.name);
  const curNames = curHead.columns.map((c) => c.name);
  if (timestamp !== undefined && !curNames.includes(timestamp)) {
    throw new InputError(
      'INPUT_UNKNOWN_COLUMN',
      `${current.uri}: timestamp column "${timestamp}" is not in the data (its columns: ${curNames.join(', ')})`,
      { location: { file: current.uri, field: timestamp } },
    );
  }
  const notTimestamp = (n: string) => n !== timestamp;
  const selected = selectColumns(
    { source: reference.uri, names: refNames.filter(notTimestamp) },
    { source: current.uri, names: curNames.filter(notTimestamp) },
    { columns: request.drift?.columns?.filter(notTimestamp), ignore: request.drift?.ignore?.filter(notTimestamp) },
  );
  const schema = mergeSchema(refHead, request.schema);
  const given = request.schema?.columns.find((c) => c.name === timestamp);
  const timestampSpec: ColumnSpec | undefined =
    timestamp === undefined ? undefined : { name: timestamp, kind: given?.kind ?? 'datetime', role: 'timestamp' };
  const base = schema.columns.filter((c) => c.name !== timestamp);
  const readSchema = (hasTimestamp: boolean): Schema => ({
    columns: [
      ...base.map((c) => (selected.includes(c.name) ? c : { ...c, role: 'ignored' as const })),
      ...(hasTimestamp && timestampSpec ? [timestampSpec] : []),
    ],
  });
  const [refFrame, curFrame] = await Promise.all([
    reference.read({
      schema: readSchema(timestamp !== undefined && refNames.includes(timestamp)),
      strict: request.strict,
      onProgress: (r, t) => request.onProgress?.('reference', r, t),
    }),
    current.read({
      schema: readSchema(timestamp !== undefined),
      strict: request.strict,
      onProgress: (r, t) => request.onProgress?.('current', r, t),
    }),
  ]);
  return { reference: refFrame, current: curFrame, selected };
}
