// The LLM demo's story, as a function: `demo.mjs` prints it, `demo.test.ts` asserts its facts.
//
// A support assistant on Amazon Bedrock, offline: the wire-level Bedrock Runtime server of
// @driftwatch/plugin-aws-bedrock/testing plays the models (the champion degrades week by week, a
// better challenger, a rubric judge) on a simulated clock; moto (python3 -m moto.server, on a free
// port) holds the invocation logs in S3 and the SSM parameter the application reads its model
// from. Each simulated week the application serves its traffic (real SDK clients: GetParameter,
// Converse) and Bedrock-style invocation logs are written to S3; then Driftwatch runs through the
// built CLI: `driftwatch run` (the traffic monitor on the invocation logs) and `driftwatch eval`
// (the golden set, paired against the previous week).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { demoModels, modelIds } from './models.mjs';
import { goldenSet, mulberry32, toJsonl, trafficPool } from './supportQuestions.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '../..');
export const cli = join(root, 'apps/cli/dist/main.js');
const dist = (pkg, file = 'index.js') => join(root, 'packages', pkg, 'dist', file);
// The AWS SDK clients the application uses are the Bedrock plugin's dependencies (the examples
// folder has none of its own).
const requireSdk = createRequire(join(root, 'packages/plugin-aws-bedrock/package.json'));
const sdk = (name) => import(requireSdk.resolve(name));

const dayMs = 24 * 3600 * 1000;
const weekMs = 7 * dayMs;
/** Monday 2 March 2026: the start of week 1, when the champion is at its best. */
export const start = Date.UTC(2026, 2, 2);
export const weeks = 6;
const requestsPerDay = 32;
const bucket = 'support-bot-logs';
const logPrefix = 'AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1';
const parameterName = '/support-bot/champion';
/** The bound of the suite's alert rule `correctness-low` (driftwatch.yaml): correctness pass rate below it. */
export const passRateFloor = 0.9;
const systemPrompt = 'You are the support assistant of an online shop. Answer in one or two sentences.';

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * The week's production mix: from week 3 subscription questions arrive (a topic the golden set
 * lacks) and the application puts the customer's recent orders into the system prompt (longer prompts).
 */
export function trafficShape(week) {
  return { subscriptionShare: week < 3 ? 0 : week === 3 ? 0.15 : 0.3, orderHistory: week >= 3 };
}

/** Runs the built CLI in `cwd` with `env`; resolves with status, stdout, stderr. */
function runCli(args, { cwd, env }) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/**
 * Runs the whole story in `out` (emptied first) and returns its facts; `say` receives the
 * printed lines, `onStep(what, seconds)` each step's wall time. Throws when a step fails (with the command's output).
 */
