#!/usr/bin/env node
// LLM monitoring on Amazon Bedrock, offline: a support assistant whose model quietly degrades
// week by week while its traffic shifts; Driftwatch's traffic monitor (invocation logs in S3) and
// golden-set evaluation catch it, a challenger model is evaluated item by item against the
// champion and, when it wins, the SSM parameter the application reads is switched; the weeks
// after show the recovery. See the "LLM monitoring on Bedrock" section of the README.
//
//   node examples/demo-llm/demo.mjs [--timing] [OUT_DIR]   (default: demo-llm-out/ in the repository;
//                                                          --timing: each step's wall time on stderr)
//
// Needs the build (pnpm demo:llm builds first) and moto (python3 -m moto.server). Deterministic:
// the models, the questions and the traffic are seeded, the clock is simulated, so two runs print
// the same figures (run ids and wall-clock times differ).
import { join, relative, resolve } from 'node:path';
import { passRateFloor, root, runDemo } from './runDemo.mjs';

// As the CLI does: the pinned AWS SDK supports Node 20; its start-up notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const args = process.argv.slice(2);
const timing = args.includes('--timing');
const out = resolve(args.find((a) => a !== '--timing') ?? join(root, 'demo-llm-out'));
const started = performance.now();
const say = (text = '') => process.stdout.write(`${text}\n`);
const show = (p) => {
  const r = relative(process.cwd(), p);
  return r.startsWith('..') ? p : r;
};

let facts;
try {
  facts = await runDemo({
    out,
    say,
    onStep: (what, seconds) => timing && process.stderr.write(`demo:llm: ${what} ${seconds.toFixed(2)} s\n`),
  });
} catch (error) {
  process.stderr.write(`demo:llm: ${error.message}\n`);
  process.exit(3);
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const alert = facts.weeks.find((w) => w.week === facts.alertWeek);
const last = facts.weeks[facts.weeks.length - 1];
say('Summary');
if (alert === undefined) say(`   no golden-set alert fired (correctness pass rate stayed ≥ ${pct(passRateFloor)})`);
else {
  const first = facts.weeks[0];
  say(
    `   the champion's correctness went ${first.eval.correctness.mean.toFixed(2)} → ${alert.eval.correctness.mean.toFixed(2)} in ${alert.week - 1} weeks; ` +
      `the golden-set alert fired in week ${alert.week} (pass rate ${pct(alert.eval.correctness.passRate)} < ${pct(passRateFloor)})`,
  );
  const attempt = facts.promotion?.attempt;
  if (attempt?.state === 'deployed')
    say(
      `   the challenger passed the paired gate (correctness gain +${attempt.gate.gain.toFixed(2)}) and serves since week ${facts.promotion.week}: ` +
        `week ${last.week} correctness ${last.eval.correctness.mean.toFixed(2)}, refusals ${pct(1 - last.eval.noRefusal.mean)} on the golden set, ${pct(last.traffic.figures['llm.refusal_rate'])} in traffic`,
    );
  else say(`   the promotion ${attempt === undefined ? 'did not start' : `ended ${attempt.state}`}`);
}
say(
  `   the traffic still differs from week 1 (${last.traffic.drifted.join(', ')}): the new subscription questions are not in the golden set yet`,
);
say();
say(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s. Wrote ${show(out)}/:`);
say(`   driftwatch.yaml, golden.jsonl     the config and the golden set`);
say(`   out/metrics.jsonl                  every llm.* and drift point`);
say(`   out/alerts.log                     every alert (traffic monitor and golden set)`);
say(`   .driftwatch/models/                the registry: version 1 (the target), 2 (the challenger)`);
say(
  `   .driftwatch/driftwatch.db          the store: every run (node apps/cli/dist/main.js history --config ${show(join(out, 'driftwatch.yaml'))})`,
);
