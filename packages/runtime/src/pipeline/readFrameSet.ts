import {
  type ColumnSpec,
  type DataSource,
  type DriftOptions,
  type Frame,
  InputError,
  type Schema,
  type SourceFigure,
} from '@driftwatch/core';
import { embeddingMembers, groupEmbeddingColumns } from '@driftwatch/data';
import { selectColumns } from '@driftwatch/drift';
import { type ModelDataRequest, modelColumnSpecs } from '@driftwatch/metrics';
import type { DataSourceFactory } from '../composition/tokens.js';
import { mergeSchema } from '../schema/mergeSchema.js';
import type { SourceSpec } from './SourceSpec.js';

/** What one run reads: which sides, which columns, with which kinds. */
export interface FrameSetRequest {
  /** The reference side; absent for `metrics` without `--reference`. */
  readonly reference?: SourceSpec;
  readonly current: SourceSpec;
  /** Config paths (or flags) naming the two sides, for provider messages. Default `reference` / `current`. */
  readonly sourcePaths?: { readonly reference: string; readonly current: string };
  /** Kinds the user gave (`schema.kinds`, `--kind`, `--schema`); they win over inference. */
  readonly kinds?: Schema;
  /**
   * Drift-test the shared columns this selection names (all of them when
   * `columns` is empty), less the timestamps. Absent: no drift columns.
   */
  readonly drift?: Pick<DriftOptions, 'columns' | 'ignore'>;
  /** Model columns read with the kinds evaluation needs (labels, scores); the reference must then have the target. */
  readonly model?: ModelDataRequest;
  /**
   * Columns read as datetimes (role `timestamp`, unless `kinds` gives them a
   * kind) on every side that has them, never drift-tested. The first one is
   * required in the current data (`requireTimestamp`).
   */
  readonly timestamps?: readonly string[];
  /** Whether the current data must have the first timestamp column (chunking by it). */
  readonly requireTimestamp?: boolean;
  /**
   * Read every column but these (a monitor's `schema.ignore`): a monitor run
   * keeps the whole rows for its extensions and retraining. Absent: only the
   * columns the drift selection, the model and the timestamps need are read.
   */
  readonly allColumnsBut?: readonly string[];
  /** More columns to read, with their inferred (or given) kinds; each must be in the current data. */
  readonly columns?: readonly string[];
  /** Fail on the first unreadable value instead of counting it. */
  readonly strict?: boolean;
  /**
   * Embeddings stored as numeric column groups (`--embedding emb=emb_`, `schema.embeddings`): each name
   * becomes one embedding column made of the columns `prefix0 … prefixN` (in index order), which are
   * then no longer columns of their own.
   */
  readonly embeddings?: Readonly<Record<string, { readonly prefix: string }>>;
  readonly onProgress?: (side: 'reference' | 'current', bytesRead: number, totalBytes: number | undefined) => void;
  /**
   * Threads for reading (default 1). With 2 or more and both sides, the current side is read on a
   * worker thread while this one reads the reference (the `offThread` hint; a source that cannot
   * reads on this thread).
   */
  readonly threads?: number;
  /**
   * Hand back the numeric drift columns sorted (each side sorted by the thread that read it) when
   * every value is finite: for a caller that only drift-tests them (`check`), whose engine sorts them
   * anyway. Rows are then out of file order. A function picks the columns (those whose method wants
   * sorted values). Default false.
   */
  readonly sortDriftColumns?: boolean | ((column: string) => boolean);
  /** Called with the reference's frame as soon as it is read, while the current side may still be read (on its thread). */
  readonly onReferenceRead?: (reference: Frame) => void;
}

/** Both sides of a run, each read once, rows in file order. */
export interface FrameSet {
  readonly reference?: Frame;
  readonly current: Frame;
  /** Columns to drift-test (empty when the request asked for no drift). */
  readonly driftColumns: readonly string[];
  /** Every column name of the current data, read or not (a check of missing and extra columns needs them). */
  readonly currentColumnNames: readonly string[];
  /** The figures each side's source computed over its rows (`DataSource.figures`); absent when neither has any. */
  readonly figures?: { readonly reference?: readonly SourceFigure[]; readonly current?: readonly SourceFigure[] };
}

