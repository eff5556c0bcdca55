#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
// Driftwatch benchmark harness: times Driftwatch and a peer on each workload as
// whole processes (wall time, peak RSS), repeats, reports medians, ratios
// against the targets and whether the two agree. See bench/README.md.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, median, rusageReader } from './lib/measure.mjs';
import { ensurePythonEnv } from './lib/pyenv.mjs';
import { shebangCommand } from './lib/shebang.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const DATA = join(BENCH, '.data');
// The command an installed `driftwatch` runs (the CLI package's bin; dist/main.js imports it).
const CLI = join(ROOT, 'apps', 'cli', 'dist', 'main.cjs');

/** The workloads, in run order. Each is bench/<name>/index.mjs (see README). */
const WORKLOADS = ['w1', 'w1ks', 'w1ks1', 'w1m'];

/**
 * Workloads that time themselves in one process (a detector's updates, a metric's
 * computation: timing a whole CLI process would mostly measure start-up). Each
 * prints its own figures next to its peer's as ratios; run after the others.
 */
const SELF_TIMED = {
  w2: 'bench/w2/throughput.mjs',
  metrics: 'bench/metrics/run.mjs',
  cbpe: 'bench/cbpe/run.mjs',
  pca: 'bench/pca/run.mjs',
  loop: 'bench/loop/run.mjs',
  calibration: 'bench/calibration/run.mjs',
  embedding: 'bench/embedding/run.mjs',
  llmtraffic: 'bench/llmtraffic/run.mjs',
  startup: 'bench/startup/run.mjs',
  detect: 'bench/detect/run.mjs',
  w4: 'bench/w4/run.mjs',
  llm: 'bench/llm/run.mjs',
};
const ALL = [...WORKLOADS, ...Object.keys(SELF_TIMED)];

const HELP = `usage: node bench/run.mjs [options]        (pnpm bench builds first, then runs this)

Times Driftwatch and its peer on each workload as whole processes, N runs each
(alternating sides), and prints the medians of wall time and peak RSS, the
driftwatch/peer ratios against the targets (PASS/MISS), and whether the two
agree on each column's statistic and drift verdict. Progress goes to stderr,
the report to stdout; the full result is written to bench/.data/latest.json.

options
  --only LIST            comma-separated workloads to run (default: all: ${ALL.join(', ')})
  --runs N               runs of each side per workload, median reported (default 3)
  --rows N               rows per generated file instead of the workload's default
                         (W1: 1000000); for quick checks, the figures are then not the issue's
  --driftwatch-cmd CMD   run CMD instead of "node apps/cli/dist/main.cjs" (space-separated
                         words; the workload's arguments are appended). Results are marked
                         "stand-in". E.g. to test the harness before the CLI exists:
                         --driftwatch-cmd "bench/.venv/bin/python bench/w1/peer.py"
  --json PATH            where to write the JSON result (default bench/.data/latest.json)
  --regenerate           regenerate the workloads' data even when it is up to date
  --verbose              print the per-column comparison even when everything agrees
  --strict               exit 1 also when a target is missed or the two sides disagree
  --list                 list the workloads and exit
  -h, --help             this text

exit status: 0 measured (PASS or MISS); 1 a side failed, the Driftwatch CLI is
missing, or (with --strict) a MISS or a disagreement; 2 bad usage.

workloads
  w1  batch check: 2 CSVs x 1M rows, 10 numeric + 2 categorical columns, 4 drifted;
      driftwatch check --format json vs pandas.read_csv + numpy/scipy (bench/w1/peer.py)
  w1ks W1's data, ks per numeric and chi2_contingency per categorical column on both sides:
      driftwatch check --method ks --method channel=chi2_contingency … vs pandas.read_csv +
      scipy ks_2samp / chi2_contingency (bench/w1/peer_kschi2.py); issue 17's targets
  w1ks1 w1ks with driftwatch check --threads 1 (the single-core figure)
  w1m W1's data and peer, driftwatch check --max-memory 100MB (the streamed profile path)
  pca  multivariate drift by PCA reconstruction error (NannyML) on W1's numeric columns vs
      pandas + scikit-learn's same pipeline (bench/pca/run.mjs, self-timed)
  calibration  false-alarm rates under no drift, re-measured against the committed table
      and against scipy on the same columns (bench/calibration/run.mjs, self-timed)
  startup  the CLI's start-up per command (wall and CPU), beside node -e 0
      (bench/startup/run.mjs, self-timed)
  detect  driftwatch detect on 1M-value CSVs, every detector, vs pandas.read_csv measured
      plus river's loop at its quoted rate (bench/detect/run.mjs, self-timed)
  w4  driftwatch serve on loopback: ingestion (batches of 500 events, autocannon) at peak and
      half load, server RSS, a 10 000-point series query, the overview over 20 monitors x a year
      of hourly runs; peer: bare Fastify parsing the batches (bench/w4/run.mjs, self-timed)
  llm  golden-set items evaluated per second (500 items, concurrency 16) against the local
      wire-level Bedrock Runtime server with zero-latency models: Driftwatch's own per-item
      overhead; no peer exists (bench/llm/run.mjs, self-timed)
`;

