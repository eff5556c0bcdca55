// Timing a whole process: wall time and peak resident set size.
//
// Wall time is taken here around spawn -> exit (process.hrtime). Peak RSS is the
// child's ru_maxrss from wait4(2), read through GNU time (`/usr/bin/time -f
// '%e %M' -o FILE`); without /usr/bin/time, a tiny Python wrapper reads
// getrusage(RUSAGE_CHILDREN) instead. Either way the figure is the largest RSS
// of any single process of the command's tree (not a sum), in KiB.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

const PY_RUSAGE = [
  'import os, resource, subprocess, sys',
  'try:',
  '    rc = subprocess.call(sys.argv[2:])',
  'except OSError as e:',
  '    sys.stderr.write("cannot run %s: %s\\n" % (sys.argv[2], e.strerror))',
  '    rc = 127',
  'with open(sys.argv[1], "w") as f:',
  '    u = resource.getrusage(resource.RUSAGE_CHILDREN)',
  '    f.write("0 %d %f %f\\n" % (u.ru_maxrss, u.ru_utime, u.ru_stime))',
  'sys.exit(rc if rc >= 0 else 128 - rc)',
].join('\n');

/** Which rusage reader is used by default: 'gnu-time', or 'python-wait4' where /usr/bin/time is missing. */
export const rusageReader = existsSync(GNU_TIME) ? 'gnu-time' : 'python-wait4';

const MAX_KEEP = 64 << 20; // stdout kept in memory; stderr keeps its tail only
const STDERR_TAIL = 64 << 10;

/**
 * Runs argv[0] with argv[1..] and measures it (`reader` picks the rusage reader).
 * Resolves to { exitCode, signal, wallSeconds, maxRssKiB, cpuSeconds, stdout, stderrTail }
 * (cpuSeconds: the child's user + system CPU time, which a loaded machine inflates less than the wall time).
 * Never rejects for a failing command: look at exitCode (127 when not found).
 */
export function measure(argv, { cwd, env, onStderr, reader = rusageReader } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dw-bench-'));
  const out = join(dir, 'rusage');
  const wrapped = reader === 'gnu-time' ? [GNU_TIME, '-f', '%e %M %U %S', '-o', out, ...argv] : ['python3', '-c', PY_RUSAGE, out, ...argv];
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(wrapped[0], wrapped.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    let kept = 0;
    let stderr = '';
    child.stdout.on('data', (c) => {
      if (kept < MAX_KEEP) {
        chunks.push(c);
        kept += c.length;
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s) => {
      onStderr?.(s);
      stderr = (stderr + s).slice(-STDERR_TAIL);
    });
    let spawnError = null;
    child.on('error', (e) => {
      spawnError = e;
    });
    child.on('close', (code, signal) => {
      const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      let maxRssKiB = null;
      let cpuSeconds = null;
      let timeNote = null;
      try {
        // GNU time writes "Command exited with non-zero status N" before the format line.
        const lines = readFileSync(out, 'utf8').trim().split('\n');
        const last = lines[lines.length - 1].trim().split(/\s+/);
        maxRssKiB = Number(last[1]);
        if (!Number.isFinite(maxRssKiB)) maxRssKiB = null;
        cpuSeconds = Number(last[2]) + Number(last[3]);
        if (!Number.isFinite(cpuSeconds)) cpuSeconds = null;
        if (lines.length > 1) timeNote = lines.slice(0, -1).join(' ');
      } catch {
        // no rusage file: the wrapper itself failed
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({
        exitCode: spawnError ? 127 : code,
        signal,
        wallSeconds,
        maxRssKiB,
        cpuSeconds,
        stdout: Buffer.concat(chunks).toString('utf8'),
        stderrTail: spawnError ? String(spawnError.message) : stderr,
        timeNote,
      });
    });
  });
}

export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
