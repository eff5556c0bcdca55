import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError, type DriftwatchPlugin, durationAtLeast, type PortName, Redactor } from '@driftwatch/core';
import { checkEmbeddingMethod, driftMethods, isEmbeddingMethod, parseEmbeddingMethod, textContentMethod } from '@driftwatch/drift';
import { parseMetricSpec } from '@driftwatch/metrics';
import { z } from 'zod';
import type { DeclaredPlugin } from '../plugins/DeclaredPlugin.js';
import { loadPlugin } from '../plugins/loadPlugin.js';
import { type ConfigIssue, ProviderRegistry } from '../plugins/ProviderRegistry.js';
import { type DriftwatchConfig, driftwatchConfigSchema, isChampionReference } from './driftwatchConfigSchema.js';
import { formatConfigPath } from './formatConfigPath.js';
import { type ConfigPosition, configPathLocator } from './locateConfigPath.js';
import type { ProviderPlan, ProviderRole } from './ProviderPlan.js';
import { parseConfigText } from './parseConfigText.js';
import { sourceTypeFor } from './sourceTypeFor.js';
import { substituteEnv } from './substituteEnv.js';
import { closest, zodIssues } from './zodIssues.js';

/** The default config file name, looked for in the working directory. */
export const defaultConfigFile = 'driftwatch.yaml';

/** What {@link loadConfig} needs besides the file. */
export interface LoadConfigOptions {
  /**
   * Plugins always available (the app's built-ins); the config's `plugins:` are added after them. A declared one is
   * imported when the config names one of its providers.
   */
  readonly builtinPlugins: readonly (DriftwatchPlugin | DeclaredPlugin)[];
  /** Environment for `${VAR}` substitution. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The process's redactor, to teach the config's secrets (the CLI's guards its output with it).
   * Default a new one that knows the credential-like variables of `env`.
   */
  readonly redactor?: Redactor;
}

/** A validated config with everything needed to compose the process from it. */
export interface LoadedConfig {
  /** Absolute path of the config file. */
  readonly file: string;
  /** Its folder: relative paths in the config resolve against it. */
  readonly dir: string;
  /** The config, defaults filled in, deeply frozen. */
  readonly config: DriftwatchConfig;
  /** Built-in plugins (a declared one if the config names one of its providers), then the config's, in order. */
  readonly plugins: readonly DriftwatchPlugin[];
  /**
   * Every provider of the built-in and the config's plugins: the process's one registry (the composition root uses it
   * for providers named by flags; it imports a declared plugin when one of its providers is created).
   */
  readonly registry: ProviderRegistry;
  /** Every provider the config names, with its options parsed: what the composition root creates. */
  readonly plan: ProviderPlan;
  /**
   * Scrubs secrets from anything printed, logged, sent or stored: it knows the values of
   * credential-like environment variables, options marked secret, values under
   * credential-like keys and header names, and the credential parts of URLs.
   */
  readonly redactor: Redactor;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One provider entry of a config, with its port and config path. */
export interface ProviderEntry {
  readonly port: PortName;
  /** Config path of the entry, e.g. `monitors[0].sinks[1]`. */
  readonly path: string;
  readonly type: string;
  /** A channel's `name:` (default its type); the type for other providers. */
  readonly name: string;
  /** The options passed to the provider: the entry less `type` (and a channel's `name`). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Position in `monitors:` of the monitor it belongs to. */
  readonly monitor?: number;
  /** Position in `evaluations:` of the suite whose `promotion:` names it. */
  readonly evaluation?: number;
  readonly role?: ProviderRole;
}

/**
 * Reads, substitutes, validates and deeply freezes a config, loading its
 * plugins. Raw text → `${VAR}` substitution → zod → semantic checks
 * (methods, channel names) → each provider's own options schema. Every
 * problem found is reported in one {@link ConfigError}, each with its config
 * path and a hint; secrets are redacted from the message.
 */
export async function loadConfig(file: string, options: LoadConfigOptions): Promise<LoadedConfig> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? `${file}: config file not found (write one with "driftwatch init", or pass --config FILE)`
        : `${file}: cannot read the config (${code ?? (cause as Error).message})`;
    throw new ConfigError(message, { cause, issues: [{ path: file, message }] });
  }
  // The text is parsed again for places only when there is a problem to place.
  let locator: ReturnType<typeof configPathLocator> | undefined;
  const locate = (configPath: string) => (locator ??= configPathLocator(text))(configPath);
  return validateConfig(parseConfigText(text, file), { ...options, file: path, name: file, locate });
}