function parseArgs(argv) {
  const o = {
    runs: 3,
    only: null,
    rows: null,
    driftwatchCmd: null,
    json: join(DATA, 'latest.json'),
    regenerate: false,
    verbose: false,
    strict: false,
    list: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${flag} needs a value`);
      return v;
    };
    const int = () => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) usage(`${flag} needs a positive integer, got ${v}`);
      return n;
    };
    switch (flag) {
      case '--runs':
        o.runs = int();
        break;
      case '--rows':
        o.rows = int();
        break;
      case '--only':
        o.only = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--driftwatch-cmd':
        o.driftwatchCmd = value().trim().split(/\s+/);
        break;
      case '--json':
        o.json = resolve(value());
        break;
      case '--regenerate':
        o.regenerate = true;
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '--strict':
        o.strict = true;
        break;
      case '--list':
        o.list = true;
        break;
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        usage(`unknown option ${a}`);
    }
  }
  if (o.only) for (const w of o.only) if (!ALL.includes(w)) usage(`unknown workload ${w} (known: ${ALL.join(', ')})`);
  return o;
}

function usage(msg) {
  process.stderr.write(`bench: ${msg}\n(see node bench/run.mjs --help)\n`);
  process.exit(2);
}

const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

// ---------------------------------------------------------------------------
// formatting

const MiB = 1024 * 1024;
const fmt = {
  s: (x) => (x == null ? '-' : x.toFixed(2)),
  mb: (kib) => (kib == null ? '-' : (kib / 1024).toFixed(1)),
  ratio: (x) => (x == null ? '-' : `${x.toFixed(2)}x`),
  sci: (x) => (x == null ? '-' : x === 0 ? '0' : Number.isFinite(x) ? x.toExponential(1) : 'inf'),
  stat: (x) => (x == null ? 'null' : typeof x === 'number' ? (Number.isFinite(x) ? x.toPrecision(8) : String(x)) : String(x)),
};

function table(header, rows, alignLeft = 1) {
  const all = [header, ...rows];
  const w = header.map((_, j) => Math.max(...all.map((r) => String(r[j]).length)));
  const line = (r) => r.map((c, j) => (j < alignLeft ? String(c).padEnd(w[j]) : String(c).padStart(w[j]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------
// running

async function runSide(label, argv, { env, runs, i }) {
  log(`${label} run ${i + 1}/${runs}: ${showArgv(argv)}`);
  const r = await measure(argv, { cwd: ROOT, env });
  if (r.exitCode === 0) log(`${label} run ${i + 1}/${runs}: ${r.wallSeconds.toFixed(2)} s, ${fmt.mb(r.maxRssKiB)} MB peak RSS`);
  else log(`${label} run ${i + 1}/${runs}: FAILED (exit ${r.exitCode}${r.signal ? `, ${r.signal}` : ''})`);
  return r;
}

/** argv as text, with paths inside the repo shown relative to its root. */
function showArgv(argv) {
  return argv.map((a) => (a.startsWith(`${ROOT}/`) ? relative(ROOT, a) : a)).join(' ');
}

function tail(s, n = 12) {
  return s
    .trim()
    .split('\n')
    .slice(-n)
    .map((l) => `    ${l}`)
    .join('\n');
}

async function runWorkload(name, wl, opts, env) {
  const ctx = {
    root: ROOT,
    benchDir: BENCH,
    dataDir: DATA,
    rows: opts.rows,
    regenerate: opts.regenerate,
    log,
    python: env.python?.python ?? null,
  };
  const result = {
    name,
    title: wl.title,
    targets: wl.targets,
    ...(wl.quoted ? { quoted: wl.quoted } : {}),
    sides: {},
    status: null,
    problems: [],
  };
  const t0 = process.hrtime.bigint();
  let state;
  try {
    state = await wl.setup(ctx);
  } catch (e) {
    result.problems.push(`setup failed: ${e.message}`);
    result.status = 'ERROR';
    return result;
  }
  result.data = state.info;
  result.setupSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  const sides = wl.sides(ctx, state);
  const plan = {};
  // Driftwatch: the built CLI, or a stand-in command, or missing.
  {
    const standIn = opts.driftwatchCmd != null;
    // The built CLI runs as its `#!/usr/bin/env -S …` line runs it: that line's variables and node flags.
    const shebang = standIn || !existsSync(CLI) ? { env: {}, flags: [] } : shebangCommand(CLI);
    const prefix = standIn ? opts.driftwatchCmd : [process.execPath, ...shebang.flags, relative(ROOT, CLI)];
    const missing =
      !standIn && !existsSync(CLI)
        ? `Driftwatch CLI not found: ${relative(ROOT, CLI)} does not exist (build apps/cli: pnpm build; or test the harness with --driftwatch-cmd)`
        : null;
    plan.driftwatch = {
      argv: [...prefix, ...sides.driftwatch.args],
      env: { ...process.env, ...shebang.env, ...(sides.driftwatch.env ?? {}) },
      standIn,
      missing,
    };
  }
  {
    const missing = env.python?.error ? `Python env unavailable: ${env.python.error}` : null;
    // OpenBLAS overrides set on this machine slow numpy; the peer runs without them.
    const penv = { ...process.env, ...(sides.peer.env ?? {}) };
    delete penv.OPENBLAS_CORETYPE;
    delete penv.OPENBLAS_L2_SIZE;
    plan.peer = { argv: sides.peer.argv, env: penv, standIn: false, missing };
  }

  const ids = ['driftwatch', 'peer'];
  for (const id of ids) {
    const p = plan[id];
    result.sides[id] = { command: showArgv(p.argv), standIn: p.standIn, available: !p.missing, runs: [], failed: null };
    if (p.missing) {
      result.sides[id].failed = p.missing;
      result.problems.push(p.missing);
      log(`${name}: ${p.missing}`);
    }
  }

  const outputs = {};
  for (let i = 0; i < opts.runs; i++) {
    const order = i % 2 === 0 ? ids : [...ids].reverse(); // alternate who goes first
    for (const id of order) {
      const side = result.sides[id];
      if (!side.available || side.failed) continue;
      const r = await runSide(`${name} ${id}${plan[id].standIn ? ' (stand-in)' : ''}`, plan[id].argv, {
        env: plan[id].env,
        runs: opts.runs,
        i,
      });
      side.runs.push({ wallSeconds: round(r.wallSeconds, 3), maxRssKiB: r.maxRssKiB, exitCode: r.exitCode });
      if (r.exitCode !== 0) {
        side.failed = `exited with ${r.exitCode}${r.signal ? ` (${r.signal})` : ''}${r.exitCode === 127 ? ' (command not found?)' : ''}`;
        side.stderrTail = r.stderrTail.slice(-4000);
        result.problems.push(`${id} ${side.failed}:\n${tail(r.stderrTail)}`);
        continue;
      }
      if (!(id in outputs)) {
        try {
          outputs[id] = JSON.parse(r.stdout);
        } catch (e) {
          side.failed = `printed no JSON report (${e.message})`;
          result.problems.push(`${id} ${side.failed}; stdout begins: ${JSON.stringify(r.stdout.slice(0, 200))}`);
        }
      }
    }
  }
  for (const id of ids) {
    const s = result.sides[id];
    const ok = s.runs.filter((r) => r.exitCode === 0);
    s.median =
      !s.failed && ok.length
        ? { wallSeconds: round(median(ok.map((r) => r.wallSeconds)), 3), maxRssKiB: median(ok.map((r) => r.maxRssKiB)) }
        : null;
    if (id === 'peer' && outputs.peer?.peer) s.report = outputs.peer.peer;
  }

  const dw = result.sides.driftwatch.median;
  const pe = result.sides.peer.median;
  if (dw && pe) {
    result.ratios = {
      wall: round(dw.wallSeconds / pe.wallSeconds, 3),
      rss: dw.maxRssKiB && pe.maxRssKiB ? round(dw.maxRssKiB / pe.maxRssKiB, 3) : null,
    };
    const miss = [];
    if (!(result.ratios.wall <= wl.targets.wall)) miss.push('wall');
    if (!(result.ratios.rss != null && result.ratios.rss <= wl.targets.rss)) miss.push('RSS');
    result.status = miss.length ? `MISS (${miss.join(', ')})` : 'PASS';
  } else if (!result.sides.driftwatch.available) {
    result.status = 'N/A (CLI missing)';
  } else {
    result.status = 'ERROR';
  }
  if (outputs.driftwatch && outputs.peer && wl.compare) {
    try {
      result.agreement = wl.compare(outputs);
    } catch (e) {
      result.problems.push(`comparison failed: ${e.message}`);
    }
  }
  return result;
}

