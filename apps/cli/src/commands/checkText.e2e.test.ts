import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DriftReport } from '@driftwatch/core';
import { beforeAll, describe, expect, it } from 'vitest';

// End to end: a text column in `check`, on the texts of packages/drift/scripts/reference/gen_text_content.py.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const main = join(root, 'apps/cli/dist/main.js');

function driftwatch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
function csv(path: string, texts: (string | null)[]): string {
  writeFileSync(path, `id,review\n${texts.map((t, i) => `${i},${t === null ? '' : quote(t)}`).join('\n')}\n`);
  return path;
}

let dir: string;
let shift: { reference: string[]; current: string[]; expected: { cutoff: number; auc: number } };
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-text-'));
  const fixture = JSON.parse(readFileSync(join(root, 'packages/drift/src/text/__fixtures__/text_content.json'), 'utf8')) as {
    cases: { name: string; reference: string[]; current: string[]; expected: { cutoff: number; auc: number } }[];
  };
  shift = fixture.cases.find((c) => c.name === 'topic shift') as typeof shift;
});

describe('driftwatch check on a text column', () => {
  it('tests content drift with the separating words and every descriptor, including --descriptor ones', () => {
    const ref = csv(join(dir, 'ref.csv'), shift.reference);
    const cur = csv(join(dir, 'cur.csv'), shift.current);
    const r = driftwatch(
      'check',
      '-r',
      ref,
      '-c',
      cur,
      '--ignore',
      'id',
      '--descriptor',
      'review:contains:login=login|password',
      '-f',
      'json',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const col = (JSON.parse(r.stdout) as DriftReport).columns[0];
    expect(col).toMatchObject({ column: 'review', kind: 'text', method: 'text_content', drifted: true });
    expect(col.threshold).toBeCloseTo(shift.expected.cutoff, 12);
    expect(Math.abs((col.statistic as number) - shift.expected.auc)).toBeLessThan(0.02);
    expect(col.text?.currentWords.slice(0, 5)).toContain('login');
    expect(col.text?.descriptors.map((d) => d.column)).toContain('review.contains:login');
    expect(col.text?.descriptors.find((d) => d.column === 'review.contains:login')?.drifted).toBe(true);

    const table = driftwatch('check', '-r', ref, '-c', cur, '--ignore', 'id');
    expect(table.stdout).toMatch(/Text column review: descriptors\n {2}length: /);
    expect(table.stdout).toMatch(/words of the current texts: .*login/);
  });

  it('skips a text column whose current side is all missing, with the reason; a bad --descriptor exits 2', () => {
    const ref = csv(join(dir, 'ref2.csv'), shift.reference.slice(0, 50));
    const cur = csv(join(dir, 'cur2.csv'), [null, null, null]);
    const r = driftwatch('check', '-r', ref, '-c', cur, '--ignore', 'id', '--kind', 'review=text', '-f', 'json');
    expect(r.status).toBe(0);
    const col = (JSON.parse(r.stdout) as DriftReport).columns[0];
    expect(col.skipped).toBe('no text on the current side (all missing)');
    const bad = driftwatch('check', '-r', ref, '-c', ref, '--descriptor', 'review:regex:x=(');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--descriptor "review:regex:x=\(": not a regular expression/);
  });
});
