import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { type ColumnSpec, type Schema, UsageError } from '@driftwatch/core';
import { inferSchemaFromFile } from '@driftwatch/data';
import { Command } from 'commander';
import { writeAtomic } from '../output/writeAtomic.js';

interface InitFlags {
  reference?: string;
  current?: string;
  output: string;
  name?: string;
  force?: boolean;
}

/** Column names that obviously hold a role, in order of preference. */
const rolePatterns = {
  target: [/^(target|label|y|y_true|class|outcome|actual)$/i, /^(is_)?(churn(ed)?|default(ed)?|fraud)$/i],
  prediction: [/^(prediction|predicted|pred|y_pred|y_hat|score_label)$/i, /_(pred|prediction|predicted)$/i],
  proba: [/^(proba|probability|score|predict_proba)$/i, /_(proba|probability|score)$/i],
  timestamp: [/^(timestamp|ts|time|datetime|event_time|created_at|date)$/i],
  id: [/^(id|row_id|uuid)$/i, /_(id|uuid)$/i],
} as const;

/** The column that obviously holds `role` by its name (and kind, for ids and times), if one does. */
export function pickRole(columns: readonly ColumnSpec[], role: keyof typeof rolePatterns, taken: ReadonlySet<string>): string | undefined {
  for (const pattern of rolePatterns[role]) {
    const found = columns.find(
      (c) =>
        !taken.has(c.name) &&
        pattern.test(c.name) &&
        (role !== 'timestamp' || c.kind === 'datetime' || c.kind === 'numeric') &&
        (role !== 'proba' || c.kind === 'numeric'),
    );
    if (found) return found.name;
  }
  if (role === 'timestamp') return columns.find((c) => !taken.has(c.name) && c.kind === 'datetime')?.name;
  return undefined;
}

