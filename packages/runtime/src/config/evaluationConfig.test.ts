import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, definePlugin, defineProvider } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from './loadConfig.js';

const builtin = definePlugin({
  name: 'builtin',
  providers: [
    defineProvider({
      port: 'RunStore',
      type: 'sqlite',
      description: 'the default store',
      options: z.object({ path: z.string().default('.driftwatch/driftwatch.db') }).strict(),
      create: () => ({}) as never,
    }),
  ],
});

async function load(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'dw-evalcfg-'));
  writeFileSync(join(dir, 'driftwatch.yaml'), yaml);
  return loadConfig(join(dir, 'driftwatch.yaml'), { builtinPlugins: [builtin], env: {} });
}

const suite = `version: 1
evaluations:
  - name: support
    dataset: golden.jsonl
    target: { modelId: anthropic.claude-3-haiku-20240307-v1:0, inference: { maxTokens: 300, temperature: 0 } }
    judge: { modelId: judge-model }
    scorers:
      - { type: token-f1, threshold: 0.6 }
      - { type: judge, rubric: correctness }
`;

describe('evaluations: config', () => {
  it('is enough without monitors, with defaults filled in', async () => {
    const { config } = await load(suite);
    expect(config.monitors).toEqual([]);
    expect(config.evaluations[0]?.cache).toBeUndefined();
    expect(config.evaluations[0]).toMatchObject({
      name: 'support',
      concurrency: 4,
      prices: {},
      bootstrap: { resamples: 2000, seed: 1 },
      scorers: [
        { type: 'token-f1', threshold: 0.6 },
        { type: 'judge', rubric: 'correctness' },
      ],
    });
  });

  it('lists every problem with its config path', async () => {
    const error = await load(`version: 1
evaluations:
  - name: support
    dataset: golden.jsonl
    target: { modelId: m, inference: { temperature: -1 } }
    scorers:
      - { type: judge, rubric: tone }
      - { type: rouge }
    concurrency: 0
`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['evaluations[0].concurrency', 'evaluations[0].scorers[1].type', 'evaluations[0].target.inference.temperature']);
  });

  it('finds judges without a judge model, custom rubrics without instructions and clashing names', async () => {
    const error = await load(`version: 1
monitors:
  - { name: support, reference: { type: sqlite }, current: { type: sqlite } }
evaluations:
  - name: support
    dataset: golden.jsonl
    target: { modelId: m }
    scorers: [{ type: judge, rubric: tone }, { type: exact }, { type: exact }]
`).catch((e: unknown) => e);
    const issues = (error as ConfigError).issues.filter((i) => i.path.startsWith('evaluations'));
    expect(issues).toEqual([
      { path: 'evaluations[0].name', message: '"support" is also a monitor\'s name (runs are recorded under it)' },
      { path: 'evaluations[0].judge', message: 'scorers[0] is a judge: name the judge model (judge: { modelId })' },
      {
        path: 'evaluations[0].scorers[0].instructions',
        message:
          'custom rubric "tone" needs instructions (built-in: correctness, completeness, faithfulness, helpfulness, coherence, relevance, harmfulness, refusal)',
      },
      { path: 'evaluations[0].scorers[2]', message: 'a second scorer named "exact" (give it a name:)' },
    ]);
  });

  it('still needs a monitor or an evaluation', async () => {
    const error = await load('version: 1\n').catch((e: unknown) => e);
    expect((error as ConfigError).issues).toEqual([
      { path: 'monitors', message: 'at least one monitor is required (or an evaluations: suite)' },
    ]);
  });
});
