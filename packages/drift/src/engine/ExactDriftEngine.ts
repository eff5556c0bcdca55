import {
  type CategoricalColumn,
  type Column,
  type ColumnDrift,
  ColumnSelectionError,
  type ConstantColumns,
  type DriftDefaults,
  type DriftEngine,
  type DriftOptions,
  type DriftReport,
  driftReportSchemaVersion,
  type EmbeddingColumn,
  type Frame,
  InputError,
  type SideCounts,
  type TextColumn,
  UsageError,
} from '@driftwatch/core';
import { type AdjustedTest, adjustThresholds } from '../dataset/adjustThresholds.js';
import { selectColumns } from '../dataset/selectColumns.js';
import { testEmbeddingColumn } from '../embedding/testEmbeddingColumn.js';
import { type DriftMethod, isDrift, type MethodSample, type NumericSample } from '../methods/DriftMethod.js';
import { driftMethods } from '../methods/driftMethods.js';
import { constantColumn, singleCategory, startDriftMethod } from '../methods/runDriftMethod.js';
import type { NumericProfile } from '../profile/NumericProfile.js';
import { profileDrift, profileMethods } from '../profile/profileDrift.js';
import { columnEvidence } from '../selection/columnEvidence.js';
import { selectDefaultMethod } from '../selection/selectDefaultMethod.js';
import { testTextColumn, textContentMethod } from '../text/testTextColumn.js';
import { countDistinctUpTo, numericAsCategorical, prepareCategorical, prepareNumeric, sortedSample } from './prepareColumn.js';

type Testable = 'numeric' | 'categorical';

/** A column decided but not yet corrected for multiple testing. */
interface Pending {
  readonly base: Omit<ColumnDrift, 'threshold' | 'drifted' | 'statistic' | 'pValue' | 'skipped'>;
  readonly threshold: number;
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly skipped?: string;
  /** Set when the method decides drift itself (embeddings: Evidently compares MMD² before clipping it at 0). */
  readonly drifted?: boolean;
}

/**
 * A side of a run over its memory budget: the columns held whole (`columns`, as in a frame) and
 * the numeric columns summarised into profiles (counted on shared bins, see `planProfileBins`).
 */
export interface ProfiledSide extends Frame {
  readonly profiles: ReadonlyMap<string, NumericProfile>;
  /** The names of `columns` and `profiles` in file order (the report's order). */
  readonly order: readonly string[];
}

/**
 * The exact (raw-sample) drift engine: one method per column, a default
 * selection (calibrated or Evidently's, see `selectDefaultMethod`) when none is named, a dataset verdict from the share of
 * drifted columns, and optional multiple-testing correction.
 */
export class ExactDriftEngine implements DriftEngine {
  readonly #methods: ReadonlyMap<string, DriftMethod>;

  constructor(methods: readonly DriftMethod[] = driftMethods) {
    this.#methods = new Map(methods.map((m) => [m.name, m]));
  }

  wantsSorted(method: string): boolean {
    return this.#methods.get(method)?.anyOrder !== true;
  }

  compare(reference: Frame, current: Frame, options: DriftOptions = {}): DriftReport {
    return this.#compare(reference, current, options);
  }

  /** Warms each method named in `options.methods` (its worker thread, if it has one) for sides of these sizes. */
  warm(options: Pick<DriftOptions, 'methods' | 'threads'>, referenceRows: number, currentRows: number): void {
    const context = options.threads !== undefined ? { threads: options.threads } : {};
    for (const name of new Set(Object.values(options.methods ?? {}))) this.#methods.get(name)?.warm?.(referenceRows, currentRows, context);
  }

  /**
   * As {@link compare}, for data over the memory budget: profiled columns are tested on their
   * profiles (path `histogram` or `sketch`), the others as in memory (path `exact`); every
   * column's result names its path, and the dataset its `memory`. `budgetName` names the budget
   * in the error of a method that needs every value (a monitor's: `monitors[i].drift.maxMemory`).
   */
  compareProfiled(
    reference: ProfiledSide,
    current: ProfiledSide,
    options: DriftOptions,
    memory: { readonly budgetBytes: number; readonly estimatedBytes: number },
    budgetName = '--max-memory (drift.maxMemory)',
  ): DriftReport {
    return this.#compare(reference, current, options, memory, budgetName);
  }

