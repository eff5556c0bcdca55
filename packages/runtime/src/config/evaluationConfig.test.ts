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
    // Stand-ins of plugin-local's folder registry and the Bedrock plugin's deployers: the same types.
    defineProvider({
      port: 'ModelRegistry',
      type: 'folder',
      description: 'folder',
      options: z.object({ path: z.string() }).strict(),
      create: () => ({}) as never,
    }),
    defineProvider({
      port: 'Deployer',
      type: 'ssm-parameter',
      description: 'ssm',
      options: z.object({ parameterName: z.string().startsWith('/') }).strict(),
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
    expect(issues).toMatchObject([
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
    expect((error as ConfigError).issues).toMatchObject([
      { path: 'monitors', message: 'at least one monitor is required (or an evaluations: suite)' },
    ]);
  });
});

const promoted = `${suite}    schedule: "0 * * * *"
    alerts:
      - { name: correctness-low, metric: llm.correctness.pass_rate, comparison: lt, threshold: 0.8 }
    challengers:
      - { name: sonnet, modelId: anthropic.claude-3-5-sonnet-20240620-v1:0, promptVersion: v2 }
    promotion:
      when: { alerts: [correctness-low], cooldown: 6h }
      gate: { scorer: correctness, minGain: 0.02, alpha: 0.05, maxRegressionByScorer: { token-f1: 0.05 } }
      deployer: { parameterName: /support/champion }
`;

describe('evaluations: schedule, alerts, challengers and promotion', () => {
  it('plans the promotion registry (folder by default) and deployer (ssm-parameter by default) for the suite', async () => {
    const { config, plan } = await load(promoted);
    expect(config.evaluations[0]).toMatchObject({
      schedule: { cron: '0 * * * *', jitter: 0, missed: 'run-once' },
      alerts: [{ name: 'correctness-low', severity: 'warning' }],
      challengers: [{ name: 'sonnet', promptVersion: 'v2' }],
      promotion: { when: { alerts: ['correctness-low'], cooldown: 6 * 3_600_000 }, gate: { scorer: 'correctness', floors: {} } },
    });
    const llm = plan.filter((p) => p.evaluation === 'support').map((p) => [p.port, p.type, p.configPath, p.role, p.options]);
    expect(llm).toEqual([
      ['ModelRegistry', 'folder', 'evaluations[0].promotion.registry', 'registry', { path: '.driftwatch/models' }],
      ['Deployer', 'ssm-parameter', 'evaluations[0].promotion.deployer', 'deployer', { parameterName: '/support/champion' }],
    ]);
  });

  it('names every problem of the loop by its path: scorers, challengers, rules, gate rules, the deployer', async () => {
    const bad = promoted
      .replace('{ scorer: correctness, minGain: 0.02,', '{ scorer: bleu, minGain: 0.02, floors: { rouge-l: 0.3 },')
      .replace('alerts: [correctness-low]', 'alerts: [nope]')
      .replace('/support/champion', 'support-champion')
      .replace(
        '      - { name: sonnet,',
        '      - { name: target }\n      - { name: haiku }\n      - { name: haiku }\n      - { name: sonnet,',
      );
    const error = (await load(bad).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues?.map((i) => i.path).sort()).toEqual([
      'evaluations[0].challengers[0].name',
      'evaluations[0].challengers[2].name',
      'evaluations[0].promotion.deployer.parameterName',
      'evaluations[0].promotion.gate.floors.rouge-l',
      'evaluations[0].promotion.gate.scorer',
      'evaluations[0].promotion.when.alerts[0]',
    ]);
    expect(error.message).toMatch(
      /evaluations\[0\]\.promotion\.gate\.scorer: "bleu" is not a scorer of the suite \(scorers: token-f1, correctness\)/u,
    );
    expect(error.message).toMatch(
      /evaluations\[0\]\.promotion\.when\.alerts\[0\]: "nope" is not an alert rule of the suite \(rules: correctness-low\)/u,
    );
  });

  it('takes minGain or maxLoss, not both', async () => {
    const both = promoted.replace('minGain: 0.02,', 'minGain: 0.02, maxLoss: 0.1,');
    await expect(load(both)).rejects.toThrow(/evaluations\[0\]\.promotion\.gate\.maxLoss: give minGain or maxLoss, not both/u);
  });

  it('needs a challenger to promote, and a suite name no monitor has', async () => {
    const none = promoted.replace(/ {4}challengers:\n.*\n/u, '');
    await expect(load(none)).rejects.toThrow(/evaluations\[0\]\.promotion: promotion needs at least one challenger/u);
    const clash = `${promoted}monitors:\n  - { name: support, reference: { path: a.csv, type: x }, current: { path: b.csv, type: x } }\n`;
    await expect(load(clash)).rejects.toThrow(/evaluations\[0\]\.name: "support" is also a monitor's name/u);
  });
});
