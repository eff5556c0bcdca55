import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInputError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { extensionFormat, formatByExtension, formatForPath } from './formatForPath.js';

describe('formatForPath', () => {
  it('knows every extension of the one map, in any case', () => {
    expect(Object.entries(formatByExtension)).toEqual([
      ['.csv', 'csv'],
      ['.txt', 'csv'],
      ['.tsv', 'tsv'],
      ['.tab', 'tsv'],
      ['.jsonl', 'jsonl'],
      ['.ndjson', 'jsonl'],
      ['.parquet', 'parquet'],
      ['.pq', 'parquet'],
    ]);
    expect(formatForPath('data/a.CSV')).toBe('csv');
    expect(formatForPath('a.b.tab')).toBe('tsv');
    expect(formatForPath('part-0.PQ')).toBe('parquet');
    expect(formatForPath('s3://bucket/x/events.ndjson')).toBe('jsonl');
  });

  it('rejects an unknown or missing extension, naming the file and listing the known ones', () => {
    const known = '(known: .csv, .txt, .tsv, .tab, .jsonl, .ndjson, .parquet, .pq)';
    let error: unknown;
    try {
      formatForPath('data/x.csv.gz');
    } catch (e) {
      error = e;
    }
    expect(isInputError(error) && error.code).toBe('INPUT_UNREADABLE');
    expect(isInputError(error) && error.location).toEqual({ file: 'data/x.csv.gz' });
    expect((error as Error).message).toBe(
      `data/x.csv.gz: cannot tell the format from the extension ".gz" ${known}; rename the file or pass the format`,
    );
    expect(() => formatForPath('Makefile')).toThrow(
      `Makefile: cannot tell the format without a file extension ${known}; rename the file or pass the format`,
    );
    expect(() => formatForPath('.csv')).toThrow(/without a file extension/); // a dot file, not an extension
  });

  it('says a path without a known extension is a directory or a FIFO when it is one (issue 12.10)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-format-'));
    try {
      expect(() => formatForPath(dir)).toThrow(`${dir}: cannot read: is a directory, not a data file`);
      const fifo = join(dir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      expect(() => formatForPath(fifo)).toThrow(
        `${fifo}: cannot tell the format of a FIFO (named pipe) by its name (it has no extension): give it a name with one of ` +
          '.csv, .txt, .tsv, .tab, .jsonl, .ndjson, .parquet, .pq (a symbolic link will do), or pass the format',
      );
      // With a known extension the readers open it (and say "is a directory" themselves).
      expect(formatForPath(join(dir, 'pipe.csv'))).toBe('csv');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers undefined instead of throwing for the readers that fall back to a default', () => {
    expect(extensionFormat('x.tab')).toBe('tsv');
    expect(extensionFormat('x.dat')).toBeUndefined();
    expect(extensionFormat('x.constructor')).toBeUndefined();
    expect(extensionFormat('x')).toBeUndefined();
  });
});
