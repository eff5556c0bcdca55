/** The first bad record of an ingestion batch. */
export interface BatchIssue {
  /** 0-based position of the record in the batch. */
  readonly index: number;
  /** 1-based line of the record in an NDJSON body. */
  readonly line?: number;
  /** The bad field, e.g. `features.age`; absent when the record itself is bad. */
  readonly field?: string;
  readonly message: string;
}

/** Describes an issue in one line, e.g. `record 3 (line 4): features.age: expected a number or null, got "forty"`. */
export function describeIssue(issue: BatchIssue): string {
  const where = `record ${issue.index}${issue.line !== undefined ? ` (line ${issue.line})` : ''}`;
  return `${where}: ${issue.field !== undefined ? `${issue.field}: ` : ''}${issue.message}`;
}
