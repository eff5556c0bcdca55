import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, definePlugin, defineProvider } from '@driftwatch/core';
import { InMemoryMetricsSink } from '@driftwatch/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { monitorDriftOptions } from '../pipeline/monitorDriftOptions.js';
import { loadConfig } from './loadConfig.js';

// Stand-ins for the CLI's built-in plugins: the same types, so messages list them.
const sink = (type: string, options: z.ZodType) =>
  defineProvider({ port: 'MetricsSink', type, description: type, options, create: () => new InMemoryMetricsSink(type) });
const builtin = definePlugin({
  name: 'builtin',
  providers: [
    defineProvider({
      port: 'DataSource',
      type: 'csv',
      description: 'csv',
      options: z.object({ path: z.string() }).strict(),
      create: () => ({}) as never,
    }),
    // A source with an option named `from` (as sagemaker-capture's time range).
    defineProvider({
      port: 'DataSource',
      type: 'ranged',
      description: 'ranged',
      options: z.object({ uri: z.string(), from: z.string().optional() }).strict(),
      create: () => ({}) as never,
    }),
    sink('jsonl', z.object({ path: z.string().min(1) }).strict()),
    sink('csv', z.object({ path: z.string().min(1) }).strict()),
    sink(
      'cloudwatch',
      z.object({ namespace: z.string(), region: z.string().optional(), highResolution: z.boolean().default(false) }).strict(),
    ),
    sink('gcp-monitoring', z.object({ projectId: z.string() }).strict()),
    defineProvider({
      port: 'RunStore',
      type: 'files',
      description: 'files',
      options: z.object({ path: z.string().default('.driftwatch') }).strict(),
      create: () => ({}) as never,
    }),
    defineProvider({
      port: 'RunStore',
      type: 'sqlite',
      description: 'the default store',
      options: z.object({ path: z.string().default('.driftwatch/driftwatch.db') }).strict(),
      create: () => ({}) as never,
    }),
    defineProvider({
      port: 'AlertChannel',
      type: 'webhook',
      description: 'webhook',
      options: z
        .object({
          url: z.url(),
          secret: z.string().optional(),
          headers: z.record(z.string(), z.string()).optional(),
          secretHeaders: z.array(z.string()).optional(),
        })
        .strict(),
      create: () => ({}) as never,
    }),
    defineProvider({ port: 'AlertChannel', type: 'log', description: 'log', options: z.object({}).strict(), create: () => ({}) as never }),
    defineProvider({
      port: 'AlertChannel',
      type: 'hook',
      description: 'a channel with an option marked secret',
      options: z.object({ endpoint: z.string(), signingKey: z.string().meta({ secret: true }) }).strict(),
      create: () => ({}) as never,
    }),
    defineProvider({
      port: 'DataSource',
      type: 'remote',
      description: 'a source named by URI',
      options: z.object({ uri: z.string().startsWith('s3://') }).strict(),
      create: () => ({}) as never,
    }),
    defineProvider({
      port: 'TrainingProvider',
      type: 'command',
      description: 'command',
      options: z.object({ command: z.array(z.string()).min(1) }).strict(),
      create: () => ({}) as never,
    }),
    defineProvider({
      port: 'Evaluator',
      type: 'command',
      description: 'command',
      options: z.object({ command: z.array(z.string()).min(1) }).strict(),
      create: () => ({}) as never,
    }),
    defineProvider({
      port: 'ModelRegistry',
      type: 'folder',
      description: 'folder',
      options: z.object({ path: z.string() }).strict(),
      create: () => ({}) as never,
    }),
    defineProvider({
      port: 'Deployer',
      type: 'champion-pointer',
      description: 'pointer',
      options: z.object({ path: z.string() }).strict(),
      create: () => ({}) as never,
    }),
  ],
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-config-'));
});

let n = 0;
const write = (text: string, ext = 'yaml'): string => {
  const file = join(dir, `c${n++}.${ext}`);
  writeFileSync(file, text);
  return file;
};

const monitor = `
monitors:
  - name: credit
    reference: { path: ref.csv }
    current: { path: cur.csv }
`;

const load = (text: string, env: Record<string, string> = {}, ext = 'yaml') =>
  loadConfig(write(text, ext), { builtinPlugins: [builtin], env });
