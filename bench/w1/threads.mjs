#!/usr/bin/env node
// W1 on one thread against two, measured so that other work on the machine skews it least:
// alternating runs of `driftwatch check --threads 1` and `--threads 2` on W1's data, each run's
// wall time, CPU time (user + sys, from /usr/bin/time) and peak RSS, and the CPU time of each of
// the process's threads (sampled from /proc/<pid>/task every 20 ms; the longest-running thread's
// CPU time is the run's critical path on idle cores). See bench/README.md, "W1 on two cores".
//
//   node bench/w1/threads.mjs [--runs N] [--ks] [--json PATH]
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shebangCommand } from '../lib/shebang.mjs';
import { ksChi2Args } from '../w1ks/index.mjs';
import { DEFAULT_ROWS, ensureW1Data } from './generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
if (args.includes('-h') || args.includes('--help')) {
  process.stdout.write('usage: node bench/w1/threads.mjs [--runs N (default 3)] [--ks (W1KS flags)] [--json PATH]\n');
  process.exit(0);
}
const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
const ks = args.includes('--ks');
const jsonPath = args.includes('--json') ? args[args.indexOf('--json') + 1] : join(ROOT, 'bench', '.data', 'w1-threads.json');
const TICK_MS = 1000 / 100; // USER_HZ

const { paths } = await ensureW1Data({
  dataDir: join(ROOT, 'bench', '.data'),
  rows: DEFAULT_ROWS,
  log: (m) => process.stderr.write(`${m}\n`),
});

/** user + sys ms of each thread of `pid`, by thread id. */
function threadCpu(pid, into) {
  let tids;
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      into.set(tid, { name, ms: (Number(f[11]) + Number(f[12])) * TICK_MS });
    } catch {}
  }
}

function runOnce(threads) {
  return new Promise((resolvePromise, reject) => {
    const timeFile = join(os.tmpdir(), `dw-threads-${process.pid}.time`);
    const shebang = shebangCommand(join(ROOT, 'apps/cli/dist/main.js'));
    const argv = ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...shebang.flags, 'apps/cli/dist/main.js', 'check'];
    argv.push('-r', paths.reference, '-c', paths.current, '--format', 'json', '--threads', String(threads), ...(ks ? ksChi2Args() : []));
    const t0 = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', argv, {
      cwd: ROOT,
      env: { ...process.env, ...shebang.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const threadsSeen = new Map();
    let nodePid;
    const poll = setInterval(() => {
      if (nodePid === undefined) {
        try {
          nodePid = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0] || undefined;
        } catch {}
      }
      if (nodePid) threadCpu(nodePid, threadsSeen);
    }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`exit ${code}`));
      const [, user, sys, rssKiB] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
      const perThread = [...threadsSeen.values()].filter((t) => t.ms > 0).sort((a, b) => b.ms - a.ms);
      const report = JSON.parse(stdout);
      resolvePromise({
        threads,
        wall,
        cpu: user + sys,
        user,
        sys,
        rssMiB: rssKiB / 1024,
        perThread,
        statistics: report.columns.map((c) => [c.statistic, c.pValue]),
      });
    });
  });
}

const results = [];
for (let i = 0; i < runs; i++) {
  for (const threads of i % 2 === 0 ? [1, 2] : [2, 1]) {
    const load = os.loadavg()[0];
    const r = await runOnce(threads);
    r.loadAtStart = load;
    results.push(r);
    const top = r.perThread
      .slice(0, 3)
      .map((t) => `${t.name} ${(t.ms / 1000).toFixed(2)}`)
      .join(', ');
    process.stderr.write(
      `threads=${threads}: wall ${r.wall.toFixed(2)} s, cpu ${r.cpu.toFixed(2)} s (user ${r.user}, sys ${r.sys}), ${r.rssMiB.toFixed(1)} MB; busiest threads (s): ${top}; load ${load.toFixed(2)}\n`,
    );
  }
}
const same = results.every((r) => JSON.stringify(r.statistics) === JSON.stringify(results[0].statistics));
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const summary = [1, 2].map((threads) => {
  const rs = results.filter((r) => r.threads === threads);
  return {
    threads,
    wall: med(rs.map((r) => r.wall)),
    cpu: med(rs.map((r) => r.cpu)),
    criticalPath: med(rs.map((r) => r.perThread[0]?.ms / 1000)),
    rssMiB: med(rs.map((r) => r.rssMiB)),
  };
});
for (const s of summary)
  console.log(
    `${ks ? 'w1ks' : 'w1'} --threads ${s.threads}: median wall ${s.wall.toFixed(2)} s, CPU ${s.cpu.toFixed(2)} s, busiest thread ${s.criticalPath.toFixed(2)} s CPU, peak RSS ${s.rssMiB.toFixed(1)} MB`,
  );
console.log(
  `two/one threads: wall ${(summary[1].wall / summary[0].wall).toFixed(2)}x, busiest thread ${(summary[1].criticalPath / summary[0].criticalPath).toFixed(2)}x, CPU ${(summary[1].cpu / summary[0].cpu).toFixed(2)}x; statistics identical in every run: ${same}; load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
writeFileSync(jsonPath, `${JSON.stringify({ ks, runs: results, summary, same }, null, 2)}\n`);
if (!same) process.exitCode = 1;
