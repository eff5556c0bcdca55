import { Redactor } from '@driftwatch/core';

let redactor: Redactor | undefined;

/**
 * The process's one redactor: it knows the credential-like variables of the
 * environment from the start, and a loaded config teaches it the config's
 * secrets (`openConfig`). Everything the CLI prints or writes goes through it.
 */
export function processRedactor(): Redactor {
  redactor ??= Redactor.fromEnv(process.env);
  return redactor;
}
