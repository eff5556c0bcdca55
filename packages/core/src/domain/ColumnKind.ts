/** The kinds of column Driftwatch knows how to test. */
export const columnKinds = ['numeric', 'categorical', 'boolean', 'datetime', 'text', 'embedding'] as const;

/** One of {@link columnKinds}. */
export type ColumnKind = (typeof columnKinds)[number];