export async function runDemo({ out, say = () => {}, onStep = () => {} }) {
  const timing = (what, t0) => onStep(what, (performance.now() - t0) / 1000);
  if (!existsSync(cli)) throw new Error(`${cli} is missing; build first (pnpm build), or run "pnpm demo:llm"`);
  const testing = await import(dist('plugin-aws-bedrock', 'testing/index.js'));
  const { startMotoServer } = await import(dist('aws-common', 'testing/index.js'));
  const { S3Client, CreateBucketCommand, PutObjectCommand } = await sdk('@aws-sdk/client-s3');
  const { SSMClient, GetParameterCommand, GetParameterHistoryCommand, PutParameterCommand } = await sdk('@aws-sdk/client-ssm');
  const { BedrockRuntimeClient, ConverseCommand } = await sdk('@aws-sdk/client-bedrock-runtime');

  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'out'), { recursive: true });
  const golden = goldenSet();
  writeFileSync(join(out, 'golden.jsonl'), toJsonl(golden));
  writeFileSync(join(out, 'driftwatch.yaml'), readFileSync(join(here, 'driftwatch.yaml'), 'utf8'));
  const pool = trafficPool();
  const answers = Object.fromEntries([...golden, ...pool.known, ...pool.fresh].map((item) => [item.prompt, item.reference]));

  // The simulated clock the scripted models read.
  let now = start;
  const clock = { now: () => now, sleep: async () => {} };
  const credentials = { accessKeyId: 'demo', secretAccessKey: 'demo' };
  const region = 'us-east-1';
  let moto;
  let server;
  const clients = [];
  const facts = { weeks: [], alertWeek: null, challenger: null, parameter: [] };
  try {
    const setupStarted = performance.now();
    [moto, server] = await Promise.all([
      startMotoServer(),
      testing.startBedrockRuntimeServer({ models: demoModels(testing, { answers, start }), clock }),
    ]);
    const s3 = new S3Client({ region, endpoint: moto.endpoint, forcePathStyle: true, credentials });
    const ssm = new SSMClient({ region, endpoint: moto.endpoint, credentials });
    const runtime = new BedrockRuntimeClient({ region, endpoint: server.endpoint, credentials });
    clients.push(s3, ssm, runtime);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    timing('moto and the Bedrock server', setupStarted);
    const env = {
      ...process.env,
      NO_COLOR: '1',
      AWS_ACCESS_KEY_ID: 'demo',
      AWS_SECRET_ACCESS_KEY: 'demo',
      AWS_REGION: region,
      BEDROCK_ENDPOINT: server.endpoint,
      AWS_ENDPOINT: moto.endpoint,
    };
    const driftwatch = async (args, extraEnv, allow = [0]) => {
      const t0 = performance.now();
      const r = await runCli([...args, '--config', 'driftwatch.yaml', '--format', 'json'], { cwd: out, env: { ...env, ...extraEnv } });
      if (!allow.includes(r.status)) throw new Error(`driftwatch ${args.join(' ')} exited ${r.status}\n${r.stderr}${r.stdout}`);
      timing(`driftwatch ${args.join(' ')}`, t0);
      return { result: JSON.parse(r.stdout), stderr: r.stderr };
    };

    // What serves, as the application reads it. Its first value is written as the infrastructure
    // code would, in the deployer's shape; from then on Driftwatch's ssm-parameter deployer writes it.
    const serving = async () => JSON.parse((await ssm.send(new GetParameterCommand({ Name: parameterName }))).Parameter.Value);
    await ssm.send(
      new PutParameterCommand({
        Name: parameterName,
        Type: 'String',
        Value: JSON.stringify({ model: 'support-assistant', version: '1', modelId: modelIds.champion, promptVersion: '3' }),
      }),
    );
    facts.parameter.push(await serving());

    say(`LLM monitoring demo: a support assistant on Amazon Bedrock, ${weeks} simulated weeks`);
    say(`   golden set: ${golden.length} questions (${[...new Set(golden.map((g) => g.tags[0]))].join(', ')}) with reference answers`);
    say(`   serving (SSM ${parameterName}): ${facts.parameter[0].modelId}`);
    say();

    for (let week = 1; week <= weeks; week++) {
      const weekStart = start + (week - 1) * weekMs;
      const shape = trafficShape(week);
      const served = await serving();
      // 1. The application serves the week's traffic; Bedrock's invocation logging writes one object a day.
      const rng = mulberry32(7919 * week);
      const trafficStarted = performance.now();
      let refusals = 0;
      let requests = 0;
      for (let day = 0; day < 7; day++) {
        const dayStart = weekStart + day * dayMs;
        const prompts = Array.from({ length: requestsPerDay }, () => {
          const list = rng() < shape.subscriptionShare ? pool.fresh : pool.known;
          return list[Math.floor(rng() * list.length)].prompt;
        });
        const system = shape.orderHistory
          ? `${systemPrompt} The customer's recent orders: ${Array.from({ length: 4 }, () => `order A${100000 + Math.floor(rng() * 900000)} (${['shipped', 'delivered', 'returned', 'processing'][Math.floor(rng() * 4)]})`).join(', ')}. Use them when relevant.`
          : systemPrompt;
        // The day's requests at once, at noon on the simulated clock (what the models read); each record keeps its own time.
        now = dayStart + 12 * 3600 * 1000;
        const records = await Promise.all(
          prompts.map(async (prompt, i) => {
            const input = {
              modelId: served.modelId,
              system: [{ text: system }],
              messages: [{ role: 'user', content: [{ text: prompt }] }],
              inferenceConfig: { maxTokens: 300, temperature: 0 },
            };
            const answer = await runtime.send(new ConverseCommand(input));
            if (answer.output.message.content[0].text === testing.degradedRefusal) refusals++;
            return {
              schemaType: 'ModelInvocationLog',
              schemaVersion: '1.0',
              timestamp: iso(dayStart + 8 * 3600 * 1000 + i * 20 * 60 * 1000),
              accountId: '123456789012',
              region,
              requestId: `w${week}-d${day}-${i}`,
              operation: 'Converse',
              modelId: served.modelId,
              input: { inputContentType: 'application/json', inputBodyJson: input, inputTokenCount: answer.usage.inputTokens },
              output: {
                outputContentType: 'application/json',
                outputBodyJson: { output: answer.output, stopReason: answer.stopReason, metrics: answer.metrics, usage: answer.usage },
                outputTokenCount: answer.usage.outputTokens,
              },
            };
          }),
        );
        requests += records.length;
        const d = new Date(dayStart);
        const path = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/08`;
        await s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: `${logPrefix}/${path}/${iso(dayStart).replaceAll(/[-:]/g, '')}_invocations.json.gz`,
            Body: gzipSync(records.map((r) => JSON.stringify(r)).join('\n')),
          }),
        );
      }
      timing(`week ${week} traffic`, trafficStarted);
      // 2. Sunday evening: the traffic monitor and the golden-set evaluation.
      now = weekStart + weekMs - 3600 * 1000;
      const weekEnv = { WEEK_START: iso(weekStart), WEEK_END: iso(weekStart + weekMs) };
      // Independent: the traffic monitor and the golden-set suite run side by side.
      const [traffic, golden] = await Promise.all([
        driftwatch(['run', '--monitor', 'support-traffic'], weekEnv, [0, 1]),
        driftwatch(['run', '--suite', 'support-golden'], weekEnv, [0, 1]),
      ]);
      const evaluation = golden.result;
      const fact = weekFacts(week, served, traffic.result, evaluation, { requests, refusals });
      facts.weeks.push(fact);
      printWeek(say, fact, week === 1);

      // 3. The suite's alert rule, and the promotion it starts: the challenger evaluated on the
      // golden set with the champion, gated item by item, deployed to the SSM parameter, checked after.
      for (const a of evaluation.alerts) say(`   ALERT ${a.alert.rule} (${a.alert.severity}): ${a.alert.message.replace(/^[^:]*: /, '')}`);
      if (facts.alertWeek === null && evaluation.alerts.length > 0) facts.alertWeek = week;
      const attempt = evaluation.promotion?.attempt;
      if (attempt !== undefined) {
        const gated = attempt.transitions.find((t) => t.to === 'gated');
        facts.promotion = { week, attempt };
        say(`   promotion ${attempt.model}: ${attempt.transitions.map((t) => t.to).join(' → ')}`);
        const head = gated?.reason ?? attempt.error?.message ?? '—';
        say(`   ${head.slice(0, head.indexOf('): ') + 2)}`);
        for (const reason of attempt.gate?.reasons ?? []) say(`     ${reason}`);
        if (attempt.postDeploy)
          say(`   after the switch: ${attempt.postDeploy.reasons.join('; ')} → ${attempt.postDeploy.passed ? 'kept' : 'rolled back'}`);
        const after = await serving();
        const history = (await ssm.send(new GetParameterHistoryCommand({ Name: parameterName }))).Parameters;
        facts.parameter.push(after);
        facts.parameterVersions = history.length;
        say(`   SSM ${parameterName}: ${JSON.stringify(after)} (parameter version ${history.length})`);
      }
      say();
    }
    return facts;
  } finally {
    for (const client of clients) client.destroy();
    await Promise.all([server?.close(), moto?.stop()]);
  }
}

const pct = (x) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);
const f2 = (x) => (x === null || x === undefined ? '—' : x.toFixed(2));

function scorerFact(evaluation, name) {
  const s = evaluation.scorers.find((x) => x.scorer === name);
  return { mean: s.mean, passRate: s.passRate, ciLow: s.ciLow, ciHigh: s.ciHigh };
}

function weekFacts(week, served, run, evaluation, traffic) {
  const columns = run.drift.columns;
  return {
    week,
    modelId: served.modelId,
    traffic: {
      ...traffic,
      status: run.status,
      driftShare: run.drift.dataset.share,
      datasetDrifted: run.drift.dataset.drifted,
      drifted: columns.filter((c) => c.drifted).map((c) => c.column),
      columns: columns.length,
      figures: figuresOf(run.sourceFigures?.current),
      referenceFigures: figuresOf(run.sourceFigures?.reference),
      refusalColumn: pick(columns.find((c) => c.column === 'refusal')),
      embeddingColumn: pick(columns.find((c) => c.column === 'prompt_embedding')),
      subscriptionDescriptor: descriptor(columns, 'prompt', 'prompt.contains:subscription'),
      alerts: (run.alerts ?? []).map((a) => a.alert),
    },
    eval: {
      correctness: scorerFact(evaluation, 'correctness'),
      tokenF1: scorerFact(evaluation, 'token-f1'),
      noRefusal: scorerFact(evaluation, 'no_refusal'),
      latencyP50: evaluation.latency.p50,
      changes: evaluation.comparison?.changes ?? [],
      model: evaluation.model,
      alerts: evaluation.alerts.map((a) => a.alert),
    },
    raw: { run, evaluation },
  };
}

/** The traffic source's figures by name, summed over models where they are counts (one model serves a week here). */
function figuresOf(figures = []) {
  const out = {};
  for (const f of figures) out[f.name] = f.value;
  return out;
}

const pick = (c) => (c === undefined ? null : { method: c.method, statistic: c.statistic, pValue: c.pValue ?? null, drifted: c.drifted });

/** A text column's descriptor result (`{ pValue, drifted }`), or null. */
function descriptor(columns, column, name) {
  const d = columns.find((c) => c.column === column)?.text?.descriptors?.find((x) => x.column === name);
  return d === undefined ? null : { pValue: d.pValue, drifted: d.drifted };
}

const pValue = (p) => (p === null || p === undefined ? '—' : p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`);

function printWeek(say, fact, first) {
  const { traffic: t, eval: e } = fact;
  const from = iso(start + (fact.week - 1) * weekMs).slice(0, 10);
  say(`week ${fact.week} (${from}), serving ${fact.modelId}`);
  const f = t.figures;
  say(
    `   traffic: ${f['llm.requests']} requests, refusal rate ${pct(f['llm.refusal_rate'])}, ` +
      `${f2(f['llm.output_tokens'] / f['llm.requests'])} output tokens a request, latency p50 ${f['llm.latency_p50']} ms`,
  );
  if (first) say("   driftwatch run: this week is the traffic monitor's reference");
  else {
    say(
      `   driftwatch run: ${t.drifted.length} of ${t.columns} columns drifted (${t.drifted.join(', ') || 'none'}), share ${pct(t.driftShare)}`,
    );
    say(
      `     prompt embeddings ${t.embeddingColumn?.drifted ? 'drifted' : 'stable'} (domain classifier ROC AUC ${f2(t.embeddingColumn?.statistic)}), ` +
        `subscription descriptor p ${pValue(t.subscriptionDescriptor?.pValue)}, refusals p ${pValue(t.refusalColumn?.pValue)}`,
    );
    for (const a of t.alerts) say(`   ALERT ${a.rule} (${a.severity}): ${a.message.replace(/^[^:]*: /, '')}`);
  }
  say(
    `   golden set: correctness ${f2(e.correctness.mean)} (pass ${pct(e.correctness.passRate)}), token F1 ${f2(e.tokenF1.mean)}, refusals ${pct(1 - e.noRefusal.mean)}, latency p50 ${e.latencyP50} ms`,
  );
  const correctness = e.changes.find((c) => c.scorer === 'correctness');
  if (correctness)
    say(
      correctness.pValue === null
        ? `   vs last week, item by item: correctness ${correctness.previousMean.toFixed(2)} → ${correctness.currentMean.toFixed(2)}, no item changed`
        : `   vs last week, item by item: correctness ${correctness.previousMean.toFixed(2)} → ${correctness.currentMean.toFixed(2)}, p ${pValue(correctness.pValue)}, ${correctness.worse} worse, ${correctness.better} better`,
    );
}