  #compare(
    reference: Frame | ProfiledSide,
    current: Frame | ProfiledSide,
    options: DriftOptions,
    memory?: { readonly budgetBytes: number; readonly estimatedBytes: number },
    budgetName = '--max-memory (drift.maxMemory)',
  ): DriftReport {
    const refProfiles = 'profiles' in reference ? reference.profiles : undefined;
    const curProfiles = 'profiles' in current ? current.profiles : undefined;
    const namesOf = (f: Frame | ProfiledSide, p: ReadonlyMap<string, NumericProfile> | undefined) =>
      'order' in f ? [...f.order] : [...f.columns.map((c) => c.name), ...(p ? p.keys() : [])];
    const names = selectColumns(
      { source: reference.source, names: namesOf(reference, refProfiles) },
      { source: current.source, names: namesOf(current, curProfiles) },
      options,
    );
    const methodOf = options.methods ?? {};
    const thresholdOf = options.thresholds ?? {};
    for (const [option, keys] of [
      ['methods', Object.keys(methodOf)],
      ['thresholds', Object.keys(thresholdOf)],
    ] as const) {
      const known = namesOf(reference, refProfiles);
      const unknown = keys.filter((key) => key !== '*' && !names.includes(key) && !known.includes(key));
      if (unknown.length > 0) {
        throw new ColumnSelectionError({ kind: 'unknown', option, columns: unknown, known });
      }
    }
    const seed = options.seed ?? 0;
    const defaults = options.defaults ?? 'calibrated';
    const rules: ColumnRules = {
      defaults,
      constant: options.constantColumns ?? 'count',
      integerCategories: options.integerCategories ?? defaultIntegerCategories,
      textDescriptors: options.textDescriptors ?? {},
      seed,
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
    };
    // One working buffer for every in-place column sort, made when a column is first sorted.
    let scratch: Float64Array | undefined;
    const sortScratch = options.reorderRows
      ? () => {
          scratch ??= new Float64Array(Math.max(reference.rowCount, current.rowCount));
          return scratch;
        }
      : undefined;
    // Where a scaled column's values are decoded for its test, if its method reads them (ks on two sides of
    // one scale reads the integers): one array a side for all columns (methods read a sample only while
    // they start), made when first needed.
    let decoded: [Float64Array, Float64Array] | undefined;
    const decodeInto = (side: 0 | 1): Float64Array => {
      decoded ??= [new Float64Array(reference.rowCount), new Float64Array(current.rowCount)];
      return decoded[side];
    };
    // Where a categorical side's codes are put on the shared dictionary, when they must be: the same
    // way, one array a side for all columns.
    const remapped: (Int32Array | undefined)[] = [];
    const remapInto = (side: 0 | 1): Int32Array => (remapped[side] ??= new Int32Array(side === 0 ? reference.rowCount : current.rowCount));
    // A named method that may share its work with a worker thread starts it now, while the first columns are tested.
    for (const name of names) {
      if (refProfiles?.has(name)) continue;
      this.#methods.get(methodOf[name] ?? methodOf['*'] ?? '')?.warm?.(reference.rowCount, current.rowCount, rules);
    }
    // Every column is started before the first is finished: a method that hands work to a worker
    // thread at its start (ks's exact Smirnov sum) runs beside the columns tested after it.
    const startColumn = (name: string): (() => Pending) => {
      const refProfile = refProfiles?.get(name);
      const curProfile = curProfiles?.get(name);
      if (refProfile && curProfile) {
        const profiled = this.#testProfile(
          name,
          refProfile,
          curProfile,
          { column: methodOf[name], all: methodOf['*'] },
          { column: thresholdOf[name], all: thresholdOf['*'] },
          defaults,
          budgetName,
        );
        return () => profiled;
      }
      const ref = reference.columns.find((c) => c.name === name) as Column;
      const cur = current.columns.find((c) => c.name === name) as Column;
      const finish = this.#testColumn(
        ref,
        cur,
        { column: methodOf[name], all: methodOf['*'] },
        { column: thresholdOf[name], all: thresholdOf['*'] },
        seed,
        rules,
        sortScratch,
        decodeInto,
        remapInto,
      );
      return () => {
        const tested = finish();
        return memory ? { ...tested, base: { ...tested.base, path: 'exact' } } : tested;
      };
    };
    const started: (() => Pending)[] = [];
    try {
      for (const name of names) started.push(startColumn(name));
    } catch (error) {
      // Join what started (a worker's sum must not outlive the comparison), then report the error.
      for (const finish of started) finish();
      throw error;
    }
    const pending = started.map((finish) => finish());

    const correction = options.correction ?? 'none';
    const pIdx: number[] = [];
    pending.forEach((p, i) => {
      if (p.skipped === undefined && p.base.measure === 'p_value') pIdx.push(i);
    });
    const adjusted = adjustThresholds(
      pIdx.map((i) => ({ pValue: pending[i].pValue as number, threshold: pending[i].threshold, rule: pending[i].base.rule })),
      correction,
    );
    const byIndex = new Map<number, AdjustedTest>(pIdx.map((i, k) => [i, adjusted[k]]));
    const columns: ColumnDrift[] = pending.map((p, i) => {
      if (p.skipped !== undefined) {
        return { ...p.base, statistic: null, pValue: null, threshold: p.threshold, drifted: false, skipped: p.skipped };
      }
      const adj = byIndex.get(i);
      const threshold = adj ? adj.threshold : p.threshold;
      const drifted = adj ? adj.drifted : (p.drifted ?? isDrift(p.base.rule, p.statistic as number, p.threshold));
      return { ...p.base, statistic: p.statistic, pValue: p.pValue, threshold, drifted };
    });

    const tested = columns.filter((c) => c.skipped === undefined).length;
    const driftedColumns = columns.filter((c) => c.drifted).length;
    const share = tested === 0 ? 0 : driftedColumns / tested;
    const datasetShare = options.datasetShare ?? 0.5;
    return {
      schemaVersion: driftReportSchemaVersion,
      generatedAt: new Date().toISOString(),
      reference: { source: reference.source, rows: reference.rowCount },
      current: { source: current.source, rows: current.rowCount },
      dataset: {
        drifted: tested > 0 && share >= datasetShare,
        driftedColumns,
        testedColumns: tested,
        share,
        datasetShare,
        correction,
        defaults,
        ...(memory ? { memory } : {}),
      },
      columns,
    };
  }

  #testProfile(
    name: string,
    ref: NumericProfile,
    cur: NumericProfile,
    methods: { readonly column?: string; readonly all?: string },
    thresholds: { readonly column?: number; readonly all?: number },
    defaults: DriftDefaults,
    budgetName: string,
  ): Pending {
    const counts = (p: NumericProfile): SideCounts => ({
      rows: p.rows,
      missing: p.missing + p.infinite,
      invalid: p.invalid,
      infinite: p.infinite,
    });
    let distinct = 0;
    if (ref.distinct && cur.distinct) distinct = new Set([...ref.distinct.keys(), ...cur.distinct.keys()]).size;
    else distinct = profileDistinctUnknown;
    const methodName =
      methods.column ??
      methods.all ??
      selectDefaultMethod(
        columnEvidence(
          'numeric',
          ref.rows,
          Math.min(distinct, 6),
          { kind: 'numeric', values: ref.sampled() },
          { kind: 'numeric', values: cur.sampled() },
          defaults,
        ),
        defaults,
      );
    const method = this.#methods.get(methodName);
    if (method === undefined) {
      throw new UsageError(`unknown method "${methodName}" for column "${name}" (known: ${[...this.#methods.keys()].join(', ')})`);
    }
    if (!(profileMethods as readonly string[]).includes(method.name)) {
      throw new UsageError(
        `method "${method.name}" needs every value of column "${name}" in memory, which is over the memory budget: raise ${budgetName} or use one of ${profileMethods.join(', ')}`,
      );
    }
    const threshold = thresholds.column ?? thresholds.all ?? method.defaultThreshold;
    const base = {
      column: name,
      kind: 'numeric' as const,
      method: method.name,
      measure: method.measure,
      rule: method.rule,
      reference: counts(ref),
      current: counts(cur),
    };
    const skip = (reason: string, path: 'histogram' | 'sketch'): Pending => ({
      base: { ...base, path },
      threshold,
      statistic: null,
      pValue: null,
      skipped: reason,
    });
    const path = method.name === 'ks' || method.name === 'wasserstein' ? 'sketch' : 'histogram';
    // The in-memory path's degenerate cases, with its words (see runDriftMethod).
    if (ref.n === 0 && cur.n === 0) return skip('no values on either side', path);
    if (ref.n === 0) return skip('no values in the reference', path);
    if (cur.n === 0) return skip('no values in the current data', path);
    if (ref.min === ref.max && cur.min === cur.max && ref.min === cur.min) return skip('constant column (one value on both sides)', path);
    const out = profileDrift(method, ref, cur);
    if (out.skipped !== undefined) return skip(out.skipped, out.path);
    if (Number.isNaN(out.statistic) || (out.pValue !== null && Number.isNaN(out.pValue))) {
      return skip(`${method.name} is undefined for this input (${method.reference} returns NaN)`, out.path);
    }
    return {
      base: { ...base, path: out.path, ...(out.bound ? { bound: out.bound } : {}) },
      threshold,
      statistic: out.statistic,
      pValue: out.pValue,
    };
  }

  #testColumn(
    ref: Column,
    cur: Column,
    methods: { readonly column?: string; readonly all?: string },
    thresholds: { readonly column?: number; readonly all?: number },
    seed: number,
    rules: ColumnRules,
    sortScratch: (() => Float64Array) | undefined,
    decodeInto: (side: 0 | 1) => Float64Array,
    remapInto: (side: 0 | 1) => Int32Array,
  ): () => Pending {
    const { defaults } = rules;
    const methodName = methods.column ?? methods.all;
    let thresholdOverride = thresholds.column ?? thresholds.all;
    const kind = ref.kind;
    const testable: Testable | undefined =
      kind === 'numeric' ? 'numeric' : kind === 'categorical' || kind === 'boolean' ? 'categorical' : undefined;
    if (cur.kind !== kind && !(testable === 'categorical' && (cur.kind === 'categorical' || cur.kind === 'boolean'))) {
      throw new InputError(
        'INPUT_COLUMNS_MISMATCH',
        `column "${ref.name}" is ${kind} in the reference but ${cur.kind} in the current data`,
      );
    }
    if (kind === 'embedding') {
      const tested = testEmbeddingColumn(ref as EmbeddingColumn, cur as EmbeddingColumn, methods, thresholds);
      return () => tested;
    }
    if (kind === 'text') {
      if (methods.column !== undefined && methods.column !== textContentMethod)
        throw new UsageError(`text column "${ref.name}" is tested by ${textContentMethod} (and its descriptors), not ${methods.column}`);
      // Descriptors go through the engine's own numeric path, with this run's rules.
      const tested = testTextColumn(
        ref as TextColumn,
        cur as TextColumn,
        thresholds.column,
        rules.textDescriptors[ref.name] ?? {},
        (r, c) =>
          this.compare(r, c, {
            defaults: rules.defaults,
            constantColumns: rules.constant,
            integerCategories: rules.integerCategories,
            seed: rules.seed,
            reorderRows: true,
            ...(rules.threads !== undefined ? { threads: rules.threads } : {}),
          }),
      );
      return () => tested;
    }
    if (testable === undefined) {
      const counts: SideCounts = { rows: 0, missing: 0, invalid: ref.invalid, infinite: 0 };
      const skipped: Pending = {
        base: {
          column: ref.name,
          kind,
          method: methodName ?? 'none',
          measure: 'distance',
          rule: 'd>=t',
          reference: { ...counts, rows: rowsOf(ref) },
          current: { ...counts, invalid: cur.invalid, rows: rowsOf(cur) },
        },
        threshold: thresholdOverride ?? 0,
        statistic: null,
        pValue: null,
        skipped: `${kind} columns are not drift-tested`,
      };
      return () => skipped;
    }

    let refSample: MethodSample;
    let curSample: MethodSample;
    let refCounts: SideCounts;
    let curCounts: SideCounts;
    // Distinct values up to 6, for the default method's choice (counted when needed).
    let distinct: number | undefined;
    // Evidently's column-type rule, for columns whose method is not named: few integers are categories.
    let asCategories = false;
    if (testable === 'numeric') {
      // Sorted once the method is known (one that reads any order is spared the sort).
      const refColumn = ref as Extract<Column, { kind: 'numeric' }>;
      const curColumn = cur as Extract<Column, { kind: 'numeric' }>;
      const r = prepareNumeric(refColumn, undefined, () => decodeInto(0));
      const c = prepareNumeric(curColumn, undefined, () => decodeInto(1));
      refSample = r.sample;
      curSample = c.sample;
      refCounts = r.counts;
      curCounts = c.counts;
      asCategories =
        methods.column === undefined &&
        rules.integerCategories > 0 &&
        r.counts.missing === 0 &&
        c.counts.missing === 0 &&
        r.sample.values.length > 0 &&
        isFewIntegers(r.sample, c.sample, rules.integerCategories);
      if (asCategories) {
        const [rs, cs] = sortScratch ? [sortedSample(r.sample, sortScratch), sortedSample(c.sample, sortScratch)] : [r.sample, c.sample];
        const asCat = numericAsCategorical(rs.values, cs.values, rs.sorted === true && cs.sorted === true);
        refSample = asCat.reference;
        curSample = asCat.current;
        distinct = asCat.reference.categories;
      }
    } else {
      const p = prepareCategorical(ref as CategoricalColumn, cur as CategoricalColumn, remapInto);
      refSample = p.reference;
      curSample = p.current;
      refCounts = p.referenceCounts;
      curCounts = p.currentCounts;
      distinct = p.reference.categories;
    }

    const selectAs: Testable = asCategories ? 'categorical' : testable;
    const chooseDefault = (): string => {
      distinct ??= countDistinctUpTo((refSample as NumericSample).values, (curSample as NumericSample).values, 5);
      return selectDefaultMethod(columnEvidence(selectAs, rowsOf(ref), distinct, refSample, curSample, defaults), defaults);
    };
    let name = methodName ?? chooseDefault();
    let method = this.#methods.get(name);
    if (method === undefined) {
      throw new UsageError(`unknown method "${name}" for column "${ref.name}" (known: ${[...this.#methods.keys()].join(', ')})`);
    }
    // A method named for all columns applies to those it fits; the others keep their default
    // method and its default threshold (unless the column has a threshold of its own).
    if (methods.column === undefined && methods.all !== undefined && selectAs === 'categorical' && method.domain === 'numeric') {
      name = chooseDefault();
      method = this.#methods.get(name) as DriftMethod;
      thresholdOverride = thresholds.column;
    }
    if (testable === 'categorical' && method.domain === 'numeric') {
      const fits = [...this.#methods.values()].filter((m) => m.domain !== 'numeric').map((m) => m.name);
      throw new UsageError(`method "${name}" needs a numeric column, but "${ref.name}" is ${kind} (methods for it: ${fits.join(', ')})`);
    }
    if (sortScratch && !asCategories && refSample.kind === 'numeric' && curSample.kind === 'numeric' && method.anyOrder !== true) {
      refSample = sortedSample(refSample, sortScratch);
      curSample = sortedSample(curSample, sortScratch);
    }
    const threshold = thresholdOverride ?? method.defaultThreshold;
    const base = {
      column: ref.name,
      kind,
      method: method.name,
      measure: method.measure,
      rule: method.rule,
      ...(asCategories ? { testedAs: 'categorical' as const } : {}),
      reference: refCounts,
      current: curCounts,
    };
    const finish = startDriftMethod(method, refSample, curSample, {
      threshold,
      seed: columnSeed(seed, ref.name),
      constant: rules.constant,
      ...(rules.threads !== undefined ? { threads: rules.threads } : {}),
    });
    return () => {
      const result = finish();
      // A constant integer column read as categories is still a constant column to the user.
      const skipped = asCategories && result.skipped === singleCategory ? constantColumn : result.skipped;
      return { base, threshold, statistic: result.statistic, pValue: result.pValue, skipped };
    };
  }
}

