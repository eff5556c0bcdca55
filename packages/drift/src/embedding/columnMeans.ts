/** Per-dimension mean of a row-major rows × dim matrix over the given rows (all rows when `rows` is absent). */
export function columnMeans(values: Float64Array, dim: number, rowCount: number, rows?: Int32Array): Float64Array {
  const sums = new Float64Array(dim);
  const n = rows ? rows.length : rowCount;
  for (let r = 0; r < n; r++) {
    const off = (rows ? (rows[r] as number) : r) * dim;
    for (let k = 0; k < dim; k++) sums[k] += values[off + k] as number;
  }
  for (let k = 0; k < dim; k++) sums[k] /= n;
  return sums;
}