/**
 * {@link loadConfig} for an already parsed value; `file` locates relative paths and, unless `name` (the
 * file as the user wrote it) is given, names the config in messages.
 */
export async function validateConfig(
  raw: unknown,
  options: LoadConfigOptions & {
    readonly file: string;
    readonly name?: string;
    /** Where a config path is in the file's text (loadConfig's {@link configPathLocator}): problems then say their line. */
    readonly locate?: (path: string) => ConfigPosition | undefined;
  },
): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const dir = dirname(options.file);
  const substitution = substituteEnv(raw, env);
  // Values from the environment are not secrets as such (an endpoint URL is not): those of
  // credential-like variables are, whatever option they fill.
  const redactor = (options.redactor ?? new Redactor()).addEnv(env);
  const issues: ConfigIssue[] = [...substitution.issues];
  // Plugin failures keep their own wording: `plugins[1] "./x.js": cannot load: …`.
  const lineOf = new Map<ConfigIssue, string>();
  const value = substitution.value as Record<string, unknown>;

  const parsed = driftwatchConfigSchema.safeParse(value);
  if (parsed.success) issues.push(...semanticIssues(parsed.data));
  else issues.push(...zodIssues(parsed.error, driftwatchConfigSchema));

  // Plugins load even when other parts are invalid, so provider options can be checked and every problem listed.
  const plugins: (DriftwatchPlugin | DeclaredPlugin)[] = [...options.builtinPlugins];
  let pluginError: ConfigError | undefined;
  const pluginSpecs = Array.isArray(value.plugins) ? value.plugins : [];
  for (const [i, spec] of pluginSpecs.entries()) {
    if (typeof spec !== 'string' || spec.length === 0) continue;
    try {
      plugins.push(await loadPlugin(spec, i, dir));
    } catch (error) {
      pluginError ??= error as ConfigError;
      const issue = (error as ConfigError).issues[0];
      lineOf.set(issue, (error as ConfigError).message);
      issues.push(issue);
    }
  }
  const registry = new ProviderRegistry();
  for (const plugin of plugins) {
    try {
      registry.register(plugin);
    } catch (error) {
      pluginError ??= error as ConfigError;
      issues.push({ path: 'plugins', message: (error as Error).message });
    }
  }

  const planned: { entry: ProviderEntry; options: unknown; timeoutMs?: number }[] = [];
  if (!pluginError) {
    for (const provided of providerEntries(value, issues)) {
      await registry.load(provided.port, provided.type);
      const { entry, timeoutMs, issue } = takeTimeout(registry, provided);
      if (issue) issues.push(issue);
      // Learnt first: an entry with a bad option can still hold a good secret, and its messages are redacted.
      learnSecrets(registry, entry, redactor);
      const checked = registry.check(entry.port, entry.type, entry.options, entry.path);
      if (!checked.ok) {
        issues.push(...checked.issues);
        continue;
      }
      planned.push({ entry, options: checked.options, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
    }
  }

  if (issues.length > 0) {
    // Each problem also says where it is, `(driftwatch.yaml:3:37)` (a link in editors' terminals), when the file holds its path.
    const places = issues.map((i) => options.locate?.(i.path));
    const lines = issues.map((i, k) => {
      const at = places[k];
      const where = at ? ` (${options.name ?? options.file}:${at.line}:${at.column})` : '';
      return redactor.text(`${lineOf.get(i) ?? `${i.path}: ${i.message}`}${where}`);
    });
    // One problem or many, the message starts with the config file, as every other input error names its file.
    const message =
      lines.length === 1
        ? `${options.name ?? options.file}: ${lines[0]}`
        : `${options.name ?? options.file}: ${lines.length} problems in the config:\n${lines.map((l) => `  ${l}`).join('\n')}`;
    throw new ConfigError(message, {
      cause: pluginError?.cause ?? pluginError,
      code: pluginError ? 'CONFIG_PLUGIN' : 'CONFIG_INVALID',
      issues: issues.map((i, k) => ({ path: i.path, message: redactor.text(i.message), ...places[k] })),
    });
  }
  const config = deepFreeze(parsed.data!);
  const plan: ProviderPlan = planned.map(({ entry, options, timeoutMs }) => ({
    port: entry.port,
    type: entry.type,
    configPath: entry.path,
    name: entry.name,
    ...(entry.monitor !== undefined ? { monitor: config.monitors[entry.monitor]!.name } : {}),
    ...(entry.evaluation !== undefined ? { evaluation: config.evaluations[entry.evaluation]!.name } : {}),
    ...(entry.role !== undefined ? { role: entry.role } : {}),
    options,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    definition: registry.get(entry.port, entry.type)!.definition,
  }));
  return { file: options.file, dir, config, plugins: registry.plugins(), registry, plan, redactor, env };
}

/**
 * Every provider entry of a (substituted, maybe invalid) config: the store,
 * sinks, channels, alarm managers and each monitor's sources and sinks.
 * Entries without a usable `type` are skipped (zod reports them); a data
 * source whose format cannot be told from its extension is an issue.
 */
export function providerEntries(config: unknown, issues: ConfigIssue[] = []): ProviderEntry[] {
  const out: ProviderEntry[] = [];
  const c = asRecord(config);
  if (!c) return out;
  const add = (port: PortName, path: PropertyKey[], spec: unknown, drop: readonly string[] = [], role?: ProviderRole) => {
    const s = asRecord(spec);
    if (!s || typeof s.type !== 'string' || s.type.length === 0) return;
    const options: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) if (k !== 'type' && !drop.includes(k)) options[k] = v;
    const name = typeof s.name === 'string' && drop.includes('name') ? s.name : s.type;
    const monitor = path[0] === 'monitors' ? (path[1] as number) : undefined;
    const evaluation = path[0] === 'evaluations' ? (path[1] as number) : undefined;
    out.push({
      port,
      path: formatConfigPath(path),
      type: s.type,
      name,
      options,
      ...(monitor !== undefined ? { monitor } : {}),
      ...(evaluation !== undefined ? { evaluation } : {}),
      ...(role !== undefined ? { role } : {}),
    });
  };
  const list = (port: PortName, path: PropertyKey[], specs: unknown, drop: readonly string[] = []) => {
    if (Array.isArray(specs)) for (const [i, s] of specs.entries()) add(port, [...path, i], s, drop);
  };
  add('RunStore', ['store'], c.store ?? { type: 'sqlite', path: '.driftwatch/driftwatch.db' });
  // The in-process queue is the runtime's own (no provider); any other type is a plugin's JobQueue.
  if (asRecord(c.queue)?.type !== inProcessQueueType) add('JobQueue', ['queue'], c.queue);
  list('MetricsSink', ['sinks'], c.sinks);
  list('AlertChannel', ['alerts', 'channels'], asRecord(c.alerts)?.channels, ['name']);
  list('AlarmManager', ['alarms'], c.alarms);
  if (Array.isArray(c.monitors)) {
    c.monitors.forEach((m, i) => {
      const monitor = asRecord(m);
      if (!monitor) return;
      for (const side of ['reference', 'current'] as const) {
        let source = asRecord(monitor[side]);
        const at: PropertyKey[] = ['monitors', i, side];
        // A reference that follows the champion is read from `initial` until a champion has recorded data.
        if (side === 'reference' && source?.from !== undefined) {
          source = asRecord(source.initial);
          at.push('initial');
        }
        if (!source) continue;
        let type = source.type;
        if (type === undefined) {
          if (typeof source.path !== 'string' || source.path.length === 0) continue;
          try {
            type = sourceTypeFor(source.path);
          } catch (error) {
            issues.push({
              path: formatConfigPath([...at, 'type']),
              message: `${(error as Error).message.replace(/pass the format$/, 'set type:')}`,
            });
            continue;
          }
        }
        add('DataSource', at, { ...source, type }, [], side);
      }
      list('MetricsSink', ['monitors', i, 'sinks'], monitor.sinks);
      const retraining = asRecord(monitor.retraining);
      if (retraining) {
        const at = (key: string): PropertyKey[] => ['monitors', i, 'retraining', key];
        add('TrainingProvider', at('trainer'), retraining.trainer, [], 'trainer');
        add('Evaluator', at('evaluator'), retraining.evaluator, [], 'evaluator');
        add('ModelRegistry', at('registry'), retraining.registry ?? defaultRegistry, [], 'registry');
        add('Deployer', at('deployer'), retraining.deployer ?? defaultDeployer, [], 'deployer');
      }
    });
  }
  if (Array.isArray(c.evaluations)) {
    c.evaluations.forEach((e, i) => {
      const promotion = asRecord(asRecord(e)?.promotion);
      if (!promotion) return;
      const at = (key: string): PropertyKey[] => ['evaluations', i, 'promotion', key];
      add('ModelRegistry', at('registry'), promotion.registry ?? defaultRegistry, [], 'registry');
      const deployer = asRecord(promotion.deployer);
      if (deployer) add('Deployer', at('deployer'), { type: 'ssm-parameter', ...deployer }, [], 'deployer');
    });
  }
  return out;
}

