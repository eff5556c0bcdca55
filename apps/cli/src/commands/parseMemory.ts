import { UsageError } from '@driftwatch/core';
import { defaultMemoryShare, parseMemorySize } from '@driftwatch/runtime';

/**
 * Bytes of `--max-memory` (see `parseMemorySize`: 400MB, 2GB, 25% of the machine's memory or a
 * container's limit when lower). Default 25% of it.
 */
export function parseMemory(text: string | undefined): number {
  const parsed = parseMemorySize(text ?? defaultMemoryShare);
  if ('problem' in parsed) throw new UsageError(`--max-memory ${parsed.problem}`);
  return parsed.bytes;
}
