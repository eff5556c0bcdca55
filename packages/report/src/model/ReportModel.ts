import type { CategoricalBars } from '../binned/categoricalBars.js';
import type { NumericHistogram } from '../binned/numericHistogram.js';

/**
 * Everything an HTML report shows, as plain JSON-safe data: binned summaries and figures, never raw
 * rows. Only `title` is required; a drift check, a metrics run and a performance estimate each fill
 * the parts they have, and a section without data is left out of the page.
 *
 * Numbers may be `null` where a figure could not be computed; scalar figures may also be
 * `±Infinity` or `NaN` (an unbounded statistic), which the embedded JSON writes as the strings
 * `"Infinity"`, `"-Infinity"` and `"NaN"`, as the CLI's JSON output does.
 */
export interface ReportModel {
  /** Page title and heading. */
  readonly title: string;
  /** When the figures were computed, ISO 8601; shown as given. */
  readonly generatedAt?: string;
  /** One line under the title (monitor name, model version…). */
  readonly subtitle?: string;
  /** The data the report is about, listed under the title. */
  readonly sources?: readonly ReportSource[];
  /** The banner on top: the one-line answer. */
  readonly verdict?: ReportVerdict;
  /** One row per tested column. */
  readonly drift?: readonly DriftRow[];
  /** Reference-vs-current distributions, one chart per column. */
  readonly distributions?: readonly ColumnDistribution[];
  /** Figures per chunk (time window or row batch), one chart per entry. */
  readonly timeSeries?: readonly TimeSeriesChart[];
  /** Data-quality tables with one row per chunk. */
  readonly quality?: readonly QualityTable[];
  /** Tables of performance metrics (realised or estimated). */
  readonly metrics?: readonly MetricTable[];
  /** Text columns: their descriptors' drift and the words that separate the two sides. */
  readonly text?: readonly TextColumnSummary[];
}

/** A text column's details: content drift verdict, descriptors tested like numeric columns, separating words. */
export interface TextColumnSummary {
  readonly column: string;
  /** The content drift (domain classifier ROC AUC) row, as in the drift table. */
  readonly content: DriftRow;
  /** One row per descriptor, named `<column>.<descriptor>`. */
  readonly descriptors: readonly DriftRow[];
  /** Words typical of the current texts, most typical first. */
  readonly currentWords: readonly string[];
  /** Words typical of the reference texts. */
  readonly referenceWords: readonly string[];
}

/** A data set the report was computed from. */
export interface ReportSource {
  /** What it is: "Reference", "Current", "Labels"… */
  readonly label: string;
  /** File path or URI. */
  readonly path?: string;
  /** Rows read. */
  readonly rows?: number;
}

/** How a verdict is coloured: `alert` (drift, a metric past its threshold), `warning`, `ok`, `info` (neutral). */
export type VerdictStatus = 'alert' | 'warning' | 'ok' | 'info';

/** The report's headline. */
export interface ReportVerdict {
  readonly status: VerdictStatus;
  /** One sentence, e.g. "Drift detected in 4 of 12 columns (share 0.33 ≥ 0.3)". */
  readonly headline: string;
  /** A second line of detail (correction used, columns skipped…). */
  readonly detail?: string;
}

/** One column's drift test. */
export interface DriftRow {
  readonly column: string;
  /** Column kind: numeric, categorical, boolean… */
  readonly kind: string;
  /** Method name: ks, psi, chisquare… */
  readonly method: string;
  /** `p_value`: drift when the p-value is small; `distance`: drift when the statistic is large. */
  readonly measure: 'p_value' | 'distance';
  /** Test statistic or distance; `null` when skipped. */
  readonly statistic: number | null;
  /** p-value of a hypothesis test; `null` for distances and skipped columns. */
  readonly pValue: number | null;
  /** The threshold the p-value or distance is compared with (after any correction). */
  readonly threshold: number | null;
  /** How value and threshold compare when drifting, e.g. `p<=t` or `d>t`; shown next to the threshold. */
  readonly rule?: 'p<=t' | 'p<t' | 'd>t' | 'd>=t';
  /** The verdict; `null` when the column was skipped. */
  readonly drifted: boolean | null;
  /** Why the test could not run (constant column, all missing…). */
  readonly skipped?: string;
  /**
   * How often this method flags a column of this kind and size when nothing changed, so a reader can
   * judge an alarm: from Driftwatch's calibration table (packages/drift/CALIBRATION.md).
   */
  readonly falseAlarms?: DriftFalseAlarms;
}

