import type { DataReadOptions } from '../DataReadOptions.js';
import type { ReadFrame } from '../ReadFrame.js';

/**
 * Reads a Parquet file (see `readParquet.ts`). The reader, hyparquet and its WASM
 * decompressors load on first use, so CSV and JSONL users never pay for them.
 */
export async function readParquet(file: string, options: DataReadOptions = {}): Promise<ReadFrame> {
  return (await import('./readParquet.js')).readParquet(file, options);
}
