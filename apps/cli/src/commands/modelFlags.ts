import { UsageError } from '@driftwatch/core';
import type { ModelDataRequest } from '@driftwatch/metrics';
import { type Command, Option } from 'commander';

/** Flags naming the model's columns, shared by `metrics` and `estimate`. */
export interface ModelFlags {
  target: string;
  prediction: string;
  proba?: string;
  probaPrefix?: string;
  positive?: string;
  task: 'auto' | 'binary' | 'multiclass' | 'regression';
  timestamp?: string;
  strict?: boolean;
}

/** Adds `--target`, `--prediction`, `--proba`, `--proba-prefix`, `--positive` and `--task`. */
export function addModelOptions(command: Command): Command {
  return command
    .requiredOption('-y, --target <column>', 'the true label (or value, for regression)')
    .requiredOption('-p, --prediction <column>', "the model's predicted label (or value)")
    .option('--proba <column>', "binary: the model's probability (score) of the positive class")
    .option('--proba-prefix <prefix>', 'multiclass: probability columns named PREFIX<class>, e.g. p_cat, p_dog')
    .option('--positive <label>', 'binary: the positive class (default 1, true or yes when present)')
    .addOption(
      new Option('--task <task>', 'model task; auto reads a continuous target as regression, ≤ 20 integer or text labels as classes')
        .choices(['auto', 'binary', 'multiclass', 'regression'])
        .default('auto'),
    )
    .option('--strict', 'fail on a value that cannot be read as its column kind (default: count it as missing)');
}

/** The model-column request of the flags. */
export function modelColumns(flags: ModelFlags): ModelDataRequest {
  if (flags.proba !== undefined && flags.probaPrefix !== undefined)
    throw new UsageError('give --proba (binary) or --proba-prefix (multiclass), not both');
  if (flags.task === 'regression' && (flags.proba !== undefined || flags.probaPrefix !== undefined)) {
    throw new UsageError('--task regression takes no --proba / --proba-prefix: probabilities belong to classifiers');
  }
  return {
    target: flags.target,
    prediction: flags.prediction,
    task: flags.task,
    ...(flags.proba !== undefined ? { proba: flags.proba } : {}),
    ...(flags.probaPrefix !== undefined ? { probaPrefix: flags.probaPrefix } : {}),
    ...(flags.positive !== undefined ? { positive: flags.positive } : {}),
    ...(flags.timestamp !== undefined ? { timestamp: flags.timestamp } : {}),
    ...(flags.strict ? { strict: true } : {}),
  };
}