/** The model registry of a `retraining:` block that names none. */
export const defaultRegistry = { type: 'folder', path: '.driftwatch/models' } as const;
/** The deployer of a `retraining:` block that names none. */
export const defaultDeployer = { type: 'champion-pointer', path: '.driftwatch/serving' } as const;

/** Problems zod cannot see: unknown methods, duplicate names, rules naming unknown channels. */
/** `queue: { type: in-process }`: the default, runs jobs in the process that enqueues them. */
export const inProcessQueueType = 'in-process';

function semanticIssues(config: DriftwatchConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  // A text column's method (its descriptors are tested by the numeric methods).
  const methods = [...driftMethods.map((m) => m.name), textContentMethod];
  const checkMethod = (method: string, path: PropertyKey[]) => {
    if (methods.includes(method)) return;
    const close = closest(method, methods);
    issues.push({
      path: formatConfigPath(path),
      message: `unknown method "${method}" (known: ${methods.join(', ')}${close ? `; did you mean "${close}"?` : ''})`,
    });
  };
  const { type: queueType, ...queueOptions } = config.queue;
  if (queueType === inProcessQueueType && Object.keys(queueOptions).length > 0)
    issues.push({
      path: 'queue',
      message: `the in-process queue takes no options (got ${Object.keys(queueOptions).join(', ')}); for a shared queue set type: postgres`,
    });
  const channelNames = new Set<string>();
  config.alerts.channels.forEach((ch, i) => {
    const name = ch.name ?? ch.type;
    if (channelNames.has(name))
      issues.push({ path: `alerts.channels[${i}].name`, message: `a second channel named "${name}" (give each channel a unique name:)` });
    channelNames.add(name);
  });
  if (config.monitors.length === 0 && config.evaluations.length === 0)
    issues.push({ path: 'monitors', message: 'at least one monitor is required (or an evaluations: suite)' });
  const monitorNames = new Set<string>();
  config.monitors.forEach((m, i) => {
    if (monitorNames.has(m.name)) issues.push({ path: `monitors[${i}].name`, message: `a second monitor named "${m.name}"` });
    monitorNames.add(m.name);
    const { methods: configured } = m.drift;
    if (typeof configured === 'string') checkMethod(configured, ['monitors', i, 'drift', 'methods']);
    else
      for (const [column, method] of Object.entries(configured ?? {})) {
        const path = ['monitors', i, 'drift', 'methods', column];
        if (typeof method !== 'string' || isEmbeddingMethod(method)) {
          try {
            if (typeof method === 'string') parseEmbeddingMethod(method, formatConfigPath(path));
            else checkEmbeddingMethod(method, formatConfigPath(path));
          } catch (error) {
            issues.push({ path: formatConfigPath(path), message: (error as Error).message.replace(`${formatConfigPath(path)}: `, '') });
          }
        } else checkMethod(method, path);
      }
    if (m.schema.proba !== undefined && m.schema.probaPrefix !== undefined)
      issues.push({ path: `monitors[${i}].schema.probaPrefix`, message: 'give proba or probaPrefix, not both' });
    if (m.windows?.period !== undefined && (m.windows.timestamp ?? m.schema.timestamp) === undefined)
      issues.push({
        path: `monitors[${i}].windows.period`,
        message: 'period windows need a timestamp column (windows.timestamp or schema.timestamp)',
      });
    if (m.drift.multivariate !== undefined && m.windows === undefined)
      issues.push({
        path: `monitors[${i}].drift.multivariate`,
        message: 'multivariate drift is scored per window: add windows: (size, count or period)',
      });
    if (m.retraining) issues.push(...retrainingIssues(m, i));
    if (isChampionReference(m.reference) && !m.retraining)
      issues.push({
        path: `monitors[${i}].reference.from`,
        message: 'a reference that follows the champion needs a retraining: block (its registry names the champion)',
      });
    const ruleNames = new Set<string>();
    m.alerts.forEach((rule, j) => {
      if (ruleNames.has(rule.name))
        issues.push({ path: `monitors[${i}].alerts[${j}].name`, message: `a second rule named "${rule.name}"` });
      ruleNames.add(rule.name);
      rule.channels?.forEach((ch, k) => {
        if (!channelNames.has(ch))
          issues.push({
            path: `monitors[${i}].alerts[${j}].channels[${k}]`,
            message: `unknown channel "${ch}" (known: ${[...channelNames].join(', ') || 'none: add one under alerts.channels'})`,
          });
      });
    });
  });
  issues.push(...evaluationIssues(config, monitorNames));
  return issues;
}

