import { ConfigError } from '@driftwatch/core';
import { LineCounter, parseDocument } from 'yaml';

/** Aliases a config may expand (yaml's guard against exponential "billion laughs" documents). */
const maxAliasCount = 1000;

/**
 * Parses the text of a config file. YAML 1.2 is a superset of JSON, so one
 * parser reads both (`.json` files included) and reports syntax errors of
 * either as `file:line:column: message`. Duplicate keys are errors.
 */
export function parseConfigText(text: string, file: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? (e.pos ? lineCounter.linePos(e.pos[0]) : undefined);
      return { path: pos ? `${file}:${pos.line}:${pos.col}` : file, message: e.message.split('\n')[0] };
    });
    // One syntax error makes the parser trip over everything after it: the first is the one to fix.
    const [first] = issues as [(typeof issues)[number]];
    const line = first.path.split(':')[1];
    const hint =
      line !== undefined && /\$\{/.test(text.split('\n')[Number(line) - 1] ?? '')
        ? ' (a value with ${VAR} inside { } or [ ] must be quoted: "${VAR}")'
        : '';
    const more = issues.length > 1 ? ` (then ${issues.length - 1} more error${issues.length === 2 ? '' : 's'} that follow from it)` : '';
    throw new ConfigError(`${first.path}: ${first.message}${hint}${more}`, { issues });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch (error) {
    // The yaml package throws a ReferenceError when aliases expand past the count (a "billion laughs" document).
    if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
    const message = `${file}: too many alias expansions (more than ${maxAliasCount}; an alias bomb?): write the repeated parts out or use fewer aliases`;
    throw new ConfigError(message, { cause: error, issues: [{ path: file, message: 'too many alias expansions' }] });
  }
  if (value === null || value === undefined) {
    throw new ConfigError(`${file}: the config is empty (start from "driftwatch init")`, { issues: [{ path: file, message: 'empty' }] });
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(
      `${file}: the config must be a mapping of keys (version, monitors, …), not a ${Array.isArray(value) ? 'list' : typeof value}`,
      {
        issues: [{ path: file, message: 'not a mapping' }],
      },
    );
  }
  return value;
}
