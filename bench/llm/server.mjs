#!/usr/bin/env node
// The wire-level Bedrock Runtime server of @driftwatch/plugin-aws-bedrock/testing in its own
// process, so its CPU is not charged to the Driftwatch process being measured. Its models answer
// with zero latency: `assistant` answers every golden item with its reference, except every 7th
// item (a refusal) and every 11th (half an answer), so the scorers see a realistic mix; `judge`
// is the rubric judge; embeddings are the hash embeddings of Titan Text Embeddings v2's shape.
//
//   node bench/llm/server.mjs GOLDEN.jsonl     prints {"endpoint": …} on stdout; stops when stdin closes
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const testing = await import(join(ROOT, 'packages/plugin-aws-bedrock/dist/testing/index.js'));

const items = readFileSync(process.argv[2], 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
const answers = new Map(
  items.map((item, i) => [
    item.prompt,
    i % 7 === 6 ? testing.degradedRefusal : i % 11 === 10 ? item.reference.split(' ').slice(0, 8).join(' ') : item.reference,
  ]),
);
const assistant = (request) => ({ text: answers.get(testing.lastUserText(request)) ?? "I don't know." });
const server = await testing.startBedrockRuntimeServer({ models: { assistant, judge: testing.rubricJudge() } });
process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, pid: process.pid })}\n`);
process.stdin.resume();
process.stdin.on('end', () => server.close().then(() => process.exit(0)));
