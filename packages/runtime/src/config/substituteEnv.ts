import { formatConfigPath } from './formatConfigPath.js';

/** A problem found while substituting, with the config path of the string it is in. */
export interface SubstitutionIssue {
  readonly path: string;
  readonly message: string;
}

/** What {@link substituteEnv} produced. */
export interface Substitution {
  /** The value with every `${VAR}` replaced. */
  readonly value: unknown;
  /** Values that came from the environment (not secrets as such: the redactor knows those of credential-like variables). */
  readonly secrets: ReadonlySet<string>;
  /** Config paths of strings that held a `${VAR}` filled from the environment. */
  readonly substitutedPaths: ReadonlySet<string>;
  readonly issues: readonly SubstitutionIssue[];
}

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string scalar of a parsed
 * config (keys are left alone), before validation, so a variable can hold a
 * number that zod then checks. `$${X}` is an escape for a literal `${X}`.
 * A variable that is unset (or empty, for the `:-` form, as in POSIX shells)
 * takes the default; unset without a default is an issue naming the path and
 * the variable. Every problem is collected, none thrown.
 */
export function substituteEnv(value: unknown, env: Readonly<Record<string, string | undefined>>): Substitution {
  const secrets = new Set<string>();
  const substitutedPaths = new Set<string>();
  const issues: SubstitutionIssue[] = [];

  const text = (s: string, path: PropertyKey[]): string => {
    if (!s.includes('$')) return s;
    let out = '';
    let i = 0;
    let fromEnv = false;
    while (i < s.length) {
      if (s.startsWith('$${', i)) {
        out += '${';
        i += 3;
        continue;
      }
      if (!s.startsWith('${', i)) {
        out += s[i];
        i += 1;
        continue;
      }
      const end = s.indexOf('}', i + 2);
      if (end < 0) {
        issues.push({ path: formatConfigPath(path), message: `unterminated "\${" (write "$\${" for a literal "\${")` });
        return s;
      }
      const body = s.slice(i + 2, end);
      const sep = body.indexOf(':-');
      const name = sep < 0 ? body : body.slice(0, sep);
      if (!namePattern.test(name)) {
        issues.push({
          path: formatConfigPath(path),
          message: `"\${${body}}" is not a variable reference (use \${NAME} or \${NAME:-default})`,
        });
        return s;
      }
      const set = env[name];
      if (sep >= 0 && (set === undefined || set === '')) {
        out += body.slice(sep + 2);
      } else if (set === undefined) {
        issues.push({
          path: formatConfigPath(path),
          message: `environment variable ${name} is not set (set it, or give a default: \${${name}:-value})`,
        });
        return s;
      } else {
        out += set;
        if (set.length > 0) secrets.add(set);
        fromEnv = true;
      }
      i = end + 1;
    }
    if (fromEnv) substitutedPaths.add(formatConfigPath(path));
    return out;
  };

  const walk = (v: unknown, path: PropertyKey[]): unknown => {
    if (typeof v === 'string') return text(v, path);
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = walk(item, [...path, k]);
      return out;
    }
    return v;
  };

  return { value: walk(value, []), secrets, substitutedPaths, issues };
}
