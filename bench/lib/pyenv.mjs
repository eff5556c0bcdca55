// The Python environment of the peers: bench/.venv, created on demand.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PROBE = [
  'import json, sys',
  'out = {"python": sys.version.split()[0]}',
  'for m in ("pandas", "numpy", "scipy"):',
  '    try:',
  '        out[m] = __import__(m).__version__',
  '    except Exception as e:',
  '        out[m] = None',
  'print(json.dumps(out))',
].join('\n');

function probe(python) {
  const r = spawnSync(python, ['-c', PROBE], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  try {
    return JSON.parse(r.stdout.trim());
  } catch {
    return null;
  }
}

/** Does an installed version satisfy the `>=a,<b` range written in the requirements file? */
function satisfies(version, spec) {
  if (!version) return false;
  const cmp = (a, b) => {
    const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
    const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const d = (pa[i] ?? 0) - (pb[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  };
  for (const part of spec.split(',')) {
    const m = /^\s*(>=|<=|==|<|>)\s*([\w.]+)\s*$/.exec(part);
    if (!m) continue;
    const c = cmp(version, m[2]);
    const ok = { '>=': c >= 0, '<=': c <= 0, '==': c === 0, '<': c < 0, '>': c > 0 }[m[1]];
    if (!ok) return false;
  }
  return true;
}

function readRequirements(file) {
  const reqs = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const t = line.replace(/#.*/, '').trim();
    const m = /^([A-Za-z0-9_.-]+)\s*(.*)$/.exec(t);
    if (m) reqs[m[1].toLowerCase()] = m[2];
  }
  return reqs;
}

function run(cmd, args, log) {
  log(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal ?? r.error?.message}):\n${tail}`);
  }
  return r;
}

/**
 * Makes sure bench/.venv exists and holds the peers' packages in the ranges of
 * bench/requirements-peer.txt; installs them with pip (from the local wheel
 * index on this machine) when they are missing. Returns the venv's python and
 * the versions in it.
 */
export function ensurePythonEnv({ benchDir, log }) {
  const venv = join(benchDir, '.venv');
  const python = join(venv, 'bin', 'python');
  const reqFile = join(benchDir, 'requirements-peer.txt');
  const reqs = readRequirements(reqFile);
  const ok = (v) => v && Object.entries(reqs).every(([name, spec]) => satisfies(v[name], spec));

  let versions = existsSync(python) ? probe(python) : null;
  if (ok(versions)) return { python, versions, installed: false };

  if (!existsSync(python)) {
    const base = 'python3';
    log(`creating ${venv} with ${base} -m venv`);
    run(base, ['-m', 'venv', venv], log);
  }
  log("installing the peers' Python packages (pandas, numpy, scipy) into bench/.venv");
  // --retries 0: where the public index is unreachable (this machine), pip falls
  // through to the local wheel index at once instead of backing off for a minute.
  run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--retries', '0', '-r', reqFile], log);
  versions = probe(python);
  if (!ok(versions)) {
    throw new Error(`bench/.venv does not satisfy ${reqFile} after pip install: ${JSON.stringify(versions)}`);
  }
  return { python, versions, installed: true };
}

/**
 * bench/.venv (see {@link ensurePythonEnv}) with scikit-learn added from
 * bench/metrics/requirements.txt when it is missing. Returns the venv's python.
 */
export function ensureScikitLearnEnv({ benchDir, log }) {
  const env = ensurePythonEnv({ benchDir, log });
  const has = spawnSync(env.python, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0;
  if (!has) {
    log('installing scikit-learn into bench/.venv (bench/metrics/requirements.txt)');
    run(
      join(benchDir, '.venv', 'bin', 'pip'),
      ['install', '--quiet', '--retries', '0', '-r', join(benchDir, 'metrics', 'requirements.txt')],
      log,
    );
  }
  return env.python;
}
