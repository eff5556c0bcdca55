// What the retraining example scripts share as command-line programs: the input error,
// reading the environment, and the exit statuses (2 for bad input, 1 for anything else).
import { readFileSync } from 'node:fs';

/** Bad input (a missing variable, a malformed file, a wrong value): the scripts exit 2 with its message. */
export class InputError extends Error {
  name = 'InputError';
}

/** The value of environment variable `name`, or an InputError when it is unset or empty. */
export function requireEnv(name) {
  const value = process.env[name];
  if (value === undefined || value === '') throw new InputError(`${name} is not set`);
  return value;
}

/** The value of environment variable `name`, or `fallback` when it is unset or empty. */
export function optionalEnv(name, fallback) {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

/** Reads a text file, turning "not found" and similar failures into an InputError naming the file and the variable it came from. */
export function readInputFile(path, variable) {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${variable}: cannot read ${path}: ${error.code ?? error.message}`);
  }
}

/**
 * Runs a script's main function: an InputError prints `<script>: <message>` on one line of
 * stderr and exits 2; any other failure prints its stack and exits 1.
 */
export function runScript(script, main) {
  try {
    main();
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${script}: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${script}: ${error?.stack ?? error}\n`);
      process.exitCode = 1;
    }
  }
}