/** A method's measured false-alarm rate at the sample sizes nearest a column's. */
export interface DriftFalseAlarms {
  /** Lowest and highest rate over the matching scenarios, in [0, 1] (equal for one scenario). */
  readonly low: number;
  readonly high: number;
  /** The threshold the rates were measured at: the method's default. */
  readonly threshold: number;
  /** Reference and current rows of the measured cell. */
  readonly reference: number;
  readonly current: number;
  /** The scenarios the range spans, e.g. the numeric distributions measured. */
  readonly scenarios: readonly string[];
}

/** The binned reference and current data of one column; `column` links it to its {@link DriftRow}. */
export interface ColumnDistribution {
  readonly column: string;
  readonly summary: NumericHistogram | CategoricalBars;
}

/** A line chart of one figure per chunk. */
export interface TimeSeriesChart {
  readonly title: string;
  /** A sentence under the title. */
  readonly description?: string;
  /** Label of the value axis (metric name, unit). */
  readonly yLabel?: string;
  /** Chunk keys in order, shown on the x axis (dates, ranges, row offsets). */
  readonly chunks: readonly string[];
  /** Per chunk: `true` for chunks of the reference period, drawn muted on a shaded background. */
  readonly referencePeriod?: readonly boolean[];
  /** The band of acceptable values, shaded; either bound may be absent (one-sided). */
  readonly threshold?: { readonly lower?: number | null; readonly upper?: number | null };
  /** One or more lines over the same chunks (e.g. "estimated" and "realised"). */
  readonly series: readonly TimeSeriesLine[];
}

/** One line of a {@link TimeSeriesChart}. */
export interface TimeSeriesLine {
  readonly name: string;
  /** One value per chunk; `null` (or a non-finite number) leaves a gap. */
  readonly values: readonly (number | null)[];
  /** Lower bound of a confidence band, one per chunk. */
  readonly lower?: readonly (number | null)[];
  /** Upper bound of a confidence band, one per chunk. */
  readonly upper?: readonly (number | null)[];
  /** Per chunk: `true` where this value raised an alert; marked with a diamond. */
  readonly alerts?: readonly boolean[];
  /** Line style; by default the first line is solid and the others dashed. */
  readonly style?: 'solid' | 'dashed';
}

/** A table of data-quality figures, one row per chunk. */
export interface QualityTable {
  readonly title: string;
  /** The figure columns after the chunk key. */
  readonly columns: readonly QualityColumn[];
  readonly rows: readonly QualityRow[];
}

/** A column of a {@link QualityTable}. */
export interface QualityColumn {
  readonly label: string;
  /** `percent` shows 0.125 as 12.5%; `integer` groups digits; `number` (default) keeps 4 significant digits. */
  readonly format?: 'number' | 'integer' | 'percent';
}

/** One chunk's figures. */
export interface QualityRow {
  readonly chunk: string;
  /** One cell per {@link QualityTable.columns}; `null` shows a dash. */
  readonly cells: readonly (number | string | null)[];
  /** Per cell: `true` to flag it as an alert. */
  readonly alerts?: readonly boolean[];
}

/** A table of metrics. */
export interface MetricTable {
  readonly title: string;
  readonly rows: readonly MetricRow[];
}

/** One metric's value. */
export interface MetricRow {
  readonly name: string;
  /** `null` when it could not be computed; say why in `reason`. */
  readonly value: number | null;
  /** Why `value` is null (one class only, no labels…). */
  readonly reason?: string;
  /** Confidence interval; `level` is e.g. 0.95. */
  readonly ci?: { readonly lower: number; readonly upper: number; readonly level?: number };
  /** The value to compare with (reference period, champion model). */
  readonly reference?: number | null;
  /** `true` when the value breaks its threshold. */
  readonly alert?: boolean;
}
