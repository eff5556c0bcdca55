/** Where a side of a run comes from: a data-source provider's `type` and options. */
export interface SourceSpec {
  readonly type?: string;
  /** A local file; its extension gives the type when `type` is absent. */
  readonly path?: string;
  readonly [option: string]: unknown;
}
