#!/usr/bin/env node
// Writes the LLM demo's golden set: 100 support questions (orders, refunds, accounts, shipping,
// billing; 20 each) with reference answers and a topic tag, deterministically (seed 15).
//
//   node examples/demo-llm/generate-golden-set.mjs [OUT]      (default: examples/demo-llm/golden.jsonl)
//
// The committed golden.jsonl is this script's output; demo.test.ts checks that they agree.
import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goldenSet, toJsonl } from './supportQuestions.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, 'golden.jsonl'));
const tmp = `${out}.${process.pid}.tmp`;
writeFileSync(tmp, toJsonl(goldenSet()));
renameSync(tmp, out);
process.stderr.write(`wrote ${out}\n`);
