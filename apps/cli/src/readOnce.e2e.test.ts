import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// One monitor run reads each data file once: drift, data quality, realised
// metrics, CBPE estimates and windows share the frames of one read. The
// preload counts every open of the data files at the file-system level.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');
const preload = join(root, 'apps/cli/src/__fixtures__/countOpens.mjs');

let dir: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-read-once-'));
  for (const f of ['scored-reference.csv', 'scored-current.csv']) cpSync(join(root, 'examples/data', f), join(dir, 'data', f));
});

function countedRun(cwd: string, ...args: string[]) {
  const counts = join(cwd, 'opens.json');
  const r = spawnSync(process.execPath, ['--import', preload, main, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DW_COUNT_OPENS_MATCH: `${join(cwd, 'data')}/`, DW_COUNT_OPENS_OUT: counts },
  });
  return { ...r, opens: JSON.parse(readFileSync(counts, 'utf8')) as Record<string, number> };
}

describe('a monitor run reads its data once', () => {
  it('opens each data file once with drift, performance, estimation and windows', () => {
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
sinks:
  - { type: jsonl, path: out/metrics.jsonl }
monitors:
  - name: churn
    reference: { path: data/scored-reference.csv }
    current: { path: data/scored-current.csv }
    schema: { id: customer_id, timestamp: ts, target: churned, prediction: churn_predicted, proba: churn_score }
    performance: { task: classification, metrics: [f1, roc_auc], estimate: true }
    windows: { period: week }
`,
    );
    const r = countedRun(dir, 'run', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const run = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(run)).toEqual(expect.arrayContaining(['drift', 'performance', 'estimation', 'windows']));
    expect(r.opens).toEqual({
      [join(dir, 'data/scored-reference.csv')]: 1,
      [join(dir, 'data/scored-current.csv')]: 1,
    });
  });

  it('counts every open: a check of a file against itself opens it twice, once per side', () => {
    const file = 'data/scored-reference.csv';
    const r = countedRun(dir, 'check', '--reference', file, '--current', file, '--format', 'json');
    expect(r.status).toBe(0);
    expect(r.opens).toEqual({ [join(dir, file)]: 2 });
  });
});
