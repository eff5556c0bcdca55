import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Xoshiro128 } from '@driftwatch/core';
import { distanceDrift, mmdDrift } from '@driftwatch/drift';
import { beforeAll, describe, expect, it } from 'vitest';

// End to end: the built command as a user runs it (`pnpm test` builds first).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const main = join(root, 'apps/cli/dist/main.js');

function driftwatch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Entry {
  column: string;
  kind: string;
  method: string;
  statistic: number | null;
  threshold: number;
  drifted: boolean;
  skipped?: string;
  embedding?: { dim: number; parameters: Record<string, unknown>; bootstrapQuantile?: number };
}

let dir: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-emb-'));
});

/** rows × dim vectors, values to 4 decimals (exact in the CSV text), the first `shifted` dimensions moved by `shift`. */
function vectors(rng: Xoshiro128, rows: number, dim: number, shift: number, shifted: number): Float64Array {
  const out = new Float64Array(rows * dim);
  for (let i = 0; i < out.length; i++) {
    const gauss = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    out[i] = Math.round((gauss + (i % dim < shifted ? shift : 0)) * 1e4) / 1e4;
  }
  return out;
}

function csv(name: string, v: Float64Array, dim: number): string {
  const lines = [['id', ...Array.from({ length: dim }, (_, k) => `emb_${k}`)].join(',')];
  for (let r = 0; r < v.length / dim; r++) lines.push([r, ...v.subarray(r * dim, (r + 1) * dim)].join(','));
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function jsonl(name: string, v: Float64Array, dim: number): string {
  const lines: string[] = [];
  for (let r = 0; r < v.length / dim; r++) lines.push(JSON.stringify({ id: r, emb: Array.from(v.subarray(r * dim, (r + 1) * dim)) }));
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const embeddingOf = (stdout: string): Entry =>
  (JSON.parse(stdout) as { columns: Entry[] }).columns.find((c) => c.column === 'emb') as Entry;

describe('driftwatch check on embeddings (issue 14)', () => {
  const rng = new Xoshiro128(1414);
  const dim = 6;
  const ref = vectors(rng, 300, dim, 0, 0);
  const cur = vectors(rng, 200, dim, 0.6, 2);

  it('CSV column group by prefix: one "embedding" entry whose distance equals the method on the same vectors', () => {
    const r = driftwatch(
      'check',
      '-r',
      csv('ref.csv', ref, dim),
      '-c',
      csv('cur.csv', cur, dim),
      '--embedding',
      'emb=emb_',
      '--method',
      'emb=distance:metric=cosine',
      '--columns',
      'emb',
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const e = embeddingOf(r.stdout);
    const expected = distanceDrift({ rows: 300, dim, values: ref }, { rows: 200, dim, values: cur }, { metric: 'cosine' });
    expect(e).toMatchObject({ kind: 'embedding', method: 'distance', threshold: 0.2, drifted: expected.drifted });
    expect(e.statistic).toBe(expected.statistic);
    expect(e.embedding).toEqual({ dim, parameters: { metric: 'cosine' } });
  });

  it('JSONL arrays with mmd:bootstrap=true: the cut-off is the bootstrap quantile, and the table names the method', () => {
    const reference = jsonl('ref.jsonl', ref, dim);
    const current = jsonl('cur.jsonl', cur, dim);
    const r = driftwatch('check', '-r', reference, '-c', current, '--method', 'emb=mmd:bootstrap=true', '--format', 'json');
    expect(r.status).toBe(0);
    const e = embeddingOf(r.stdout);
    const expected = mmdDrift({ rows: 300, dim, values: ref }, { rows: 200, dim, values: cur }, { bootstrap: true });
    expect(e.statistic).toBe(expected.statistic);
    expect(e.threshold).toBe(expected.threshold);
    expect(e.embedding?.bootstrapQuantile).toBe(0.05);
    const table = driftwatch('check', '-r', reference, '-c', current);
    // Default: model, with bootstrap below 1000 reference rows.
    expect(table.stdout).toMatch(/emb\s+embedding\s+model \(bootstrap q=0\.95; 6 dims\)\s+0\.\d+/);
    const markdown = driftwatch('check', '-r', reference, '-c', current, '--method', 'emb=mmd:bootstrap=true', '--format', 'markdown');
    expect(markdown.stdout).toContain(
      `| emb | embedding | mmd (bootstrap q=0.05; 6 dims) | ${expected.statistic.toPrecision(4).replace(/0+$/, '')}`,
    );
    const html = driftwatch('check', '-r', reference, '-c', current, '--method', 'emb=mmd:bootstrap=true', '--format', 'html');
    expect(html.status).toBe(0);
    expect(html.stdout).toContain('mmd (bootstrap q=0.05; 6 dims)');
  });

  it('a missing value in a column of the group is exit 2 naming file, line and column', () => {
    const bad = csv('bad.csv', cur, dim);
    const lines = readFileSync(bad, 'utf8').split('\n');
    lines[2] = lines[2].replace(/^1,[^,]*,[^,]*,/, '1,0.5,,'); // data row 2: emb_1 empty
    writeFileSync(bad, lines.join('\n'));
    const r = driftwatch('check', '-r', csv('ref2.csv', ref, dim), '-c', bad, '--embedding', 'emb=emb_');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `${bad}:3: column "emb_1" of embedding "emb": a missing or non-numeric value in data row 2 (vectors must be finite numbers)`,
    );
  });

  it('a ragged JSONL vector is exit 2 with file:line:column; a width mismatch between sides is a skipped result', () => {
    const ragged = join(dir, 'ragged.jsonl');
    writeFileSync(ragged, '{"emb": [1.5, 2, 3]}\n{"emb": [1, 2]}\n');
    const r = driftwatch('check', '-r', ragged, '-c', ragged);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${ragged}:2:2: embedding column "emb": the vector has 2 values but the first vector has 3`);
    const narrow = jsonl('narrow.jsonl', cur.subarray(0, 200 * 4), 4);
    const m = driftwatch('check', '-r', jsonl('ref3.jsonl', ref, dim), '-c', narrow, '--method', 'emb=distance', '--format', 'json');
    expect(m.status).toBe(0);
    expect(embeddingOf(m.stdout)).toMatchObject({
      statistic: null,
      drifted: false,
      skipped: 'the reference vectors have 6 dimensions but the current ones 4',
    });
  });

  it('a malformed method spec is a usage error (exit 2)', () => {
    const reference = jsonl('ref4.jsonl', ref, dim);
    const r = driftwatch('check', '-r', reference, '-c', reference, '--method', 'emb=distance:metric=manhattan');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/metric "manhattan" is not one of euclidean, cosine, cityblock, chebyshev/);
  });
});
