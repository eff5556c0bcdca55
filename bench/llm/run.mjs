#!/usr/bin/env node
// Self-timed workload (issue 15): golden-set items evaluated per second by `runEvaluation`
// (packages/plugin-aws-bedrock/dist, in process, the code `driftwatch eval` runs) against the
// wire-level Bedrock Runtime server of the plugin's ./testing export, whose models answer with
// zero latency — so the figure is Driftwatch's own per-item overhead: building the request, the
// real SDK client (serialisation, signing, HTTP/2), retries' bookkeeping, scoring, judge parsing,
// the summary with its bootstrap intervals. The server runs in a child process (bench/llm/server.mjs)
// so its CPU is not charged to the measured process; on a 2-core machine the two still share the CPU.
//
//   node bench/llm/run.mjs [--items N] [--concurrency N] [--runs N] [--variants sdk-only,deterministic,semantic,judge,all] [--json PATH]
//
// No peer: nothing in Python does this job on the same wire (Bedrock's own evaluation jobs are a
// managed service), so no ratio is printed.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { supportQuestions, toJsonl } from '../../examples/demo-llm/supportQuestions.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const DATA = join(ROOT, 'bench', '.data');
const log = (m) => process.stderr.write(`bench/llm: ${m}\n`);

const deterministic = [
  { type: 'exact' },
  { type: 'normalized' },
  { type: 'token-f1' },
  { type: 'rouge-l' },
  { type: 'bleu', threshold: 0.3 },
  { type: 'contains', values: ['open', 'order'], mode: 'any', name: 'mentions_action' },
  { type: 'length', maxWords: 60 },
];
const semantic = [{ type: 'semantic', threshold: 0.8 }];
const judges = [
  { type: 'judge', rubric: 'correctness', threshold: 0.75 },
  { type: 'judge', rubric: 'refusal' },
];
/** The variants: scorers, and the Bedrock calls each item costs (Converse, InvokeModel). */
const VARIANTS = {
  'sdk-only': { scorers: [], calls: '1 Converse, answer unused', baseline: true },
  deterministic: { scorers: deterministic, calls: '1 Converse' },
  semantic: { scorers: [...deterministic, ...semantic], calls: '1 Converse + 2 InvokeModel (1024-dim)' },
  judge: { scorers: [...deterministic, ...judges], calls: '3 Converse' },
  all: { scorers: [...deterministic, ...semantic, ...judges], calls: '3 Converse + 2 InvokeModel' },
};

function parse(argv) {
  const o = { items: 500, concurrency: 16, runs: 3, variants: Object.keys(VARIANTS), json: join(DATA, 'llm-latest.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[++i];
    const int = () => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) usage(`${a} needs a positive integer, got ${v}`);
      return n;
    };
    if (a === '--items') o.items = int();
    else if (a === '--concurrency') o.concurrency = int();
    else if (a === '--runs') o.runs = int();
    else if (a === '--variants') o.variants = (v ?? '').split(',').filter(Boolean);
    else if (a === '--json') o.json = resolve(v);
    else usage(`unknown option ${a}`);
  }
  for (const name of o.variants) if (!(name in VARIANTS)) usage(`unknown variant ${name} (known: ${Object.keys(VARIANTS).join(', ')})`);
  return o;
}
function usage(message) {
  process.stderr.write(
    `bench/llm: ${message}\nusage: node bench/llm/run.mjs [--items N] [--concurrency N] [--runs N] [--variants LIST] [--json PATH]\n`,
  );
  process.exit(2);
}

const opts = parse(process.argv.slice(2));
// As the CLI does (apps/cli/src/main.ts): the pinned SDK supports Node 20; its notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const dist = join(ROOT, 'packages/plugin-aws-bedrock/dist/index.js');
let bedrock;
try {
  bedrock = await import(dist);
} catch (error) {
  log(`${relative(ROOT, dist)} cannot be loaded (build first: pnpm build): ${error.message}`);
  process.exit(1);
}

mkdirSync(DATA, { recursive: true });
const golden = join(DATA, `llm-golden-${opts.items}.jsonl`);
writeFileSync(golden, toJsonl(supportQuestions({ count: opts.items, seed: 500 })));

// The server in its own process; it prints its endpoint, and stops when its stdin closes.
const child = spawn(process.execPath, [join(HERE, 'server.mjs'), golden], { stdio: ['pipe', 'pipe', 'inherit'] });
const { endpoint, pid } = await new Promise((done, fail) => {
  child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
  createInterface({ input: child.stdout }).once('line', (line) => done(JSON.parse(line)));
});