const builtinRubrics = ['correctness', 'completeness', 'faithfulness', 'helpfulness', 'coherence', 'relevance', 'harmfulness', 'refusal'];

/** Problems of `evaluations:` zod cannot see: names, judges without a judge model, custom rubrics without instructions. */
function evaluationIssues(config: DriftwatchConfig, monitorNames: ReadonlySet<string>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const names = new Set<string>();
  config.evaluations.forEach((e, i) => {
    if (names.has(e.name)) issues.push({ path: `evaluations[${i}].name`, message: `a second evaluation named "${e.name}"` });
    else if (monitorNames.has(e.name))
      issues.push({ path: `evaluations[${i}].name`, message: `"${e.name}" is also a monitor's name (runs are recorded under it)` });
    names.add(e.name);
    const scorerNames = new Set<string>();
    e.scorers.forEach((s, j) => {
      const name = s.name ?? (s.type === 'judge' ? s.rubric : s.type);
      if (scorerNames.has(name))
        issues.push({ path: `evaluations[${i}].scorers[${j}]`, message: `a second scorer named "${name}" (give it a name:)` });
      scorerNames.add(name);
      if (s.type !== 'judge') return;
      if (e.judge === undefined)
        issues.push({ path: `evaluations[${i}].judge`, message: `scorers[${j}] is a judge: name the judge model (judge: { modelId })` });
      if (!builtinRubrics.includes(s.rubric) && s.instructions === undefined)
        issues.push({
          path: `evaluations[${i}].scorers[${j}].instructions`,
          message: `custom rubric "${s.rubric}" needs instructions (built-in: ${builtinRubrics.join(', ')})`,
        });
    });
    const challengerNames = new Set<string>(['target']);
    e.challengers.forEach((c, j) => {
      if (challengerNames.has(c.name))
        issues.push({
          path: `evaluations[${i}].challengers[${j}].name`,
          message: c.name === 'target' ? '"target" names the configured target' : `a second challenger named "${c.name}"`,
        });
      challengerNames.add(c.name);
    });
    const p = e.promotion;
    if (!p) return;
    const at = `evaluations[${i}].promotion`;
    const known = [...scorerNames].join(', ');
    if (e.challengers.length === 0)
      issues.push({ path: at, message: 'promotion needs at least one challenger (challengers: [{ name, modelId }])' });
    if (!scorerNames.has(p.gate.scorer))
      issues.push({ path: `${at}.gate.scorer`, message: `"${p.gate.scorer}" is not a scorer of the suite (scorers: ${known})` });
    for (const [what, record] of [
      ['gate.floors', p.gate.floors],
      ['gate.maxRegressionByScorer', p.gate.maxRegressionByScorer],
      ['postDeploy.floors', p.postDeploy?.floors ?? {}],
    ] as const)
      for (const name of Object.keys(record))
        if (!scorerNames.has(name))
          issues.push({ path: `${at}.${what}.${name}`, message: `"${name}" is not a scorer of the suite (scorers: ${known})` });
    const rules = new Set(e.alerts.map((r) => r.name));
    if (Array.isArray(p.when.alerts))
      p.when.alerts.forEach((name, j) => {
        if (!rules.has(name))
          issues.push({
            path: `${at}.when.alerts[${j}]`,
            message: `"${name}" is not an alert rule of the suite (rules: ${[...rules].join(', ') || 'none: add alerts:'})`,
          });
      });
  });
  return issues;
}