function round(x, d) {
  if (x == null) return null;
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

// ---------------------------------------------------------------------------
// report

function report(results, meta, opts) {
  const out = [];
  const v = meta.python?.versions;
  out.push(`Driftwatch bench  ${meta.startedAt}`);
  out.push(
    `node ${process.version}; peer: ${v ? `python ${v.python}, pandas ${v.pandas}, numpy ${v.numpy}, scipy ${v.scipy}` : `unavailable (${meta.python?.error})`}`,
  );
  out.push(
    `machine: ${meta.machine.cpus} x ${meta.machine.cpuModel}, ${meta.machine.memGiB} GiB; load avg ${meta.machine.loadAvgAtStart.join(' ')} at start; peak RSS via ${meta.rusageReader}`,
  );
  out.push(`${opts.runs} run(s) per side, alternating; medians below; MB = 2^20 bytes`);
  if (opts.rows) out.push(`NOTE: --rows ${opts.rows}: not the workloads' default data size; figures are for quick checks only`);
  if (opts.driftwatchCmd)
    out.push(
      `NOTE: Driftwatch replaced by a STAND-IN (--driftwatch-cmd ${opts.driftwatchCmd.join(' ')}): these are not Driftwatch's figures`,
    );
  out.push('');

  const rows = results.map((r) => {
    const dw = r.sides.driftwatch?.median;
    const pe = r.sides.peer?.median;
    const standIn = r.sides.driftwatch?.standIn ? ' (stand-in)' : '';
    return [
      r.name,
      r.sides.driftwatch?.available === false ? 'missing' : fmt.s(dw?.wallSeconds),
      fmt.mb(dw?.maxRssKiB),
      fmt.s(pe?.wallSeconds),
      fmt.mb(pe?.maxRssKiB),
      fmt.ratio(r.ratios?.wall),
      `<=${r.targets.wall.toFixed(2)}x`,
      fmt.ratio(r.ratios?.rss),
      `<=${r.targets.rss.toFixed(2)}x`,
      `${r.status}${standIn}`,
    ];
  });
  out.push(
    table(
      [
        'workload',
        'driftwatch wall s',
        'peak RSS MB',
        'peer wall s',
        'peak RSS MB',
        'wall ratio',
        'target',
        'RSS ratio',
        'target',
        'result',
      ],
      rows,
      1,
    ),
  );

  for (const r of results) {
    out.push('');
    out.push(`${r.name}: ${r.title}`);
    if (r.data?.files) {
      for (const [side, f] of Object.entries(r.data.files)) {
        out.push(
          `  ${side.padEnd(9)} ${f.path}  ${(f.bytes / MiB).toFixed(1)} MB (${f.bytes.toLocaleString('en-US')} bytes)  sha256 ${f.sha256}`,
        );
      }
      out.push(
        `  data: generator v${r.data.generatorVersion}, ${r.data.rows.toLocaleString('en-US')} rows per file, ${r.data.generated ? `generated now in ${r.data.generationSeconds} s` : 'reused (up to date)'}; drift planted in ${r.data.driftedColumns.join(', ')}`,
      );
    }
    for (const id of ['driftwatch', 'peer']) {
      const s = r.sides[id];
      if (!s) continue;
      const runs = s.runs
        .map((x) => (x.exitCode === 0 ? `${x.wallSeconds.toFixed(2)} s/${fmt.mb(x.maxRssKiB)} MB` : `exit ${x.exitCode}`))
        .join(', ');
      out.push(`  ${id}${s.standIn ? ' (STAND-IN, not Driftwatch)' : ''}: ${s.command}`);
      out.push(`    runs: ${!s.available ? 'not run' : runs}${s.failed && s.runs.length ? `  -> ${s.failed}` : ''}`);
      if (s.report?.timings) {
        const t = s.report.timings;
        out.push(`    peer's own phases (last run): import ${t.import_s} s, read_csv ${t.read_s} s, methods ${t.compute_s} s`);
      }
    }
    const q = r.quoted;
    const dwWall = r.sides.driftwatch?.median?.wallSeconds;
    if (q && dwWall != null) {
      const ratio = dwWall / q.wallSeconds;
      out.push(
        `  quoted peer: ${q.label}: ${q.wallSeconds} s (not run here); driftwatch/quoted ${fmt.ratio(ratio)} (target <=${q.target.toFixed(2)}x): ${ratio <= q.target ? 'PASS' : 'MISS'}`,
      );
    }
    const a = r.agreement;
    if (a) {
      const verdicts = a.verdictDisagreements.length
        ? `${a.verdictDisagreements.length} disagree (${a.verdictDisagreements.map((d) => `${d.column}: driftwatch ${d.driftwatch ? 'drift' : 'no drift'}, peer ${d.peer ? 'drift' : 'no drift'}`).join('; ')})`
        : 'all agree';
      const methods = a.methodMismatches.length
        ? `${a.methodMismatches.length} differ (${a.methodMismatches.map((m) => `${m.column}: ${m.driftwatch} vs ${m.peer}`).join('; ')})`
        : 'all match';
      out.push(
        `  agreement: ${a.compared}/${a.columns} columns compared; methods ${methods}; max relative difference of statistics ${fmt.sci(a.maxRelDiff)}${a.maxRelDiffColumn ? ` (${a.maxRelDiffColumn})` : ''}, max absolute ${fmt.sci(a.maxAbsDiff)}`,
      );
      out.push(
        `  verdicts: columns ${verdicts}; dataset ${a.dataset.agree ? `agrees (${a.dataset.peer ? 'drifted' : 'not drifted'})` : `DISAGREES (driftwatch ${a.dataset.driftwatch}, peer ${a.dataset.peer})`}`,
      );
      if (a.missing.inDriftwatch.length) out.push(`  columns missing from Driftwatch's report: ${a.missing.inDriftwatch.join(', ')}`);
      if (a.missing.inPeer.length) out.push(`  columns only in Driftwatch's report: ${a.missing.inPeer.join(', ')}`);
      if (opts.verbose || !a.ok) {
        out.push(
          table(
            ['    column', 'method', 'driftwatch', 'peer', 'rel diff', 'drift dw/peer'],
            a.perColumn.map((c) => [
              `    ${c.column}`,
              c.method,
              fmt.stat(c.dwStatistic),
              fmt.stat(c.peerStatistic),
              fmt.sci(c.relDiff),
              `${c.dwDrifted ? 'yes' : 'no'}/${c.peerDrifted ? 'yes' : 'no'}`,
            ]),
            2,
          ),
        );
      }
    } else {
      out.push('  agreement: not checked (needs both reports)');
    }
    for (const p of r.problems) out.push(`  problem: ${p}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const selected = (opts.only ?? ALL).filter((w) => WORKLOADS.includes(w));
  const selfTimed = (opts.only ?? ALL).filter((w) => w in SELF_TIMED);
  if (opts.list) {
    for (const name of WORKLOADS) {
      const wl = (await import(`./${name}/index.mjs`)).default;
      console.log(`${name}  ${wl.title}`);
    }
    for (const [name, script] of Object.entries(SELF_TIMED)) console.log(`${name}  self-timed: ${script}`);
    return 0;
  }
  const meta = {
    startedAt: new Date().toISOString(),
    node: process.version,
    rusageReader,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
      memGiB: round(os.totalmem() / 2 ** 30, 1),
      loadAvgAtStart: os.loadavg().map((x) => round(x, 2)),
    },
    runs: opts.runs,
    rows: opts.rows,
    driftwatchCmd: opts.driftwatchCmd?.join(' ') ?? null,
  };
  if (meta.machine.loadAvgAtStart[0] > 0.5)
    log(
      `note: load average is ${meta.machine.loadAvgAtStart[0]}: other work on this ${meta.machine.cpus}-core machine will skew the figures`,
    );

  try {
    meta.python = ensurePythonEnv({ benchDir: BENCH, log });
    const v = meta.python.versions;
    log(`peer env: python ${v.python}, pandas ${v.pandas}, numpy ${v.numpy}, scipy ${v.scipy}`);
  } catch (e) {
    meta.python = { error: e.message.split('\n')[0] };
    log(`cannot prepare the Python env: ${e.message}`);
  }

  const results = [];
  for (const name of selected) {
    const wl = (await import(`./${name}/index.mjs`)).default;
    log(`${name}: ${wl.title}`);
    results.push(await runWorkload(name, wl, opts, { python: meta.python }));
  }
  meta.finishedAt = new Date().toISOString();

  const text = report(results, meta, opts);
  process.stdout.write(`${text}\n`);
  mkdirSync(dirname(opts.json), { recursive: true });
  writeFileSync(opts.json, `${JSON.stringify({ ...meta, workloads: results }, null, 2)}\n`);
  log(`wrote ${relative(process.cwd(), opts.json) || opts.json}`);

  let selfFailed = false;
  for (const name of selfTimed) {
    log(`${name}: ${SELF_TIMED[name]}`);
    const r = spawnSync(process.execPath, [SELF_TIMED[name]], { stdio: 'inherit' });
    if (r.status !== 0) {
      selfFailed = true;
      log(`${name}: exited with status ${r.status}`);
    }
  }

  const failed =
    selfFailed || results.some((r) => r.status === 'ERROR' || r.status.startsWith('N/A') || Object.values(r.sides).some((s) => s.failed));
  const missOrDisagree = results.some((r) => r.status.startsWith('MISS') || (r.agreement && !r.agreement.ok));
  return failed || (opts.strict && missOrDisagree) ? 1 : 0;
}

process.exitCode = await main();
