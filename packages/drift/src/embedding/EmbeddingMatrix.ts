/** Rows × dim floats, row-major: one side of an embedding column. */
export interface EmbeddingMatrix {
  readonly rows: number;
  readonly dim: number;
  readonly values: Float32Array | Float64Array;
}

/** A row-major float64 copy (the kernels run on one array type, so V8 keeps them monomorphic). */
export function toFloat64(m: EmbeddingMatrix): Float64Array {
  return m.values instanceof Float64Array ? m.values : Float64Array.from(m.values);
}