/** Evidently's `INTEGER_CARDINALITY_LIMIT`: integer columns with at most this many distinct values are categorical. */
export const defaultIntegerCategories = 10;

/** The engine-wide rules a column is tested by. */
interface ColumnRules {
  readonly defaults: DriftDefaults;
  readonly constant: ConstantColumns;
  readonly integerCategories: number;
  readonly textDescriptors: NonNullable<DriftOptions['textDescriptors']>;
  readonly seed: number;
  readonly threads?: number;
}

/**
 * Whether a numeric column is what Evidently (`infer_column_type`) reads as categorical: an integer dtype
 * (every value on both sides an integer; the caller checks that none is missing, which makes pandas read
 * floats) with at most `limit` distinct values in the reference.
 */
function isFewIntegers(reference: NumericSample, current: NumericSample, limit: number): boolean {
  return allIntegers(reference) && allIntegers(current) && countDistinctUpTo(reference.values, new Float64Array(0), limit) <= limit;
}

/**
 * Whether every value of a sample is an integer. A scaled sample answers from its integers, without
 * decoding: `k / 10^s` is an integer exactly when 10^s divides `k` (a remainder leaves a fraction of at
 * least 10^-s, far above the rounding of a quotient below 2^31).
 */
function allIntegers(sample: NumericSample): boolean {
  const scaled = sample.scaled;
  if (scaled === undefined) {
    const v = sample.values;
    for (let i = 0; i < v.length; i++) if (!Number.isInteger(v[i])) return false;
    return true;
  }
  if (scaled.scale === 0) return true;
  let unit = 1;
  for (let k = 0; k < scaled.scale; k++) unit *= 10;
  const ints = scaled.ints;
  for (let i = 0; i < ints.length; i++) if ((ints[i] as number) % unit !== 0) return false;
  return true;
}

/**
 * The permutation seed of one column: the run's seed mixed with the column's name (FNV-1a), so each
 * column draws its own permutations. With one stream for every column, the Monte Carlo error of the
 * permutation p-values is shared: on 1000 same-distribution columns of equal size the permuted null
 * values of a rank statistic are then identical for all of them, and the share of columns flagged
 * strays from α by that one error (measured: `ks_permutation` 3.5–10.5%, `empirical_mmd` 17–20% at
 * threshold 0.1) instead of averaging out.
 */
function columnSeed(seed: number, column: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < column.length; i++) {
    h ^= column.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ seed) >>> 0;
}

/** More distinct values than the default rules look at (a profile stopped counting them). */
const profileDistinctUnknown = 6;

function rowsOf(c: Column): number {
  switch (c.kind) {
    case 'numeric':
      // Not `values`, which would decode a scaled column for good.
      return c.scaled?.ints.length ?? c.values.length;
    case 'datetime':
      return c.values.length;
    case 'categorical':
    case 'boolean':
      return c.codes.length;
    case 'text':
      return c.values.length;
    case 'embedding':
      return c.dim === 0 ? 0 : c.values.length / c.dim;
  }
}
