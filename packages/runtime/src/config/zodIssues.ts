import type { z } from 'zod';
import type { ConfigIssue } from '../plugins/ProviderRegistry.js';
import { formatConfigPath } from './formatConfigPath.js';

/**
 * Zod issues as config issues: a path users can find and a message with a
 * hint: unknown keys list the known ones and the closest match, missing
 * values say so.
 */
export function zodIssues(error: z.ZodError, schema: z.ZodType, prefix: readonly PropertyKey[] = []): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeysAt(schema, issue.path);
        return issue.keys.map((key) => ({ path: formatConfigPath([...path, key]), message: unknownKeyMessage(key, known) }));
      }
      case 'invalid_type':
        if (/received undefined/.test(issue.message)) return [{ path: formatConfigPath(path), message: `required (${issue.expected})` }];
        return [{ path: formatConfigPath(path), message: issue.message.replace(/^Invalid input: /, '') }];
      case 'invalid_union': {
        // Report the branch that got furthest rather than zod's generic "Invalid input".
        const branches = (issue as unknown as { errors: z.core.$ZodIssue[][] }).errors;
        const best = branches.find((b) => b.every((i) => i.path.length > 0)) ?? branches[0];
        if (best && best.length > 0 && !best.some((i) => i.code === 'invalid_type' && i.path.length === 0))
          return best.map((i) => ({ path: formatConfigPath([...path, ...i.path]), message: i.message.replace(/^Invalid input: /, '') }));
        return [{ path: formatConfigPath(path), message: `invalid value (${describeUnion(branches)})` }];
      }
      default:
        return [{ path: formatConfigPath(path), message: issue.message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '') }];
    }
  });
}

function describeUnion(branches: z.core.$ZodIssue[][]): string {
  const expected = branches.flatMap((b) => b.filter((i) => i.code === 'invalid_type').map((i) => (i as { expected: string }).expected));
  return expected.length > 0 ? `expected ${[...new Set(expected)].join(' or ')}` : 'no alternative matched';
}

/** `unknown key "sinkz" (known: …; did you mean "sinks"?)`. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  if (known.length === 0) return `unknown key "${key}"`;
  const close = closest(key, known);
  return `unknown key "${key}" (known: ${known.join(', ')}${close ? `; did you mean "${close}"?` : ''})`;
}

/** The known name within edit distance 2 (or a third of the name) of `name`. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** The keys the object schema at `path` accepts (empty when not an object). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: any = unwrap(schema);
  for (const seg of path) {
    if (!s) return [];
    const type = s._zod?.def?.type;
    if (type === 'object') s = unwrap(s._zod.def.shape[seg as string]);
    else if (type === 'array') s = unwrap(s._zod.def.element);
    else if (type === 'record') s = unwrap(s._zod.def.valueType);
    else return [];
  }
  return s?._zod?.def?.type === 'object' ? Object.keys(s._zod.def.shape) : [];
}

function unwrap(schema: any): any {
  let s = schema;
  for (let i = 0; i < 10 && s; i++) {
    const def = s._zod?.def;
    if (!def) return s;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault' || def.type === 'readonly')
      s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else return s;
  }
  return s;
}