/** CPU seconds of a process from /proc (Linux), or null elsewhere. */
function procCpuSeconds(id) {
  try {
    const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

process.env.AWS_ACCESS_KEY_ID ??= 'bench';
process.env.AWS_SECRET_ACCESS_KEY ??= 'bench';
const connection = bedrock.bedrockConnectionOptions.parse({ region: 'us-east-1', endpoint });
const deps = bedrock.evaluationDependencies(connection, process.env);
const suiteOf = (scorers) => ({
  name: 'bench',
  dataset: golden,
  target: { modelId: 'assistant', inference: { maxTokens: 300, temperature: 0 } },
  judge: { modelId: 'judge' },
  scorers,
  concurrency: opts.concurrency,
  bootstrap: { resamples: 2000, seed: 1 },
});

/**
 * The floor under every variant: the same client sending the same 500 Converse requests, 16 at a
 * time, doing nothing with the answers (the SDK's serialisation, signing and HTTP/2 alone).
 */
async function sdkOnly(client) {
  const { ConverseCommand } = await import(createRequire(dist).resolve('@aws-sdk/client-bedrock-runtime'));
  const prompts = readFileSync(golden, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line).prompt);
  let next = 0;
  const worker = async () => {
    while (next < prompts.length) {
      const prompt = prompts[next++];
      await client.send(
        new ConverseCommand({
          modelId: 'assistant',
          messages: [{ role: 'user', content: [{ text: prompt }] }],
          inferenceConfig: { maxTokens: 300, temperature: 0 },
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return { items: prompts, errors: 0, attempts: prompts.length };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadBefore = os.loadavg().map((x) => Math.round(x * 100) / 100);
const results = {};
try {
  // Warm-up: the JIT, the HTTP/2 session, the judge's parser.
  log('warm-up');
  await bedrock.runEvaluation(suiteOf(VARIANTS.all.scorers), deps);
  // Rounds: every variant once per round, so a change in the machine's load hits all of them alike.
  const runsOf = Object.fromEntries(opts.variants.map((name) => [name, []]));
  for (let r = 0; r < opts.runs; r++) {
    for (const name of opts.variants) {
      const variant = VARIANTS[name];
      const cpu0 = process.cpuUsage();
      const server0 = procCpuSeconds(pid);
      const t0 = performance.now();
      const result = variant.baseline ? await sdkOnly(deps.client) : await bedrock.runEvaluation(suiteOf(variant.scorers), deps);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const server1 = procCpuSeconds(pid);
      if (result.errors > 0) throw new Error(`${name}: ${result.errors} item errors`);
      const n = result.items.length;
      runsOf[name].push({
        seconds,
        itemsPerSecond: n / seconds,
        wallMsPerItem: (1000 * seconds) / n,
        cpuMsPerItem: (cpu.user + cpu.system) / 1000 / n,
        serverCpuMsPerItem: server0 === null || server1 === null ? null : (1000 * (server1 - server0)) / n,
        attempts: result.attempts,
      });
      log(`${name} run ${r + 1}/${opts.runs}: ${n} items in ${seconds.toFixed(2)} s (${(n / seconds).toFixed(0)} items/s)`);
    }
  }
  for (const name of opts.variants) {
    const variant = VARIANTS[name];
    const runs = runsOf[name];
    const pickMedian = (key) => median(runs.map((x) => x[key]));
    results[name] = {
      calls: variant.calls,
      scorers: variant.scorers.length,
      runs,
      itemsPerSecond: pickMedian('itemsPerSecond'),
      wallMsPerItem: pickMedian('wallMsPerItem'),
      cpuMsPerItem: pickMedian('cpuMsPerItem'),
      serverCpuMsPerItem: runs.some((x) => x.serverCpuMsPerItem === null) ? null : pickMedian('serverCpuMsPerItem'),
    };
  }
} finally {
  deps.client.destroy();
  child.stdin.end();
}
const loadAfter = os.loadavg().map((x) => Math.round(x * 100) / 100);

const header = ['variant', 'Bedrock calls per item', 'scorers', 'items/s', 'wall ms/item', 'driftwatch CPU ms/item', 'server CPU ms/item'];
const rows = opts.variants.map((name) => {
  const r = results[name];
  return [
    name,
    r.calls,
    String(r.scorers),
    r.itemsPerSecond.toFixed(0),
    r.wallMsPerItem.toFixed(2),
    r.cpuMsPerItem.toFixed(2),
    r.serverCpuMsPerItem === null ? '—' : r.serverCpuMsPerItem.toFixed(2),
  ];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(
  `LLM golden-set evaluation, ${opts.items} items, concurrency ${opts.concurrency}, zero-latency models, median of ${opts.runs}  ` +
    `${new Date().toISOString()}  node ${process.version}  load average ${loadBefore.join(' ')} -> ${loadAfter.join(' ')} on ${os.cpus().length} cores`,
);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(
  'wall ms/item = 1000 / items/s (the per-item overhead at this concurrency, server time on the shared cores included); ' +
    "CPU ms/item = the Driftwatch process's user+system CPU per item; server = the wire-level server's process.",
);
console.log(
  'sdk-only: the same BedrockRuntimeClient sending the same Converse requests at the same concurrency with nothing else — the floor the SDK sets; ' +
    'the deterministic row minus it is what runEvaluation adds per item.',
);
console.log('peer: none — no Python (or other) tool evaluates a golden set over this wire, so no comparison is made.');
mkdirSync(dirname(opts.json), { recursive: true });
writeFileSync(
  opts.json,
  `${JSON.stringify({ items: opts.items, concurrency: opts.concurrency, runs: opts.runs, loadBefore, loadAfter, results }, null, 2)}\n`,
);