/** A `retraining:` block's needs: a label to train on, known metric names. */
function retrainingIssues(m: DriftwatchConfig['monitors'][number], i: number): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const r = m.retraining!;
  if (m.schema.target === undefined)
    issues.push({
      path: `monitors[${i}].retraining`,
      message: 'retraining needs schema.target (the label column to train and validate on)',
    });
  const checkMetric = (metric: string, path: string) => {
    try {
      parseMetricSpec(metric);
    } catch (error) {
      issues.push({ path, message: (error as Error).message });
    }
  };
  checkMetric(r.gate.metric, `monitors[${i}].retraining.gate.metric`);
  for (const metric of Object.keys(r.gate.floors)) checkMetric(metric, `monitors[${i}].retraining.gate.floors.${metric}`);
  for (const [j, metric] of r.gate.metrics.entries()) checkMetric(metric, `monitors[${i}].retraining.gate.metrics[${j}]`);
  for (const metric of Object.keys(r.postDeploy?.floors ?? {}))
    checkMetric(metric, `monitors[${i}].retraining.postDeploy.floors.${metric}`);
  return issues;
}

/**
 * A sink's or alert channel's own `timeout:` (a duration), overriding `providers.timeout` for its
 * calls; taken out of the options its provider's schema checks, unless that schema has a `timeout`
 * option of its own (then it is the provider's).
 */