const failure = async (text: string, env: Record<string, string> = {}): Promise<ConfigError> => {
  const error = await load(text, env).catch((e) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
};

/** A one-problem message less the config file it starts with (which it must). */
/** A one-problem message without the config file it starts with, nor the place in that file it may end with: `(FILE:line:column)`. */
const afterFile = (message: string): string => {
  const m = /^(\/\S*c\d+\.yaml): (.*?)(?: \(\1:\d+:\d+\))?$/s.exec(message);
  expect(m, message).not.toBeNull();
  return (m as RegExpExecArray)[2] as string;
};

describe('loadConfig', () => {
  it('reads a valid config, fills defaults and freezes it', async () => {
    const { config, dir: configDir, plugins } = await load(`version: 1\nsinks:\n  - { type: jsonl, path: m.jsonl }\n${monitor}`);
    expect(configDir).toBe(dir);
    expect(plugins.map((p) => p.name)).toEqual(['builtin']);
    expect(config.store).toEqual({ type: 'sqlite', path: '.driftwatch/driftwatch.db' });
    expect(config.monitors[0].drift).toEqual({ datasetShare: 0.5, correction: 'none', defaults: 'calibrated', seed: 0 });
    expect(config.monitors[0].schema).toEqual({ ignore: [], kinds: {} });
    expect(Object.isFrozen(config.monitors[0].reference)).toBe(true);
    expect(() => (config.sinks as unknown[]).push({})).toThrow(TypeError);
  });

  it("reads a monitor's events retention as ms and names the path of a bad one", async () => {
    const { config } = await load(`version: 1\n${monitor}    events: { retention: 30d }\n`);
    expect(config.monitors[0].events).toEqual({ retention: 30 * 86_400_000 });
    expect(afterFile((await failure(`version: 1\n${monitor}    events: { retention: soon }\n`)).message)).toMatch(
      /^monitors\[0\]\.events\.retention: /,
    );
    expect(afterFile((await failure(`version: 1\n${monitor}    events: { keep: 30d }\n`)).message)).toMatch(/monitors\[0\]\.events.*keep/);
  });

  it('a reference source with an option named from is a source, not the champion form', async () => {
    const config = await load(`version: 1
monitors:
  - name: capture
    reference: { type: ranged, uri: s3://b/base, from: "2026-11-01T00:00:00Z" }
    current: { type: csv, path: c.csv }
`);
    expect(config.config.monitors[0]?.reference).toMatchObject({ type: 'ranged', from: '2026-11-01T00:00:00Z' });
  });

  it('reads JSON too', async () => {
    const json = JSON.stringify({ version: 1, monitors: [{ name: 'm', reference: { path: 'a.csv' }, current: { path: 'b.csv' } }] });
    const { config } = await load(json, {}, 'json');
    expect(config.monitors[0].name).toBe('m');
  });

  it('names file, line and column of a YAML syntax error', async () => {
    const file = write('version: 1\nmonitors:\n  - name: a\n    reference: { path: a.csv\n    current: x\n');
    const error = await loadConfig(file, { builtinPlugins: [builtin] }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(new RegExp(`^${file.replaceAll('.', '\\.')}:\\d+:\\d+: `));
    expect(error.issues[0].path).toMatch(/:\d+:\d+$/);
  });

  it('says where each problem is in the file: its line and column, in the message and on the issue', async () => {
    const file = write(`version: 1
sinks:
  - { type: jsonl, path: out.jsonl, flush: true }
  - type: cloudwach
monitorz: []
${monitor.trim()}
`);
    const error = (await loadConfig(file, { builtinPlugins: [builtin] }).catch((e) => e)) as ConfigError;
    expect(error.message.split('\n').slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^  monitorz: unknown key "monitorz" .* \\(${file.replaceAll('.', '\\.')}:5:1\\)$`)),
      `  sinks[0].flush: unknown option "flush" for jsonl (${file}:3:37)`,
      expect.stringMatching(new RegExp(`^  sinks\\[1\\]\\.type: unknown sink "cloudwach" .* \\(${file.replaceAll('.', '\\.')}:4:5\\)$`)),
    ]);
    expect(error.issues.map(({ path, line, column }) => ({ path, line, column }))).toEqual([
      { path: 'monitorz', line: 5, column: 1 },
      { path: 'sinks[0].flush', line: 3, column: 37 },
      { path: 'sinks[1].type', line: 4, column: 5 },
    ]);
    // A required option left out: the place of what holds it.
    const one = await failure('version: 1\nsinks: [{ type: jsonl }]\n' + monitor);
    expect(one.message).toMatch(/^\/\S*c\d+\.yaml: sinks\[0\]\.path: .* \(\/\S*c\d+\.yaml:2:9\)$/);
    expect(one.issues).toMatchObject([{ path: 'sinks[0].path', line: 2, column: 9 }]);
  });

  it('reports the first syntax error with a count of those that follow, and a hint for an unquoted ${VAR} in a flow map', async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's ${VAR} syntax, not a template
    const error = await failure('version: 1\nmonitors:\n  - name: m\n    reference: { path: ${DATA} }\n    current: { path: b.csv }\n');
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message).toMatch(/c\d+\.yaml:4:\d+: .*must be quoted: "\$\{VAR\}"\) \(then \d+ more errors? that follow from it\)$/);
    expect(error.issues.length).toBeGreaterThan(1);
  });

  it('names file, line and column of a duplicate key and of bad JSON', async () => {
    expect((await failure('version: 1\nversion: 1\n')).message).toMatch(/c\d+\.yaml:2:1: Map keys must be unique/);
    const error = await loadConfig(write('{"version": 1,, }', 'json'), { builtinPlugins: [builtin] }).catch((e) => e);
    expect(error.message).toMatch(/c\d+\.json:1:\d+: /);
  });

  it('says when the file is missing or empty', async () => {
    const missing = await loadConfig(join(dir, 'nope.yaml'), { builtinPlugins: [builtin] }).catch((e) => e);
    expect(missing).toBeInstanceOf(ConfigError);
    expect(missing.message).toMatch(/nope\.yaml: config file not found \(write one with "driftwatch init"/);
    expect((await failure('# nothing\n')).message).toMatch(/the config is empty/);
    expect((await failure('- a\n- b\n')).message).toMatch(/must be a mapping/);
  });

  it('refuses a YAML alias bomb as a config error naming the file, before expanding it', async () => {
    // 10^5 leaves from a few lines: yaml's alias guard trips, which must be a config problem (exit 2), not a crash.
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    const error = await failure(bomb);
    expect(error.message).toMatch(/^.*c\d+\.yaml: too many alias expansions \(more than 1000; an alias bomb\?\)/);
    expect(error.message.split('\n')).toHaveLength(1);
    // A few aliases are fine.
    const { config } = await load(`version: 1\nsinks:\n  - &s { type: jsonl, path: m.jsonl }\n${monitor}    sinks: [*s]\n`);
    expect(config.monitors[0].sinks).toEqual([{ type: 'jsonl', path: 'm.jsonl' }]);
  });

  it('names the config file in a single problem, as the user wrote it', async () => {
    const file = write(`version: 1\n${monitor}    drift: { datasetShare: 2 }\n`);
    const error = await loadConfig(file, { builtinPlugins: [builtin] }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(new RegExp(`^${file.replaceAll('.', '\\.')}: monitors\\[0\\]\\.drift\\.datasetShare: .*<=1`));
    expect(error.issues).toHaveLength(1);
  });

  it('lists every problem at once, each with its path and a hint', async () => {
    const error = await failure(`
version: 2
sinkz: []
sinks:
  - { type: jsonl }
  - { type: cloudwach, namespace: x }
  - { type: cloudwatch, namespace: 5, highResolution: "yes", extra: 1 }
monitors:
  - name: credit
    reference: { path: ref.csv }
    current: { path: cur.data }
    drift: { methods: { age: kss }, datasetShare: 2 }
    sinks:
      - { type: jsonl, path: a.jsonl }
      - { type: cloudwach }
    alerts:
      - { name: r, metric: dataset.drift_share, comparison: above, threshold: 0.5, channels: [ops] }
`);
    const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
    expect(byPath).toMatchObject({
      version: expect.stringMatching(/1/),
      sinkz: expect.stringMatching(
        /^unknown key "sinkz" \(known: version, plugins, store, queue, sinks, alerts, alarms, providers, monitors, evaluations, maxMemory, server; did you mean "sinks"\?\)$/,
      ),
      'sinks[0].path': expect.stringMatching(/expected string/),
      'sinks[1].type': 'unknown sink "cloudwach" (known: cloudwatch, csv, gcp-monitoring, jsonl)',
      'sinks[2].namespace': expect.stringMatching(/expected string, received number/),
      'sinks[2].highResolution': expect.stringMatching(/expected boolean/),
      'sinks[2].extra': 'unknown option "extra" for cloudwatch',
      'monitors[0].current.type': expect.stringMatching(/cannot tell the format from the extension "\.data".*set type:/),
      'monitors[0].drift.datasetShare': expect.stringMatching(/<=1/),
      'monitors[0].sinks[1].type': 'unknown sink "cloudwach" (known: cloudwatch, csv, gcp-monitoring, jsonl)',
      'monitors[0].alerts[0].comparison': expect.stringMatching(/"gt"\|"gte"\|"lt"\|"lte"/),
    });
    expect(error.message).toMatch(/problems in the config:\n {2}version: /);
    expect(error.message).toContain(
      '  monitors[0].sinks[1].type: unknown sink "cloudwach" (known: cloudwatch, csv, gcp-monitoring, jsonl)',
    );
    expect(error.code).toBe('CONFIG_INVALID');
  });

  it('reads a monitor schedule and names monitors[i].schedule in a bad one', async () => {
    const config = await load(`
version: 1
monitors:
  - { name: a, reference: { path: r.csv }, current: { path: c.csv }, schedule: "0 * * * *" }
  - { name: b, reference: { path: r.csv }, current: { path: c.csv }, schedule: { every: 15m, jitter: 1m, missed: skip } }
  - { name: c, reference: { path: r.csv }, current: { path: c.csv } }
`);
    expect(config.config.monitors.map((m) => m.schedule)).toEqual([
      { cron: '0 * * * *', jitter: 0, missed: 'run-once', timezone: 'UTC' },
      { every: 900_000, jitter: 60_000, missed: 'skip', timezone: 'UTC' },
      undefined,
    ]);
    const error = await failure(`
version: 1
monitors:
  - { name: a, reference: { path: r.csv }, current: { path: c.csv }, schedule: "0 25 * * *" }
  - { name: b, reference: { path: r.csv }, current: { path: c.csv }, schedule: { cron: "* * *", timezone: Nowhere/City } }
  - { name: c, reference: { path: r.csv }, current: { path: c.csv }, schedule: { every: 1h, missed: never } }
`);
    const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
    expect(byPath).toEqual({
      'monitors[0].schedule': expect.stringMatching(/^invalid cron expression "0 25 \* \* \*": /),
      'monitors[1].schedule.timezone': expect.stringMatching(/^unknown time zone "Nowhere\/City"/),
      'monitors[2].schedule.missed': expect.stringMatching(/"run-once"\|"skip"/),
    });
  });

  it('reads drift.defaults (calibrated or evidently) and names the path of a bad value', async () => {
    const { config } = await load(`version: 1
monitors:
  - name: credit
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift: { defaults: evidently }
`);
    expect(config.monitors[0].drift.defaults).toBe('evidently');
    const { config: c2 } = await load(`version: 1
monitors:
  - name: credit
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift: { constantColumns: skip, integerCategories: 0 }
`);
    expect(c2.monitors[0].drift).toMatchObject({ constantColumns: 'skip', integerCategories: 0 });
    expect(monitorDriftOptions(c2.monitors[0])).toMatchObject({ constantColumns: 'skip', integerCategories: 0 });
    const error = await failure(`version: 1
monitors:
  - name: credit
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift: { defaults: calibratd }
`);
    expect(error.issues).toMatchObject([
      { path: 'monitors[0].drift.defaults', message: expect.stringMatching(/"calibrated"\|"evidently"/) },
    ]);
    expect(error.message).toMatch(/monitors\[0\]\.drift\.defaults: /);
  });

  it('reads drift.multivariate, which needs windows, and names the path of a bad one', async () => {
    const { config } = await load(`version: 1
monitors:
  - name: credit
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift: { multivariate: reconstruction }
    windows: { size: 500 }
`);
    expect(config.monitors[0].drift.multivariate).toBe('reconstruction');
    const unknown = await failure(`version: 1
monitors:
  - name: credit
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift: { multivariate: pca }
    windows: { size: 500 }
`);
    expect(unknown.issues).toMatchObject([
      { path: 'monitors[0].drift.multivariate', message: expect.stringMatching(/"reconstruction"\|"classifier"/) },
    ]);
    const noWindows = await failure(`version: 1
monitors:
  - name: credit
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift: { multivariate: classifier }
`);
    expect(noWindows.issues).toMatchObject([
      { path: 'monitors[0].drift.multivariate', message: expect.stringMatching(/per window: add windows:/) },
    ]);
  });

  it('reads drift.text descriptors into the drift options and names a bad pattern by its path', async () => {
    const { config } = await load(`version: 1
monitors:
  - name: support
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift:
      text: { review: { regex: { order: "Order #.*" }, contains: { login: [login, password] }, beginsWith: { hi: Hello } } }
`);
    expect(monitorDriftOptions(config.monitors[0]).textDescriptors).toEqual({
      review: { regex: { order: 'Order #.*' }, contains: { login: ['login', 'password'] }, beginsWith: { hi: 'Hello' } },
    });
    const bad = await failure(`version: 1
monitors:
  - name: support
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift: { text: { review: { regex: { broken: "(" }, contain: {} } } }
`);
    expect(bad.issues.map((i) => i.path).sort()).toEqual([
      'monitors[0].drift.text.review.contain',
      'monitors[0].drift.text.review.regex.broken',
    ]);
    expect(bad.message).toMatch(/monitors\[0\]\.drift\.text\.review\.regex\.broken: not a regular expression/);
  });

  it('checks methods, unique names and channel references once the shape is valid', async () => {
    const error = await failure(`
version: 1
alerts:
  channels: [{ type: log }, { type: log }]
monitors:
  - name: credit
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift: { methods: { age: kss, "*": ks } }
    schema: { proba: p, probaPrefix: p_ }
    windows: { period: day }
    alerts:
      - { name: r, metric: m, comparison: gt, threshold: 1, channels: [ops] }
      - { name: r, metric: m, comparison: gt, threshold: 1 }
  - name: credit
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift: { methods: wasserstien }
    windows: { size: 10, count: 2 }
`);
    expect(error.issues).toMatchObject([{ path: 'monitors[1].windows', message: 'give exactly one of size, count or period' }]);
    // Semantic checks wait for a valid shape; fix the windows and they run.
    const second = await failure(`
version: 1
alerts:
  channels: [{ type: log }, { type: log }]
monitors:
  - name: credit
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift: { methods: { age: kss, "*": ks } }
    schema: { proba: p, probaPrefix: p_ }
    windows: { period: day }
    alerts:
      - { name: r, metric: m, comparison: gt, threshold: 1, channels: [ops] }
      - { name: r, metric: m, comparison: gt, threshold: 1 }
  - name: credit
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift: { methods: wasserstien }
`);
    expect(Object.fromEntries(second.issues.map((i) => [i.path, i.message]))).toEqual({
      'alerts.channels[1].name': 'a second channel named "log" (give each channel a unique name:)',
      'monitors[0].drift.methods.age': expect.stringMatching(/^unknown method "kss" \(known: ks, t_test, .*; did you mean "ks"\?\)$/),
      'monitors[0].schema.probaPrefix': 'give proba or probaPrefix, not both',
      'monitors[0].windows.period': 'period windows need a timestamp column (windows.timestamp or schema.timestamp)',
      'monitors[0].alerts[0].channels[0]': 'unknown channel "ops" (known: log)',
      'monitors[0].alerts[1].name': 'a second rule named "r"',
      'monitors[1].name': 'a second monitor named "credit"',
      'monitors[1].drift.methods': expect.stringMatching(/unknown method "wasserstien" .*did you mean "wasserstein"/),
    });
  });

  it('takes a source by type with its own options (no path), and says what a source without either needs', async () => {
    const { config } = await load(`version: 1
monitors:
  - name: m
    reference: { path: a.csv }
    current: { type: remote, uri: "s3://bucket/capture/" }
`);
    expect(config.monitors[0].current).toEqual({ type: 'remote', uri: 's3://bucket/capture/' });
    const bad = await failure(`version: 1
monitors:
  - name: m
    reference: { path: a.csv }
    current: { uri: "s3://bucket/capture/" }
  - name: n
    reference: { path: a.csv }
    current: { type: remote, uri: "https://x" }
`);
    expect(bad.issues).toMatchObject([
      { path: 'monitors[0].current', message: 'give a path (the type follows from its extension) or a type with its options' },
      { path: 'monitors[1].current.uri', message: expect.stringMatching(/s3:\/\//) },
    ]);
  });

  it('checks retraining blocks: target, providers and their options, metrics and durations, each with its path', async () => {
    const head = `version: 1
monitors:
  - name: m
    reference: { path: a.csv }
    current: { path: b.csv }
`;
    const bad = await failure(`${head}    retraining:
      when: { cooldown: tomorrow }
      trainer: { type: sagemakr }
      evaluator: { type: command, command: [] }
      gate: { metric: f2 }
`);
    const byPath = Object.fromEntries(bad.issues.map((i) => [i.path, i.message]));
    expect(byPath['monitors[0].retraining.when.cooldown']).toMatch(/expected a duration such as 30s, 10m, 24h or 7d/);
    expect(byPath['monitors[0].retraining.gate.metric']).toMatch(/f2/);
    const unknown = bad.issues.find((i) => i.path.startsWith('monitors[0].retraining.trainer'));
    expect(unknown?.message).toMatch(/command/);
    expect(bad.issues.some((i) => i.path.startsWith('monitors[0].retraining.evaluator.command'))).toBe(true);
    const noTarget = await failure(`${head}    retraining:
      trainer: { type: command, command: [train] }
      evaluator: { type: command, command: [predict] }
      gate: { metric: f1 }
`);
    expect(noTarget.issues).toMatchObject([{ path: 'monitors[0].retraining', message: expect.stringMatching(/needs schema\.target/) }]);
  });

  it('passes performance, windows and retraining settings through, validated', async () => {
    const { config } = await load(`version: 1
monitors:
  - name: m
    reference: { path: a.csv }
    current: { path: b.csv }
    schema: { target: y, prediction: p, timestamp: ts }
    performance: { task: classification, metrics: [f1, roc_auc], thresholds: { f1: 0.8 } }
    windows: { period: day }
    retraining:
      when: { drift: true, cooldown: 24h }
      trainer: { type: command, command: [train] }
      evaluator: { type: command, command: [predict] }
      gate: { metric: f1, minGain: 0.01 }
`);
    expect(config.monitors[0].performance).toEqual({
      task: 'classification',
      metrics: ['f1', 'roc_auc'],
      thresholds: { f1: 0.8 },
      estimate: false,
    });
    expect(config.monitors[0].windows).toEqual({ period: 'day', incomplete: 'keep', chunkDimension: false });
    const retraining = config.monitors[0].retraining!;
    expect(retraining.when).toMatchObject({ drift: true, cooldown: 86_400_000, minNewRows: 0 });
    expect(retraining.trainer).toEqual({ type: 'command', command: ['train'] });
    expect(retraining.registry).toEqual({ type: 'folder', path: '.driftwatch/models' });
    expect(retraining.gate).toMatchObject({ metric: 'f1', minGain: 0.01, floors: {} });
    const bad = await failure(`version: 1
monitors:
  - name: m
    reference: { path: a.csv }
    current: { path: b.csv }
    performance: { task: ranking, metrics: [] }
    windows: { period: daily }
`);
    expect(bad.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['monitors[0].performance.task', 'monitors[0].performance.metrics', 'monitors[0].windows.period']),
    );
  });
});

describe('environment substitution', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's ${VAR} syntax, not a template
  it('substitutes ${VAR} and ${VAR:-default} before validation, and keeps $${X} literal', async () => {
    const { config } = await load(
      `version: 1
sinks:
  - { type: cloudwatch, namespace: "\${NS}", region: "\${REGION:-eu-west-1}" }
  - { type: jsonl, path: "out/\${RUN:-x}-$\${KEEP}.jsonl" }
monitors:
  - name: m
    reference: { path: a.csv }
    current: { path: b.csv }
    drift: { datasetShare: 0.5 }
`,
      { NS: 'Driftwatch', RUN: 'r1' },
    );
    expect(config.sinks[0]).toEqual({ type: 'cloudwatch', namespace: 'Driftwatch', region: 'eu-west-1' });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's ${VAR} syntax, not a template
    expect(config.sinks[1]).toEqual({ type: 'jsonl', path: 'out/r1-${KEEP}.jsonl' });
  });

  it('names the config path and the variable when one is unset, and every bad reference', async () => {
    const error = await failure(
      `version: 1
sinks:
  - { type: cloudwatch, namespace: "\${MISSING_NS}" }
  - { type: jsonl, path: "\${1BAD}" }
  - { type: jsonl, path: "\${OPEN" }
${monitor}`,
    );
    expect(Object.fromEntries(error.issues.map((i) => [i.path, i.message]))).toMatchObject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's ${VAR} syntax, not a template
      'sinks[0].namespace': 'environment variable MISSING_NS is not set (set it, or give a default: ${MISSING_NS:-value})',
      'sinks[1].path': expect.stringMatching(/"\$\{1BAD\}" is not a variable reference/),
      'sinks[2].path': expect.stringMatching(/unterminated "\$\{"/),
    });
  });
});

describe('secrets', () => {
  const secret = 'hunter2-very-secret';
  it('never shows values from the environment or secret options in errors', async () => {
    const error = await failure(
      `version: 1
sinks:
  - { type: jsonl, path: 7 }
  - { type: cloudwatch, namespace: "\${TOKEN_NS}", bogus: 1 }
alerts:
  channels:
    - { type: webhook, url: "not a url \${HOOK_SECRET}", secret: "literal-secret-value", apiToken: "\${HOOK_SECRET}" }
${monitor}`,
      { HOOK_SECRET: secret, TOKEN_NS: 'ns-from-env-123' },
    );
    const everything = `${error.message}\n${JSON.stringify(error.issues)}`;
    expect(everything).toContain('alerts.channels[0].url');
    expect(everything).toContain('alerts.channels[0].apiToken');
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain('ns-from-env-123');
  });

  it('echoes a config with secrets redacted and nothing else: marked options, credential keys, headers, URL credentials', async () => {
    const loaded = await load(
      `version: 1
sinks:
  - { type: cloudwatch, namespace: "\${NS}", region: eu-west-1 }
alerts:
  channels:
    - type: webhook
      name: ops
      url: "https://hooks.example.com/x?token=SECRET123&team=ops"
      secret: "literal-secret-value"
      headers: { Authorization: "Bearer bearer-token-456", X-Team: ops, X-Extra: "extra-secret-789" }
      secretHeaders: [x-extra]
    - { type: hook, name: marked, endpoint: "\${ENDPOINT}", signingKey: "marked-option-value" }
${monitor}`,
      { HOOK_SECRET: secret, NS: 'prod-namespace', ENDPOINT: 'http://127.0.0.1:4566' },
    );
    const shown = loaded.redactor.value(loaded.config);
    const text = JSON.stringify(shown);
    for (const s of ['SECRET123', 'literal-secret-value', 'bearer-token-456', 'extra-secret-789', 'marked-option-value'])
      expect(text).not.toContain(s);
    // Values from the environment are shown: an endpoint or a namespace is not a secret.
    expect(shown.sinks[0]).toEqual({ type: 'cloudwatch', namespace: 'prod-namespace', region: 'eu-west-1' });
    expect(shown.alerts.channels[0]).toMatchObject({
      url: 'https://hooks.example.com/x?token=***&team=ops',
      secret: '***',
      headers: { Authorization: '***', 'X-Team': 'ops', 'X-Extra': '***' },
    });
    expect(shown.alerts.channels[1]).toMatchObject({ endpoint: 'http://127.0.0.1:4566', signingKey: '***' });
    // Free text (errors from providers) is scrubbed of the same values, and of credential-like variables of the environment.
    expect(loaded.redactor.text(`POST failed: literal-secret-value / ${secret} / bearer-token-456 / SECRET123 / extra-secret-789`)).toBe(
      'POST failed: *** / *** / *** / *** / ***',
    );
    // The config itself keeps the real values for the providers.
    expect(loaded.config.alerts.channels[0].secret).toBe('literal-secret-value');
  });
});

describe('plugins', () => {
  const pluginFile = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const withPlugins = (...specs: string[]) => `version: 1\nplugins: [${specs.map((s) => JSON.stringify(s)).join(', ')}]\n${monitor}`;

  it('loads a plugin by path relative to the config and validates its providers', async () => {
    pluginFile(
      'ok-plugin.mjs',
      `export default { name: 'file-plugin', providers: [{ port: 'MetricsSink', type: 'statsd', description: 'x',
         options: { safeParse: (v) => typeof v.port === 'number' ? { success: true, data: v } : { success: false, error: { issues: [{ path: ['port'], message: 'a number is required' }] } } },
         create: () => ({ type: 'statsd', publish: async () => {}, flush: async () => {} }) }] };`,
    );
    const loaded = await load(`${withPlugins('./ok-plugin.mjs')}sinks: [{ type: statsd, port: 8125 }]\n`);
    expect(loaded.plugins.map((p) => p.name)).toEqual(['builtin', 'file-plugin']);
    expect(loaded.registry.types('MetricsSink')).toContain('statsd');
    const bad = await failure(`${withPlugins('./ok-plugin.mjs')}sinks: [{ type: statsd, port: x }]\n`);
    expect(afterFile(bad.message)).toBe('sinks[0].port: a number is required');
  });

  it('names the plugin and the cause when the file is missing', async () => {
    const error = await failure(withPlugins('./nope.mjs'));
    expect(error.code).toBe('CONFIG_PLUGIN');
    expect(afterFile(error.message)).toBe(`plugins[0] "./nope.mjs": cannot load: no such file ${join(dir, 'nope.mjs')}`);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('names the plugin and the cause when it throws on import', async () => {
    pluginFile('throws.mjs', "throw new Error('boom at import');\n");
    const error = await failure(withPlugins('./throws.mjs'));
    expect(afterFile(error.message)).toBe('plugins[0] "./throws.mjs": cannot load: boom at import');
    expect((error.cause as Error).message).toBe('boom at import');
  });

  it('refuses a default export that is not a plugin, and a package that is not installed', async () => {
    pluginFile('not-plugin.mjs', 'export default { hello: 1 };\n');
    const error = await failure(withPlugins('./not-plugin.mjs', 'driftwatch-plugin-that-does-not-exist'));
    expect(error.issues).toMatchObject([
      { path: 'plugins[0]', message: '"./not-plugin.mjs": default export is not a Driftwatch plugin (use definePlugin)' },
      { path: 'plugins[1]', message: expect.stringMatching(/^"driftwatch-plugin-that-does-not-exist": cannot load: Cannot find module/) },
    ]);
    expect(error.message).toMatch(/2 problems in the config/);
  });

  it('refuses two plugins registering the same type', async () => {
    pluginFile(
      'dup.mjs',
      `export default { name: 'dup', providers: [{ port: 'MetricsSink', type: 'jsonl', description: 'x', options: { safeParse: (v) => ({ success: true, data: v }) }, create: () => ({}) }] };`,
    );
    const error = await failure(withPlugins('./dup.mjs'));
    expect(afterFile(error.message)).toBe('plugins: plugin "dup" registers MetricsSink type "jsonl", already registered by "builtin"');
  });
});

describe('declared built-in plugins', () => {
  const cloud = definePlugin({
    name: 'cloud',
    providers: [sink('otlp', z.object({ endpoint: z.string().url() }).strict())],
  });
  const declaredCloud = (imports: string[]) => ({
    name: 'cloud',
    declares: [{ port: 'MetricsSink' as const, type: 'otlp' }],
    load: async () => {
      imports.push('cloud');
      return cloud;
    },
  });
  const loadWith = (text: string, imports: string[]) =>
    loadConfig(write(text), { builtinPlugins: [builtin, declaredCloud(imports)], env: {} });

  it('imports a declared plugin only when the config names one of its providers, and validates its options then', async () => {
    const imports: string[] = [];
    const without = await loadWith(`version: 1\nsinks:\n  - { type: jsonl, path: m.jsonl }\n${monitor}`, imports);
    expect(imports).toEqual([]);
    expect(without.plugins.map((p) => p.name)).toEqual(['builtin']);
    const named = await loadWith(`version: 1\nsinks:\n  - { type: otlp, endpoint: 'http://127.0.0.1:4318' }\n${monitor}`, imports);
    expect(imports).toEqual(['cloud']);
    expect(named.plugins.map((p) => p.name)).toEqual(['builtin', 'cloud']);
    expect(named.plan.find((p) => p.type === 'otlp')?.definition).toBe(cloud.providers[0]);
    const error = await loadWith(`version: 1\nsinks:\n  - { type: otlp, endpoint: 'not a url' }\n${monitor}`, imports).catch((e) => e);
    expect(afterFile(error.message)).toMatch(/^sinks\[0\]\.endpoint: /);
  });

  it('lists the declared types among the known ones, without importing the plugin', async () => {
    const imports: string[] = [];
    const error = await loadWith(`version: 1\nsinks:\n  - { type: otpl }\n${monitor}`, imports).catch((e) => e);
    expect(afterFile(error.message)).toBe('sinks[0].type: unknown sink "otpl" (known: cloudwatch, csv, gcp-monitoring, jsonl, otlp)');
    expect(imports).toEqual([]);
  });
});
