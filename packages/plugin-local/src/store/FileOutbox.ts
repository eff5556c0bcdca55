import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  decodeNonFinite,
  encodeNonFinite,
  type MetricPoint,
  metricPointKey,
  type OutboxBounds,
  type OutboxContents,
  type SinkOutbox,
} from '@driftwatch/core';
import { atomicTempSuffix, writeFileAtomic } from '@driftwatch/data';

/**
 * A sink's outbox in a folder of segment files (`<epoch ms>-<pid>-<random>.jsonl`, one point per
 * line). Adding writes a new segment atomically (temporary file, fsync, rename), so an add never
 * touches existing files and concurrent adds cannot lose each other. Settling writes what stays of
 * the segments last read as one new segment, then removes those segments: a crash in between leaves
 * points twice on disk, which reading deduplicates by {@link metricPointKey}.
 */
export class FileOutbox implements SinkOutbox {
  readonly dir: string;
  readonly #warn: (message: string) => void;
  readonly #now: () => number;
  #read: { readonly segments: readonly string[]; readonly kept: readonly MetricPoint[]; readonly dropped: ReadonlySet<string> } | undefined;

  constructor(dir: string, options: { readonly warn?: (message: string) => void; readonly now?: () => number } = {}) {
    this.dir = dir;
    this.#warn = options.warn ?? ((m) => process.stderr.write(`driftwatch: warning: ${m}\n`));
    this.#now = options.now ?? Date.now;
  }

  async add(points: readonly MetricPoint[]): Promise<void> {
    if (points.length === 0) return;
    await mkdir(this.dir, { recursive: true });
    await this.#writeSegment(points);
  }

  async pending(bounds: OutboxBounds): Promise<OutboxContents> {
    const segments = await this.#segments();
    const byKey = new Map<string, MetricPoint>();
    for (const name of segments) {
      let text: string;
      try {
        text = await readFile(join(this.dir, name), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      for (const [i, line] of text.split('\n').entries()) {
        if (line.length === 0) continue;
        const point = parsePoint(line);
        if (point) byKey.set(metricPointKey(point), point);
        else this.#warn(`${join(this.dir, name)}:${i + 1}: skipped a line that is not a metric point`);
      }
    }
    const dropped = new Set<string>();
    let tooOld = 0;
    const fresh: [string, MetricPoint, number][] = [];
    for (const [key, p] of byKey) {
      const time = Date.parse(p.timestamp);
      if (!(time >= bounds.now - bounds.maxAgeMs)) {
        dropped.add(key);
        tooOld += 1;
      } else fresh.push([key, p, time]);
    }
    fresh.sort((a, b) => a[2] - b[2]);
    const overflow = Math.max(0, fresh.length - bounds.maxPoints);
    for (const [key] of fresh.slice(0, overflow)) dropped.add(key);
    const kept = fresh.slice(overflow).map(([, p]) => p);
    this.#read = { segments, kept, dropped };
    return { points: kept, dropped: { tooOld, overflow } };
  }

  async settle(delivered: readonly MetricPoint[]): Promise<void> {
    const read = this.#read;
    if (!read) return;
    this.#read = undefined;
    const done = new Set(delivered.map(metricPointKey));
    const remaining = read.kept.filter((p) => !done.has(metricPointKey(p)));
    if (remaining.length === 0 && read.segments.length === 0) return;
    if (remaining.length > 0) await this.#writeSegment(remaining);
    for (const name of read.segments) await rm(join(this.dir, name), { force: true });
  }

  async #writeSegment(points: readonly MetricPoint[]): Promise<void> {
    const name = `${String(Date.now()).padStart(15, '0')}-${process.pid}-${randomBytes(4).toString('hex')}.jsonl`;
    await writeFileAtomic(
      join(this.dir, name),
      points.map((p) => `${JSON.stringify({ ...p, value: encodeNonFinite(p.value) })}\n`).join(''),
    );
  }

  async #segments(): Promise<string[]> {
    const names = await readdir(this.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    // A temporary file older than 10 minutes is the left-over of an add or settle a crash interrupted.
    for (const name of names.filter((n) => n.endsWith(atomicTempSuffix))) {
      const info = await stat(join(this.dir, name)).catch(() => undefined);
      if (info && this.#now() - info.mtimeMs > 600_000) {
        await rm(join(this.dir, name), { force: true });
        this.#warn(`removed ${join(this.dir, name)}, left over by an interrupted write`);
      }
    }
    return names.filter((n) => n.endsWith('.jsonl')).sort();
  }
}

function parsePoint(line: string): MetricPoint | undefined {
  try {
    const parsed = JSON.parse(line) as MetricPoint;
    const p = { ...parsed, value: decodeNonFinite(parsed?.value) } as MetricPoint;
    if (typeof p?.name !== 'string' || typeof p.value !== 'number' || typeof p.timestamp !== 'string') return undefined;
    if (typeof p.dimensions !== 'object' || p.dimensions === null) return undefined;
    return p;
  } catch {
    return undefined;
  }
}
