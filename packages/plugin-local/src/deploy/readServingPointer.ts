import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, StateError } from '@driftwatch/core';

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
export async function readServingPointer(path: string, model: string): Promise<ServingPointer | undefined> {
  const file = servingPointerFile(path, model);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const pointer = parseServingPointer(text);
  if (!pointer)
    throw new StateError(
      'STATE_CORRUPT',
      `${file}: not a serving pointer (model, version, artifactUri, deployedAt); deploy a version again to rewrite it`,
    );
  return pointer;
}

/** A pointer file's content, or `undefined` when it is not one. */
export function parseServingPointer(text: string): ServingPointer | undefined {
  try {
    const p = JSON.parse(text) as ServingPointer;
    return typeof p?.model === 'string' &&
      typeof p.version === 'string' &&
      typeof p.artifactUri === 'string' &&
      typeof p.deployedAt === 'string'
      ? p
      : undefined;
  } catch {
    return undefined;
  }
}