/** A YAML scalar for a string: plain when safe, else JSON's double-quoted form (valid YAML). */
function q(s: string): string {
  return /^[A-Za-z_./][\w./-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(s) ? s : JSON.stringify(s);
}

/** A path as written in the config: relative to the config's folder, with forward slashes. */
function configRelative(configDir: string, path: string): string {
  const r = relative(configDir, resolve(path));
  return (r.startsWith('..') ? resolve(path) : r).split(sep).join('/');
}

/** The starter config text: every section commented, roles filled in where the column names make them obvious. */
export function starterConfig(options: { name: string; reference: string; current: string; schema?: Schema }): string {
  const columns = options.schema?.columns ?? [];
  const taken = new Set<string>();
  const pick = (role: keyof typeof rolePatterns) => {
    const name = pickRole(columns, role, taken);
    if (name) taken.add(name);
    return name;
  };
  const id = pick('id');
  const timestamp = pick('timestamp');
  const target = pick('target');
  const prediction = pick('prediction');
  const proba = pick('proba');
  const role = (key: string, value: string | undefined, what: string) =>
    value ? `      ${key}: ${q(value)}`.padEnd(41) + `# ${what}` : `      # ${key}: column_name`.padEnd(41) + `# ${what}`;
  const kinds = columns.map((c) => `      #   ${q(c.name)}: ${c.kind}`).join('\n');
  // Model quality and windows: live when the columns they need were found, commented out otherwise.
  const quality = target !== undefined && prediction !== undefined;
  const line = (live: boolean, text: string, comment?: string) => {
    const body = `${live ? '    ' : '    # '}${text}`;
    return comment === undefined ? body : `${body.padEnd(41)}# ${comment}`;
  };
  const metrics = proba !== undefined ? '[accuracy, f1, roc_auc]' : '[accuracy, f1]';
  const performance = [
    line(quality, 'performance:', 'model quality per window (needs target and prediction)'),
    line(quality, '  task: classification', 'or regression'),
    line(quality, `  metrics: ${metrics}`),
    line(quality && proba !== undefined, '  estimate: true', 'CBPE estimates where labels are missing (needs proba)'),
  ].join('\n');
  const windows = line(timestamp !== undefined, 'windows: { period: week }', 'or { size: 10000 } / { count: 10 }; hour, day, week, month');
  return `# Driftwatch config: https://github.com/driftwatch/driftwatch#configuration-and-plugins
# Check it with "driftwatch config validate", run it with "driftwatch run",
# see past runs with "driftwatch history". \${ENV_VAR} and \${ENV_VAR:-default} are substituted.
version: 1

# Plugins besides the built-in ones: package names or paths relative to this file.
plugins: []

# Where runs are recorded (history, trends, and what "driftwatch serve" shows), relative to this file.
# { type: files, path: .driftwatch } keeps JSON files instead (no server).
store: { type: sqlite, path: .driftwatch/driftwatch.db }

# Where every monitor publishes its figures ("driftwatch plugins" lists the sink types).
sinks:
  - { type: jsonl, path: driftwatch-out/metrics.jsonl }
  # - { type: cloudwatch, namespace: Driftwatch }

alerts:
  channels:
    - { type: log }                      # one JSON line per alert on stderr
    # - { type: webhook, name: ops, url: "https://hooks.example.com/driftwatch", secret: "\${DRIFTWATCH_WEBHOOK_SECRET}" }

monitors:
  - name: ${q(options.name)}
    reference: { path: ${q(options.reference)} }   # type from the extension: csv, tsv, jsonl, parquet
    current: { path: ${q(options.current)} }
    schema:
${role('target', target, 'true labels, for model quality')}
${role('prediction', prediction, "the model's predictions")}
${role('proba', proba, 'predicted probability (binary)')}
${role('timestamp', timestamp, 'row time, for windows; not drift-tested')}
${role('id', id, 'row id; not drift-tested')}
      ignore: []
      # kinds override the inferred ones${columns.length > 0 ? ' (inferred from the reference):' : ':'}
      kinds: {}
${kinds}
    drift:
      datasetShare: 0.5                  # the dataset drifts when this share of columns drifts
      correction: none                   # none, bonferroni or fdr
      # methods: { "*": ks, income: psi }
      # thresholds: { "*": 0.05 }
${performance}
${windows}
    alerts:
      - { name: dataset-drift, metric: dataset.drift_share, comparison: gte, threshold: 0.5, severity: warning }
`;
}

/** `driftwatch init`: writes a commented starter config. */
export function initCommand(): Command {
  return new Command('init')
    .summary('write a commented starter config (driftwatch.yaml)')
    .description(
      'Writes a starter config for the data it is pointed at: columns and kinds inferred from the ' +
        'reference, target / prediction / timestamp / id picked by name when obvious.',
    )
    .option('-r, --reference <file>', 'reference data (.csv, .tsv, .jsonl, .parquet)')
    .option('-c, --current <file>', 'current data')
    .option('-o, --output <file>', 'config file to write', 'driftwatch.yaml')
    .option('--name <name>', 'monitor name', 'model')
    .option('--force', 'overwrite an existing file')
    .addHelpText('after', '\nExample:\n  driftwatch init -r data/train.csv -c data/today.csv\n')
    .action(async (flags: InitFlags) => {
      if (existsSync(flags.output) && !flags.force) {
        throw new UsageError(`${flags.output} exists; pass --force to overwrite it`);
      }
      if ((flags.reference === undefined) !== (flags.current === undefined)) {
        throw new UsageError('give both --reference and --current, or neither for a template');
      }
      const name = flags.name ?? 'model';
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new UsageError(`--name "${name}": use letters, digits, ".", "_" or "-"`);
      const dir = dirname(resolve(flags.output));
      const schema = flags.reference ? await inferSchemaFromFile(flags.reference) : undefined;
      if (flags.current) await inferSchemaFromFile(flags.current, { sampleRows: 0 });
      const text = starterConfig({
        name,
        reference: flags.reference ? configRelative(dir, flags.reference) : 'data/reference.csv',
        current: flags.current ? configRelative(dir, flags.current) : 'data/current.csv',
        schema,
      });
      await writeAtomic(flags.output, text);
      process.stdout.write(
        `wrote ${flags.output}${schema ? ` (${schema.columns.length} columns)` : ''}; check it with "driftwatch config validate${flags.output === 'driftwatch.yaml' ? '' : ` --config ${flags.output}`}"\n`,
      );
    });
}
