// The CLI's `#!/usr/bin/env -S …` line as env(1) runs it, so a benchmark runs the command exactly
// as an installed `driftwatch` runs: the variables the line sets and node's flags.
import { readFileSync } from 'node:fs';

/**
 * The environment assignments (`NAME=value`, `${NAME}` expanded from `base` as `env -S` does, an
 * unset name giving the empty string; `-u NAME` as NAME: undefined) and the node flags of `file`'s first line, e.g.
 * `#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1:${GLIBC_TUNABLES} node --max-semi-space-size=2`.
 * A line without `env -S` gives what follows `node`, and no variables.
 */
export function shebangCommand(file, base = process.env) {
  const first = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  if (!first.startsWith('#!')) return { env: {}, flags: [] };
  const words = first.slice(2).trim().split(/\s+/);
  const node = words.findIndex((w) => /(^|\/)node$/.test(w));
  if (node < 0) return { env: {}, flags: [] };
  const env = {};
  const before = words.slice(0, node);
  for (let i = 0; i < before.length; i++) {
    const word = before[i];
    // `-u NAME` unsets NAME: undefined here, which spawn leaves out of the child's environment.
    if (word === '-u' && i + 1 < before.length) env[before[++i]] = undefined;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(word);
    if (m) env[m[1]] = m[2].replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name) => base[name] ?? '');
  }
  return { env, flags: words.slice(node + 1) };
}
