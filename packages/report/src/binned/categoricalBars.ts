import { InputError } from '@driftwatch/core';

/** One side (reference or current) of a {@link CategoricalBars}. */
export interface CategorySide {
  /** Rows in the sample, missing included. */
  readonly rows: number;
  /** Rows per category, in the order of {@link CategoricalBars.categories}. */
  readonly counts: readonly number[];
  /** Rows in the categories folded into "other". */
  readonly other: number;
  /** Rows with a missing value (code `-1`). */
  readonly missing: number;
}

/**
 * Reference and current counts of one categorical column, aligned by category name: the binned
 * summary a report embeds instead of raw rows.
 */
export interface CategoricalBars {
  readonly kind: 'categorical';
  /** The most frequent categories, by reference share plus current share, highest first (ties by name). */
  readonly categories: readonly string[];
  /** How many further categories (seen on either side) are summed into each side's `other`. */
  readonly otherCategories: number;
  readonly reference: CategorySide;
  readonly current: CategorySide;
}

/**
 * Counts the categories of both samples, aligned by name (the two dictionaries may differ in order
 * and content), and keeps the `topK` that weigh most on either side; the rest are summed into an
 * "other" bucket. Ranking by the sum of the two sides' shares keeps a category that is frequent on
 * one side only (a new category in the current data). Categories no row uses are dropped.
 *
 * One pass over each code array (counting per dictionary entry), then work per category only.
 *
 * @param refCodes - indexes into `refDict`, `-1` for missing.
 * @param curCodes - indexes into `curDict`, `-1` for missing.
 * @param topK - categories to keep, an integer >= 1; default 20.
 * @throws InputError (`INPUT_INVALID_VALUE`) naming the parameter: a code outside its dictionary, or a bad `topK`.
 */
export function categoricalBars(
  refCodes: Int32Array,
  refDict: readonly string[],
  curCodes: Int32Array,
  curDict: readonly string[],
  topK = 20,
): CategoricalBars {
  if (!Number.isInteger(topK) || topK < 1) {
    throw new InputError('INPUT_INVALID_VALUE', `categoricalBars: topK must be an integer >= 1, got ${topK}`);
  }
  const ref = countCodes(refCodes, refDict, 'refCodes', 'refDict');
  const cur = countCodes(curCodes, curDict, 'curCodes', 'curDict');

  const index = new Map<string, number>();
  const names: string[] = [];
  const refMap = unionIndex(refDict, index, names);
  const curMap = unionIndex(curDict, index, names);
  const refCounts = new Float64Array(names.length);
  const curCounts = new Float64Array(names.length);
  for (let c = 0; c < refDict.length; c++) refCounts[refMap[c]] += ref.counts[c];
  for (let c = 0; c < curDict.length; c++) curCounts[curMap[c]] += cur.counts[c];

  const refTotal = refCodes.length - ref.missing;
  const curTotal = curCodes.length - cur.missing;
  const used: number[] = [];
  const score = new Float64Array(names.length);
  for (let u = 0; u < names.length; u++) {
    if (refCounts[u] === 0 && curCounts[u] === 0) continue;
    used.push(u);
    score[u] = (refTotal > 0 ? refCounts[u] / refTotal : 0) + (curTotal > 0 ? curCounts[u] / curTotal : 0);
  }
  used.sort((a, b) => score[b] - score[a] || (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));

  const kept = used.slice(0, topK);
  let refOther = 0;
  let curOther = 0;
  for (let j = topK; j < used.length; j++) {
    refOther += refCounts[used[j]];
    curOther += curCounts[used[j]];
  }
  return {
    kind: 'categorical',
    categories: kept.map((u) => names[u]),
    otherCategories: Math.max(used.length - topK, 0),
    reference: { rows: refCodes.length, counts: kept.map((u) => refCounts[u]), other: refOther, missing: ref.missing },
    current: { rows: curCodes.length, counts: kept.map((u) => curCounts[u]), other: curOther, missing: cur.missing },
  };
}

function countCodes(codes: Int32Array, dict: readonly string[], codesName: string, dictName: string) {
  const counts = new Float64Array(dict.length);
  const size = dict.length;
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && c < size) counts[c]++;
    else if (c === -1) missing++;
    else {
      throw new InputError(
        'INPUT_INVALID_VALUE',
        `categoricalBars: ${codesName}[${i}] = ${c} is not -1 (missing) nor an index into ${dictName} (length ${size})`,
      );
    }
  }
  return { counts, missing };
}

/** Maps each dictionary entry to its index in the union of names, adding new names to it. */
function unionIndex(dict: readonly string[], index: Map<string, number>, names: string[]): Int32Array {
  const map = new Int32Array(dict.length);
  for (let c = 0; c < dict.length; c++) {
    const name = dict[c];
    let u = index.get(name);
    if (u === undefined) {
      u = names.length;
      index.set(name, u);
      names.push(name);
    }
    map[c] = u;
  }
  return map;
}
