import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteRunStore } from '@driftwatch/store-sqlite';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// End to end: the built CLI (`pnpm build` first) and the closed-loop demo: the README's
// main job, then the registry commands and every fault the issue names, on the demo's state.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');
const demo = join(root, 'examples/demo/demo.mjs');

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

const run = (args: string[], cwd: string): Result => {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

vi.setConfig({ testTimeout: 240_000 });

let base: string;
let dir: string;
let first: Result;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first`);
  base = mkdtempSync(join(tmpdir(), 'dw-loop-'));
  dir = join(base, 'one');
  first = run([demo, dir], root);
});

const driftwatch = (args: string[], config = 'driftwatch.yaml') => run([main, ...args, '--config', config], dir);
const json = (r: Result) => {
  if (r.stdout.trim() === '') throw new Error(`no output (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const serving = () => JSON.parse(readFileSync(join(dir, '.driftwatch/serving/churn.json'), 'utf8')).version as string;
const champion = () => json(driftwatch(['models', 'list', 'churn', '--format', 'json'])).champion as string;
/** The retraining attempts in the demo's store (the default, SQLite), as `history` lists them. */
const attemptCount = () => (json(driftwatch(['history', '--format', 'json'])).attempts as unknown[]).length;

/** A variant of the demo's config in the same folder (so it shares the store, registry and serving pointer). */
function variant(name: string, edit: (text: string) => string): string {
  const text = readFileSync(join(dir, 'driftwatch.yaml'), 'utf8');
  const changed = edit(text);
  if (changed === text) throw new Error(`variant ${name}: the edit changed nothing`);
  writeFileSync(join(dir, name), changed);
  return name;
}

describe('the closed-loop demo', () => {
  it('finds the drift and the quality drop, retrains, gates v2 against v1 and deploys it; a second run prints the same figures', () => {
    expect(first.status, first.stderr).toBe(0);
    const story = first.stdout;
    expect(story).toMatch(/drift: \d+ of \d+ columns drifted .*dataset drifted/);
    expect(story).toMatch(/\d+ quality alerts in \d+ weeks/);
    expect(story).toMatch(/triggered: drift: the dataset drifted/);
    expect(story).toMatch(/gate: F1 gain \+0\.\d{4} ≥ 0\.01; paired bootstrap 95% CI \[0\.\d{4}, 0\.\d{4}\], p = 0\.000 → passed/);
    expect(story).toMatch(
      /result: deployed \(post-deploy check passed\); states triggered → collecting → training → registering → evaluating → gated → deploying → verifying → deployed/,
    );
    expect(story).toMatch(/registry: v1 retired, v2 champion/);
    // v2 serves the next weeks; the reference follows the champion (the rows v2 was validated on), so nothing fires.
    expect(story).toMatch(/reference: the 959 rows v2 was validated on, with its predictions \(reference: \{ from: champion \}\)/);
    expect(story).toMatch(/drift: 0 of 8 columns drifted; dataset stable \(share 0\.0%\); 0 quality alerts\./);
    expect(story).toMatch(/no trigger fired: v2 serves the data it was validated on/);
    expect(story).toMatch(/\.driftwatch\/driftwatch\.db +the store \(SQLite\): 2 monitor runs, 2 retraining attempts/);
    for (const file of [
      'out/metrics.jsonl',
      'out/report.html',
      '.driftwatch/driftwatch.db',
      '.driftwatch/serving/churn.json',
      '.driftwatch/models/churn/registry.json',
    ])
      expect(existsSync(join(dir, file)), file).toBe(true);
    expect(readFileSync(join(dir, 'out/report.html'), 'utf8')).toMatch(/<svg/);
    expect(serving()).toBe('2');

    const again = run([demo, join(base, 'two')], root);
    expect(again.status, again.stderr).toBe(0);
    const figures = (text: string, out: string) =>
      text
        .replaceAll(out, 'OUT')
        .replace(/\d{8}T\d{6}Z-churn-[0-9a-f]{6}/g, 'ID')
        .replace(/Done in [\d.]+ s/, 'Done');
    expect(figures(again.stdout, join(base, 'two'))).toBe(figures(story, dir));
  });

  it('history lists both attempts with their states and gate figures', () => {
    const text = driftwatch(['history']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Retraining attempts/);
    expect(text.stdout).toMatch(/deployed +\S*drift\S* +passed: f1: champion v1 0\.\d{4} → challenger v2 0\.\d{4}; gain \+0\.\d{4}/);
    expect(text.stdout).toMatch(/deployed +manual +passed: f1: no champion → challenger v1/);
    const { attempts } = json(driftwatch(['history', '--format', 'json']));
    expect(attempts.map((a: { state: string }) => a.state)).toEqual(['deployed', 'deployed']);
    expect(attempts[0].transitions.map((t: { to: string }) => t.to)).toEqual([
      'triggered',
      'collecting',
      'training',
      'registering',
      'evaluating',
      'gated',
      'deploying',
      'verifying',
      'deployed',
    ]);
    expect(attempts[0].gate.bootstrap.significant).toBe(true);
  });

  it('models list, show, rollback and promote move the champion and the serving pointer together', () => {
    const list = driftwatch(['models', 'list', 'churn']);
    expect(list.stdout).toMatch(/champion: 2/);
    expect(list.stdout).toMatch(/\* 2 +champion/);
    const shown = json(driftwatch(['models', 'show', 'churn', '1', '--format', 'json']));
    expect(shown).toMatchObject({ model: 'churn', version: '1', status: 'retired' });
    const back = driftwatch(['models', 'rollback', 'churn']);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toBe('model churn: rolled back from version 2 to version 1\n');
    expect([serving(), champion()]).toEqual(['1', '1']);
    const forward = driftwatch(['models', 'promote', 'churn', '2', '--reason', 'checked by hand']);
    expect(forward.status, forward.stderr).toBe(0);
    expect([serving(), champion()]).toEqual(['2', '2']);
    const unknown = driftwatch(['models', 'show', 'churn', '9']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/model "churn" has no version "9" \(versions: 1, 2\)/);
  });

  it('retrain --dry-run shows the plan and changes nothing', () => {
    const before = attemptCount();
    const registry = readFileSync(join(dir, '.driftwatch/models/churn/registry.json'), 'utf8');
    const r = driftwatch(['retrain', 'churn', '--dry-run']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Dry run — retraining churn \(monitor churn\) would:/);
    expect(r.stdout).toMatch(/champion: +v2/);
    // The reference side is v2's (it follows the champion): its 959 validation rows + the 1196 later rows less 239 held out.
    expect(r.stdout).toMatch(/data: +1916 training rows, 239 holdout rows \(1196 new labelled\)/);
    expect(r.stdout).toMatch(/nothing was trained, registered or deployed/);
    expect(attemptCount()).toBe(before);
    expect(readFileSync(join(dir, '.driftwatch/models/churn/registry.json'), 'utf8')).toBe(registry);
  });
});

describe('faults end the attempt in a recorded state with a reason, and the champion keeps serving', () => {
  const attempt = (r: Result) => json(r).attempt as { state: string; error?: { message: string }; id: string };

  it('a training command that fails', () => {
    const config = variant('fail.yaml', (t) =>
      t.replace(/command: \[.*train\.mjs"\]/, `command: ["${process.execPath}", "-e", "console.error('out of memory'); process.exit(3)"]`),
    );
    const r = driftwatch(['retrain', 'churn', '--format', 'json'], config);
    expect(r.status).toBe(3);
    const a = attempt(r);
    expect(a.state).toBe('failed');
    expect(a.error?.message).toMatch(/exit status 3/);
    expect(a.error?.message).toMatch(/out of memory/);
    expect([serving(), champion()]).toEqual(['2', '2']);
  });

  it('a training command that runs past its timeout', () => {
    const config = variant('slow.yaml', (t) =>
      t
        .replace(/command: \[.*train\.mjs"\]/, `command: ["${process.execPath}", "-e", "setTimeout(() => {}, 60000)"]`)
        .replace(/timeout: 2m\n(\s+)evaluator/, 'timeout: 1s\n$1evaluator'),
    );
    const r = driftwatch(['retrain', 'churn', '--format', 'json'], config);
    expect(r.status).toBe(3);
    expect(attempt(r).error?.message).toMatch(/timed out after 1s/);
    expect([serving(), champion()]).toEqual(['2', '2']);
  });

  it('a holdout without labels', () => {
    const lines = readFileSync(join(dir, 'data/current.csv'), 'utf8').trimEnd().split('\n');
    const target = lines[0]!.split(',').indexOf('churned');
    const unlabelled = lines.map((line, i) =>
      i === 0
        ? line
        : line
            .split(',')
            .map((v, j) => (j === target ? '' : v))
            .join(','),
    );
    writeFileSync(join(dir, 'data/unlabelled.csv'), `${unlabelled.join('\n')}\n`);
    const config = variant('unlabelled.yaml', (t) =>
      t.replace('current: { path: data/current.csv }', 'current: { path: data/unlabelled.csv }'),
    );
    const r = driftwatch(['retrain', 'churn', '--format', 'json'], config);
    expect(r.status).toBe(3);
    const a = json(r).attempt;
    expect(a.state).toBe('failed');
    expect(a.transitions.map((t: { to: string }) => t.to)).toEqual(['triggered', 'collecting', 'failed']);
    expect(a.error.message).toMatch(/label/);
    expect([serving(), champion()]).toEqual(['2', '2']);
  });

  it('a challenger the gate rejects stays in the registry as rejected', () => {
    const config = variant('strict.yaml', (t) => t.replace('minGain: 0.01', 'minGain: 0.5'));
    const r = driftwatch(['retrain', 'churn', '--format', 'json'], config);
    expect(r.status).toBe(1);
    const a = json(r).attempt;
    expect(a.state).toBe('rejected');
    expect(a.gate.passed).toBe(false);
    expect(a.gate.reasons.join(' ')).toMatch(/0\.5/);
    const listing = json(driftwatch(['models', 'list', 'churn', '--format', 'json']));
    expect(listing.versions.find((v: { version: string }) => v.version === a.challenger).status).toBe('rejected');
    expect([serving(), champion()]).toEqual(['2', '2']);
  });

  it('a deployment that fails its post-deploy check is rolled back', () => {
    // The same data trains the same model, so the gate is told to accept a tie; the smoke check cannot be met.
    const config = variant('picky.yaml', (t) =>
      t
        .replace('minGain: 0.01', 'maxLoss: 0.01')
        .replace(/\n\s+bootstrap: .*/, '')
        .replace(/floors: \{ roc_auc: 0\.7 \}( +# smoke)/, 'floors: { roc_auc: 0.99 }$1'),
    );
    const r = driftwatch(['retrain', 'churn', '--format', 'json'], config);
    expect(r.status).toBe(1);
    const a = json(r).attempt;
    expect(a.state).toBe('rolled_back');
    expect(a.postDeploy.passed).toBe(false);
    expect(a.transitions.map((t: { to: string }) => t.to).slice(-3)).toEqual(['deploying', 'verifying', 'rolled_back']);
    expect([serving(), champion()]).toEqual(['2', '2']);
  });

  it('a corrupted registry is left as it is', () => {
    const file = join(dir, '.driftwatch/models/churn/registry.json');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, '{"formatVersion": 1, "versions": [');
    try {
      const r = driftwatch(['retrain', 'churn', '--format', 'json']);
      expect(r.status).toBe(3);
      const a = attempt(r);
      expect(a.state).toBe('failed');
      expect(a.error?.message).toMatch(/not a valid model registry/);
      expect(readFileSync(file, 'utf8')).toBe('{"formatVersion": 1, "versions": [');
      expect(serving()).toBe('2');
      const list = driftwatch(['models', 'list', 'churn']);
      expect(list.status).toBe(5);
      expect(list.stderr).toMatch(/registry\.json: not a valid model registry/);
    } finally {
      writeFileSync(file, good);
    }
    expect(champion()).toBe('2');
  });

  it('a model another process is retraining', async () => {
    // Another process holds the model's lock in the shared store.
    const store = new SqliteRunStore(join(dir, '.driftwatch/driftwatch.db'));
    try {
      expect(await store.acquireLock('retrain-churn', 'another-process', 3_600_000)).toBe(true);
      const r = driftwatch(['retrain', 'churn']);
      expect(r.status).toBe(5);
      expect(r.stdout + r.stderr).toMatch(/retrain-churn/);
      const promote = driftwatch(['models', 'promote', 'churn', '1']);
      expect(promote.status).toBe(5);
      expect([serving(), champion()]).toEqual(['2', '2']);
      await store.releaseLock('retrain-churn', 'another-process'); // the other process ends
    } finally {
      store.shutdown();
    }
  });

  it('config mistakes in the retraining block name their path', () => {
    const config = variant('broken.yaml', (t) => t.replace('metric: f1', 'metric: f2').replace('type: command', 'type: comand'));
    const r = driftwatch(['retrain', 'churn'], config);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/monitors\[0\]\.retraining\.gate\.metric/);
    expect(r.stderr).toMatch(/monitors\[0\]\.retraining\.trainer.*comand/);
  });
});

describe('a process killed mid-attempt', () => {
  it('leaves the attempt in its last state; the next retrain resumes it (adopting the training job that ran on) and starts none', async () => {
    const examples = join(root, 'examples');
    // On the file store: its lock names the process that holds it, so a lock whose process is gone is taken
    // over at once (the SQLite store's locks only expire; see the README's "The store").
    const config = variant('crash.yaml', (t) =>
      t
        .replace(/command: \[.*train\.mjs"\]/, `command: 'sleep 2 && "${process.execPath}" "${examples}/retraining/train.mjs"'`)
        .replace(/^# store: .*$/m, 'store: { type: files, path: .driftwatch/files }'),
    );
    const attempts = join(dir, '.driftwatch/files/attempts');
    const before = new Set(existsSync(attempts) ? readdirSync(attempts) : []);
    const child = spawn(process.execPath, [main, 'retrain', 'churn', '--config', config], { cwd: dir, stdio: 'ignore' });
    // Wait (by polling the store, not the clock) until the new attempt is persisted in `training`, then kill -9.
    let killed = false;
    for (let i = 0; i < 400 && !killed; i++) {
      await new Promise((r) => setImmediate(r));
      for (const f of (existsSync(attempts) ? readdirSync(attempts) : []).filter((f) => !before.has(f) && f.endsWith('.json'))) {
        const a = JSON.parse(readFileSync(join(attempts, f), 'utf8'));
        if (a.state === 'training' && a.training?.jobId) {
          child.kill('SIGKILL');
          killed = true;
        }
      }
      if (!killed) await new Promise((r) => setTimeout(r, 50));
    }
    expect(killed).toBe(true);
    await new Promise((r) => child.on('close', r));
    // The dead process's lock is still there, unexpired: its process is gone, so the next one takes it over at once.
    expect(existsSync(join(dir, '.driftwatch/files/locks/retrain-churn.lock'))).toBe(true);

    const r = driftwatch(['retrain', 'churn', '--format', 'json'], config);
    const out = json(r);
    expect(r.stderr).toMatch(/took over the abandoned lock .*retrain-churn\.lock of \S+ \(process \d+\)/);
    expect(out.resumed).toHaveLength(1);
    // The job ran on under its supervisor and was adopted: same data, same model, so the gate keeps the champion.
    expect(out.resumed[0].state).toBe('rejected');
    expect(out.resumed[0].transitions.map((t: { to: string }) => t.to)).toEqual([
      'triggered',
      'collecting',
      'training',
      'registering',
      'evaluating',
      'gated',
      'rejected',
    ]);
    // The resumed attempt answers the request: no second attempt, no second training.
    expect(out.attempt).toBeUndefined();
    expect(readdirSync(attempts).filter((f) => !before.has(f) && f.endsWith('.json'))).toHaveLength(1);
    expect(r.status).toBe(1);
    expect([serving(), champion()]).toEqual(['2', '2']);
  });
});
