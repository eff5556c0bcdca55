/** Documents as sparse TF-IDF rows (CSR): row i's terms are `indices[offsets[i]..offsets[i+1])`. */
export interface TfidfMatrix {
  readonly rows: number;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** A vocabulary fitted on training documents with each term's idf. */
export interface TfidfVocabulary {
  /** Terms in alphabetical order (scikit-learn sorts its features). */
  readonly terms: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly idf: Float64Array;
}

const token = /[\p{L}\p{N}_]{2,}/gu;

/** scikit-learn's default analyzer: lower-cased, tokens of 2 or more word characters (`(?u)\b\w\w+\b`). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(token) ?? [];
}

/**
 * Fits `TfidfVectorizer(sublinear_tf=True, max_df=0.5)`'s vocabulary: terms in
 * at most half of the documents, idf = ln((1 + n) / (1 + df)) + 1 (smoothed).
 * Evidently also drops scikit-learn's English stop words; with `max_df=0.5`
 * the common ones are gone anyway, and no stop-word list is applied here.
 */
export function fitTfidf(documents: readonly string[]): TfidfVocabulary {
  const df = new Map<string, number>();
  for (const d of documents) for (const t of new Set(tokenize(d))) df.set(t, (df.get(t) ?? 0) + 1);
  const n = documents.length;
  const terms = [...df.entries()]
    .filter(([, count]) => count <= 0.5 * n)
    .map(([t]) => t)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(terms.map((t, i) => [t, i]));
  const idf = Float64Array.from(terms, (t) => Math.log((1 + n) / (1 + (df.get(t) as number))) + 1);
  return { terms, index, idf };
}

/** The L2-normalised rows of `documents`: (1 + ln tf) · idf per known term. */
export function tfidfRows(vocabulary: TfidfVocabulary, documents: readonly string[]): TfidfMatrix {
  const offsets = new Int32Array(documents.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < documents.length; i++) {
    const tf = new Map<number, number>();
    for (const t of tokenize(documents[i])) {
      const j = vocabulary.index.get(t);
      if (j !== undefined) tf.set(j, (tf.get(j) ?? 0) + 1);
    }
    const cols = [...tf.keys()].sort((a, b) => a - b);
    let norm = 0;
    const row = cols.map((j) => {
      const v = (1 + Math.log(tf.get(j) as number)) * vocabulary.idf[j];
      norm += v * v;
      return v;
    });
    norm = Math.sqrt(norm);
    for (let k = 0; k < cols.length; k++) {
      indices.push(cols[k]);
      values.push(row[k] / norm);
    }
    offsets[i + 1] = indices.length;
  }
  return { rows: documents.length, offsets, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}
