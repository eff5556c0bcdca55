import { join } from 'node:path';
import { InputError } from '@driftwatch/core';
import { readJsonFile } from '../store/readJsonFile.js';

/** `<path>/<model>.json`: the version that serves, as the champion-pointer deployer wrote it. */
export interface ServingPointer {
  readonly model: string;
  readonly version: string;
  /** The version's artifact folder. */
  readonly artifactUri: string;
  /** ISO time of the deployment (or rollback). */
  readonly deployedAt: string;
}

/** The pointer file of a model in a serving folder. */
export function servingPointerFile(path: string, model: string): string {
  if (!/^[\w.-]+$/.test(model) || model === '.' || model === '..')
    throw new InputError('INPUT_INVALID_VALUE', `model name "${model}" cannot name a file (letters, digits, ".", "_", "-")`);
  return join(path, `${model}.json`);
}

/**
 * What serves a model according to the champion-pointer deployer's folder
 * `path`: `undefined` when nothing was deployed; a file that is not a
 * pointer is a {@link StateError} naming it.
 */
export function readServingPointer(path: string, model: string): Promise<ServingPointer | undefined> {
  return readJsonFile(servingPointerFile(path, model), {
    what: 'serving pointer',
    remedy: 'deploy a version again to rewrite it',
    check: checkServingPointer,
  });
}

/** A pointer file's content, or `undefined` when it is not one. */
export function parseServingPointer(text: string): ServingPointer | undefined {
  try {
    return checkServingPointer(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function checkServingPointer(value: unknown): ServingPointer {
  const p = value as ServingPointer | null;
  for (const field of ['model', 'version', 'artifactUri', 'deployedAt'] as const)
    if (typeof p?.[field] !== 'string') throw new Error(`"${field}" is not a string`);
  return p as ServingPointer;
}
