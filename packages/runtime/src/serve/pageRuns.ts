import type { RunStore } from '@driftwatch/core';
import { type RunSummary, runSummary } from './runSummary.js';

/** One page of a monitor's runs, newest first. */
export interface RunPage {
  readonly runs: readonly RunSummary[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  readonly nextCursor?: string;
}

const encode = (startedAt: string, id: string) => Buffer.from(JSON.stringify([startedAt, id])).toString('base64url');

/** Reads a cursor of {@link pageRuns}; `undefined` when it is not one. */
export function decodeRunCursor(cursor: string): { readonly startedAt: string; readonly id: string } | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string')
      return { startedAt: value[0], id: value[1] };
  } catch {
    // not base64url JSON: not a cursor
  }
  return undefined;
}

/**
 * A page of `limit` runs of `monitor` older than the cursor (runs sort by start time, then id,
 * newest first). The store has no cursor query: the runs up to the page's end are listed and
 * the page cut from them (summaries, when the store keeps them: no whole results are read).
 */
export async function pageRuns(
  store: RunStore,
  monitor: string,
  options: { readonly limit: number; readonly before?: { readonly startedAt: string; readonly id: string } },
): Promise<RunPage> {
  const { limit, before } = options;
  const older = (r: { startedAt: string; id: string }) =>
    before === undefined || r.startedAt < before.startedAt || (r.startedAt === before.startedAt && r.id < before.id);
  let fetch = limit + 1;
  for (;;) {
    const runs = store.listRunSummaries
      ? await store.listRunSummaries({ monitor, limit: fetch })
      : (await store.listRuns({ monitor, limit: fetch })).map(runSummary);
    const sorted = [...runs].sort((a, b) =>
      a.startedAt === b.startedAt ? b.id.localeCompare(a.id) : b.startedAt.localeCompare(a.startedAt),
    );
    const page = sorted.filter(older);
    // Enough runs past the cursor, or the store has no more.
    if (page.length > limit || runs.length < fetch) {
      const slice = page.slice(0, limit);
      const last = slice[slice.length - 1];
      return {
        runs: slice,
        ...(page.length > limit && last ? { nextCursor: encode(last.startedAt, last.id) } : {}),
      };
    }
    fetch *= 4;
  }
}