function takeTimeout(registry: ProviderRegistry, entry: ProviderEntry): { entry: ProviderEntry; timeoutMs?: number; issue?: ConfigIssue } {
  if ((entry.port !== 'MetricsSink' && entry.port !== 'AlertChannel') || !('timeout' in entry.options)) return { entry };
  const schema = registry.get(entry.port, entry.type)?.definition.options as { shape?: Record<string, unknown> } | undefined;
  if (schema?.shape && 'timeout' in schema.shape) return { entry };
  const { timeout, ...options } = entry.options;
  const parsed = durationAtLeast(1).safeParse(timeout);
  const rest = { ...entry, options };
  if (parsed.success) return { entry: rest, timeoutMs: parsed.data };
  return { entry: rest, issue: { path: `${entry.path}.timeout`, message: parsed.error.issues[0]?.message ?? 'not a duration' } };
}

/**
 * Teaches the redactor a provider's secrets: every string under an option its schema marks
 * secret (`.meta({ secret: true })`), under a credential-like key or header name, the values of
 * the headers an option `secretHeaders` names, and the credential parts of URLs.
 */
function learnSecrets(registry: ProviderRegistry, entry: ProviderEntry, redactor: Redactor): void {
  const schema = registry.get(entry.port, entry.type)?.definition.options as { shape?: Record<string, z.ZodType> } | undefined;
  redactor.learn(entry.options);
  const strings = (v: unknown): string[] =>
    typeof v === 'string' || typeof v === 'number'
      ? [String(v)]
      : v !== null && typeof v === 'object'
        ? Object.values(v).flatMap(strings)
        : [];
  for (const [key, v] of Object.entries(entry.options)) {
    const field = schema?.shape?.[key];
    const marked = field !== undefined && (z.globalRegistry.get(field) as { secret?: unknown } | undefined)?.secret === true;
    if (marked) for (const s of strings(v)) redactor.add(s);
  }
  const { headers, secretHeaders } = entry.options as { headers?: unknown; secretHeaders?: unknown };
  if (Array.isArray(secretHeaders) && headers !== null && typeof headers === 'object') {
    const named = new Set(secretHeaders.map((h) => String(h).toLowerCase()));
    for (const [name, v] of Object.entries(headers)) if (named.has(name.toLowerCase()) && typeof v === 'string') redactor.add(v);
  }
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
