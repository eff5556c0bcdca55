import type { ScaledDecimals } from '@driftwatch/core';

/** A numeric sample: finite values only (missing and infinite removed). */
/** What a method's run may use besides the samples. */
export interface MethodContext {
  /** Seed of a permutation test. */
  readonly seed: number;
  /** Threads the computation may use (1: this thread only; default: a worker thread where it pays). */
  readonly threads?: number;
}

export interface NumericSample {
  readonly kind: 'numeric';
  readonly values: Float64Array;
  /** True when `values` is known to be finite and ascending (the engine sorted it), so a test need not check. */
  readonly sorted?: boolean;
  /** True when `values` is known to be finite (the engine dropped the rest), so a method need not check. */
  readonly finite?: boolean;
  /**
   * The same values as scaled decimals, when they come from a reader's scaled column (see core's
   * `NumericColumn.scaled`; all finite). `values` is then decoded when first read, so a method that can
   * work on the integers (`ks`, with both sides of one scale) reads these instead and spares the
   * doubles.
   */
  readonly scaled?: ScaledDecimals;
}

/**
 * A categorical sample: codes in `[0, categories)` shared by both sides
 * (the engine aligns the two dictionaries), missing removed.
 */
export interface CategoricalSample {
  readonly kind: 'categorical';
  readonly codes: Int32Array;
  readonly categories: number;
}

/** What a method receives for one side of a column. */
export type MethodSample = NumericSample | CategoricalSample;

/** What a method computes; `NaN` marks an undefined result, which the engine reports as skipped. */
export interface MethodOutput {
  readonly statistic: number;
  readonly pValue: number | null;
}

/** How a statistic or p-value is compared with the threshold to call drift. */
export type DriftRule = 'p<=t' | 'p<t' | 'd>t' | 'd>=t';

/** The sample kinds a method accepts. `both` methods take numeric or categorical input. */
export type MethodDomain = 'numeric' | 'categorical' | 'both' | 'binary';

/** A drift method: Evidently's stattest name, its reference and its decision rule. */
export interface DriftMethod {
  /** Evidently's stattest name, e.g. `ks`. */
  readonly name: string;
  /** A short human title, e.g. `Kolmogorov–Smirnov`. */
  readonly title: string;
  /** The reference implementation it reproduces, for docs and `--help`. */
  readonly reference: string;
  readonly domain: MethodDomain;
  readonly measure: 'p_value' | 'distance';
  readonly defaultThreshold: number;
  readonly rule: DriftRule;
  /** Fewest values each side needs; below it the column is skipped. */
  readonly minSize: number;
  /**
   * True when the method reads numeric samples in file order as fast as sorted ones (it never sorts
   * them): the engine then leaves them unsorted, and a reader need not sort the column for it.
   */
  readonly anyOrder?: boolean;
  /**
   * Runs on numeric input (`numeric`, `both`) or categorical input
   * (`categorical`, `both`, `binary`); numeric columns given to a categorical
   * method arrive with each distinct value as a category.
   */
  run(reference: MethodSample, current: MethodSample, context: MethodContext): MethodOutput;
  /**
   * {@link run} in two steps, for a method that can hand part of its work to a worker thread: the work
   * starts here, and the returned function gives {@link run}'s output. The engine starts every column's
   * method before it finishes the first, so the columns after this one overlap that work. Like
   * {@link run}, it reads the samples' arrays only until it returns: the engine may reuse their memory
   * for the next column (a scaled column's decoded values), so work handed on must take what it needs.
   */
  start?(reference: MethodSample, current: MethodSample, context: MethodContext): () => MethodOutput;
  /**
   * Called before the columns are tested, with the sides' row counts, for a method that may share its
   * work with a worker thread: it starts the thread then, so that its start-up overlaps other columns.
   */
  warm?(referenceRows: number, currentRows: number, context: Pick<MethodContext, 'threads'>): void;
}

/** Applies a method's rule. */
export function isDrift(rule: DriftRule, value: number, threshold: number): boolean {
  switch (rule) {
    case 'p<=t':
      return value <= threshold;
    case 'p<t':
      return value < threshold;
    case 'd>t':
      return value > threshold;
    case 'd>=t':
      return value >= threshold;
  }
}