/**
 * The one way Driftwatch reads the data of a run. Each side is opened once
 * and read once into a frame that every step of the run shares (drift, data
 * quality, realised metrics, estimation, windows, retraining's training set):
 * one schema, inferred from the reference's head (the current's when there
 * is no reference), with the user's kinds laid over it, so both sides have
 * the same kinds; columns no step needs are not parsed. Frames keep file
 * order: a step that sorts must sort a copy (see `sortableCopy`). Columns
 * the source's schema gives the role `id` or `timestamp` (a source that
 * knows its columns, such as `bedrock-invocation-logs`) are left out of the
 * drift selection, as `schema.id` and `schema.timestamp` are, unless the
 * selection names them.
 */
export async function readFrameSet(openSource: DataSourceFactory, request: FrameSetRequest): Promise<FrameSet> {
  const paths = request.sourcePaths ?? { reference: 'reference', current: 'current' };
  const [reference, current] = await Promise.all([
    request.reference ? openSource(request.reference, paths.reference) : undefined,
    openSource(request.current, paths.current),
  ]);
  const offThread = (request.threads ?? 1) > 1 && reference !== undefined;
  // The current side's reading thread starts now and loads while the reference's head is read.
  if (offThread) current.prepareRead?.({ offThread: true });
  try {
    // The kinds come from one head; the other side only needs its names.
    const [refHead, curHead] = await Promise.all([reference?.inferSchema(), current.inferSchema(reference ? { sampleRows: 0 } : {})]);
    const head = refHead ?? curHead;
    const groups = Object.entries(request.embeddings ?? {}).map(([name, { prefix }]) => {
      const members = embeddingMembers(
        (refHead ?? curHead).columns.map((c) => c.name),
        prefix,
      );
      const uri = (reference ?? current).uri;
      if (members.length === 0) {
        throw new InputError('INPUT_UNKNOWN_COLUMN', `${uri}: embedding "${name}": no columns named ${prefix}0, ${prefix}1, …`, {
          location: { file: uri, field: name },
        });
      }
      if ((refHead ?? curHead).columns.some((c) => c.name === name)) {
        throw new InputError('INPUT_COLUMNS_MISMATCH', `${uri}: embedding "${name}" has the name of a column of the data`, {
          location: { file: uri, field: name },
        });
      }
      return { name, members };
    });
    const memberOf = new Map(groups.flatMap((g) => g.members.map((m) => [m, g.name] as const)));
    // Column names as the run sees them: a group's members are one column, the group.
    const grouped = (names: readonly string[]): string[] => {
      const out: string[] = [];
      for (const n of names) {
        const g = memberOf.get(n);
        if (g === undefined) out.push(n);
        else if (!out.includes(g)) out.push(g);
      }
      return out;
    };
    const curNames = grouped(curHead.columns.map((c) => c.name));
    const refNames = refHead ? grouped(refHead.columns.map((c) => c.name)) : undefined;

    const timestamps = request.timestamps ?? [];
    const first = timestamps[0];
    if (request.requireTimestamp && first !== undefined && !curNames.includes(first)) {
      throw new InputError(
        'INPUT_UNKNOWN_COLUMN',
        `${current.uri}: timestamp column "${first}" is not in the data (its columns: ${curNames.join(', ')})`,
        { location: { file: current.uri, field: first } },
      );
    }
    const notTimestamp = (n: string) => !timestamps.includes(n);
    const named = new Set(request.drift?.columns ?? []);
    const declaredAside = head.columns
      .filter((c) => (c.role === 'id' || c.role === 'timestamp') && !named.has(c.name) && curNames.includes(c.name))
      .map((c) => c.name);
    const driftColumns = request.drift
      ? selectColumns(
          { source: (reference ?? current).uri, names: (refNames ?? curNames).filter(notTimestamp) },
          { source: current.uri, names: curNames.filter(notTimestamp) },
          {
            columns: request.drift.columns?.filter(notTimestamp),
            ignore: [...new Set([...(request.drift.ignore ?? []), ...declaredAside])].filter(notTimestamp),
          },
        )
      : [];

    const model = request.model
      ? modelColumnSpecs(head, request.model, [
          ...(reference ? [{ uri: reference.uri, names: refNames ?? [], targetRequired: true }] : []),
          { uri: current.uri, names: curNames, targetRequired: !request.model.targetOptional },
        ])
      : [];
    const given = new Map((request.kinds?.columns ?? []).map((c) => [c.name, c]));
    const timestampSpecs = timestamps.map(
      (name): ColumnSpec => ({ name, kind: given.get(name)?.kind ?? 'datetime', role: given.get(name)?.role ?? 'timestamp' }),
    );
    for (const name of request.columns ?? []) {
      if (!curNames.includes(name)) {
        throw new InputError('INPUT_UNKNOWN_COLUMN', `${current.uri}: no column "${name}" (columns: ${curNames.join(', ')})`, {
          location: { file: current.uri, field: name },
        });
      }
    }
    const needed = new Set([...driftColumns, ...model.map((c) => c.name), ...(request.columns ?? [])]);
    const ignored = new Set(request.allColumnsBut ?? []);
    const keepName = (name: string) => (request.allColumnsBut ? !ignored.has(name) : needed.has(name));
    const keep = (name: string) => keepName(memberOf.get(name) ?? name);
    const modelSpecs = new Map(model.map((c) => [c.name, c]));
    const base = mergeSchema(head, request.kinds)
      .columns.filter((c) => !timestamps.includes(c.name))
      .map((c) => modelSpecs.get(c.name) ?? (keep(c.name) ? c : { ...c, role: 'ignored' as const }))
      .map((c) => (memberOf.has(c.name) && c.role !== 'ignored' ? { name: c.name, kind: 'numeric' as const } : c));
    // Each side reads the columns it has; a kind the user gave for a column a side lacks is the reader's error to report.
    const readSchema = (names: readonly string[]): Schema => ({
      columns: [
        ...base.filter((c) => names.includes(memberOf.get(c.name) ?? c.name) || (given.has(c.name) && c.role !== 'ignored')),
        ...timestampSpecs.filter((t) => names.includes(t.name) && !ignored.has(t.name)),
      ],
    });
    const sortWanted = request.sortDriftColumns;
    const sortColumns = typeof sortWanted === 'function' ? driftColumns.filter(sortWanted) : sortWanted === true ? driftColumns : undefined;
    const read = (source: DataSource, side: 'reference' | 'current', names: readonly string[]) =>
      source.read({
        schema: readSchema(names),
        ...(request.strict !== undefined ? { strict: request.strict } : {}),
        onProgress: (r, t) => request.onProgress?.(side, r, t),
        ...(sortColumns ? { sortColumns } : {}),
        ...(offThread && side === 'current' ? { offThread: true } : {}),
      });
    const [refFrame, curFrame] = await Promise.all([
      reference
        ? read(reference, 'reference', refNames ?? []).then((frame) => {
            request.onReferenceRead?.(frame);
            return frame;
          })
        : undefined,
      read(current, 'current', curNames),
    ]);
    const withGroups = (frame: Frame): Frame => {
      let out = frame;
      for (const g of groups) {
        const present = g.members.filter((m) => frame.columns.some((c) => c.name === m));
        if (present.length > 0) out = groupEmbeddingColumns(out, g.name, present);
      }
      return out;
    };
    const refFigures = reference?.figures?.();
    const curFigures = current.figures?.();
    return {
      ...(refFrame ? { reference: withGroups(refFrame) } : {}),
      current: withGroups(curFrame),
      driftColumns,
      currentColumnNames: curNames,
      ...(refFigures !== undefined || curFigures !== undefined
        ? { figures: { ...(refFigures && { reference: refFigures }), ...(curFigures && { current: curFigures }) } }
        : {}),
    };
  } finally {
    await Promise.all([reference?.close?.(), current.close?.()]);
  }
}
