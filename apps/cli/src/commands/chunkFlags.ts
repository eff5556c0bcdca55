import { type ChunkPeriod, type ChunkSpec, chunkPeriods, incompletePolicies, UsageError } from '@driftwatch/core';
import { type Command, Option } from 'commander';

/** The chunking flags shared by `check`, `metrics` and `estimate`. */
export interface ChunkFlags {
  window?: string;
  chunks?: string;
  period?: ChunkPeriod;
  timestamp?: string;
  incomplete?: 'keep' | 'drop' | 'merge';
  referenceChunks?: boolean;
}

/** Adds `--window`, `--chunks`, `--period`, `--timestamp` and `--incomplete` to a command. */
export function addChunkOptions(command: Command, what: string): Command {
  return command
    .option('--window <rows>', `${what} in consecutive chunks of this many rows`)
    .option('--chunks <n>', `${what} in N consecutive chunks of equal size (±1 row)`)
    .addOption(new Option('--period <period>', `${what} by calendar period (UTC) of --timestamp`).choices(chunkPeriods))
    .option('--timestamp <column>', 'timestamp column for --period (read as a date-time); dates --window/--chunks chunks')
    .addOption(
      new Option(
        '--incomplete <policy>',
        'with --window, a last chunk with fewer rows: keep it, drop it or merge it into the previous (default keep)',
      ).choices(incompletePolicies),
    );
}

/** Whole number ≥ 1 from a flag, or a usage error naming it. */
export function parseCount(flag: string, text: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isInteger(x) || x < 1) throw new UsageError(`${flag} "${text}" must be a whole number ≥ 1`);
  return x;
}

/** The chunking the flags ask for, `undefined` for none; conflicting flags are usage errors. */
export function chunkSpec(flags: ChunkFlags): ChunkSpec | undefined {
  const given = (['window', 'chunks', 'period'] as const).filter((f) => flags[f] !== undefined);
  if (given.length > 1)
    throw new UsageError(
      `--${given.join(' and --')} cannot be combined: chunk by rows (--window), by count (--chunks) or by time (--period)`,
    );
  if (flags.incomplete !== undefined && flags.window === undefined) {
    throw new UsageError('--incomplete applies to --window only (--chunks gives equal chunks; --period chunks are whole periods)');
  }
  if (given.length === 0) {
    if (flags.timestamp !== undefined) throw new UsageError('--timestamp needs --period (or --window / --chunks to date the chunks)');
    if (flags.referenceChunks) throw new UsageError('--reference-chunks needs --window, --chunks or --period');
    return undefined;
  }
  const timestamp = flags.timestamp === undefined ? {} : { timestamp: flags.timestamp };
  if (flags.window !== undefined)
    return { by: 'size', size: parseCount('--window', flags.window), incomplete: flags.incomplete ?? 'keep', ...timestamp };
  if (flags.chunks !== undefined) return { by: 'count', count: parseCount('--chunks', flags.chunks), ...timestamp };
  if (flags.timestamp === undefined)
    throw new UsageError(`--period needs --timestamp COLUMN: the column whose date-times place rows in ${flags.period}s`);
  return { by: 'period', period: flags.period as ChunkPeriod, timestamp: flags.timestamp };
}
