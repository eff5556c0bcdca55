import { readFile } from 'node:fs/promises';
import { type ColumnRole, type ColumnSpec, columnKinds, type Schema } from '@driftwatch/core';
import { z } from 'zod';
import { inputError } from '../errors/inputError.js';
import { openError } from '../io/openInput.js';
import { locateJsonError } from '../jsonl/locateJsonError.js';

const columnRoles = [
  'feature',
  'target',
  'prediction',
  'probability',
  'timestamp',
  'id',
  'ignored',
] as const satisfies readonly ColumnRole[];

const kind = z.enum(columnKinds, { error: (issue) => `unknown kind ${JSON.stringify(issue.input)} (known: ${columnKinds.join(', ')})` });
const role = z.enum(columnRoles, { error: (issue) => `unknown role ${JSON.stringify(issue.input)} (known: ${columnRoles.join(', ')})` });
const name = z.string({ error: 'expected the column name as a string' }).min(1, { error: 'empty column name' });

const columnObject = z.strictObject({ name, kind, role: role.optional() });
const shorthandValue = z.union([kind, z.strictObject({ kind, role: role.optional() })], {
  error: (issue) =>
    typeof issue.input === 'string'
      ? `unknown kind ${JSON.stringify(issue.input)} (known: ${columnKinds.join(', ')})`
      : 'expected a kind or { "kind", "role" }',
});

const meta = { $schema: z.string().optional(), description: z.string().optional() };
const listForm = z.strictObject({ ...meta, columns: z.array(columnObject) });
const shorthandForm = z.strictObject({
  ...meta,
  columns: z.record(z.string().min(1, { error: 'empty column name' }), shorthandValue, {
    error: (issue) =>
      issue.input === undefined ? 'required' : 'expected a list of { "name", "kind", "role" } or an object from column name to kind',
  }),
});

/**
 * Reads a schema file: JSON, either
 * `{"columns": [{"name": "age", "kind": "numeric", "role": "feature"}]}` or the
 * shorthand `{"columns": {"age": "numeric", "id": {"kind": "text", "role": "id"}}}`.
 * Kinds: numeric, categorical, boolean, datetime, text, embedding; roles:
 * feature (default), target, prediction, probability, timestamp, id, ignored.
 *
 * A missing file is `INPUT_NOT_FOUND`; bad JSON or content is
 * `INPUT_BAD_SCHEMA`, one line naming the file and the JSON path of every
 * problem (`schema.json: columns[1].kind: unknown kind "nmeric" (known: …)`).
 */
export async function loadSchemaFile(path: string): Promise<Schema> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw openError(path, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const problem = locateJsonError(text);
    const before = text.slice(0, problem.offset);
    const line = before.split('\n').length;
    const column = problem.offset - (before.lastIndexOf('\n') + 1) + 1;
    throw inputError('INPUT_BAD_SCHEMA', { file: path, line, column }, `invalid JSON: ${problem.message}`, error);
  }
  const list = typeof json === 'object' && json !== null && Array.isArray((json as { columns?: unknown }).columns);
  const parsed = list ? listForm.safeParse(json) : shorthandForm.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
    throw inputError('INPUT_BAD_SCHEMA', { file: path }, problems.join('; '));
  }
  const columns: ColumnSpec[] = Array.isArray(parsed.data.columns)
    ? parsed.data.columns.map((c) => (c.role ? { name: c.name, kind: c.kind, role: c.role } : { name: c.name, kind: c.kind }))
    : Object.entries(parsed.data.columns).map(([n, v]) => {
        if (typeof v === 'string') return { name: n, kind: v };
        return v.role ? { name: n, kind: v.kind, role: v.role } : { name: n, kind: v.kind };
      });
  const seen = new Map<string, number>();
  const duplicates: string[] = [];
  columns.forEach((c, i) => {
    const first = seen.get(c.name);
    if (first !== undefined) duplicates.push(`columns[${i}].name: duplicate column "${c.name}" (also columns[${first}])`);
    else seen.set(c.name, i);
  });
  if (duplicates.length > 0) throw inputError('INPUT_BAD_SCHEMA', { file: path }, duplicates.join('; '));
  return { columns };
}

/** `columns[0].kind`, `columns.age`, `columns["a b"]`. */
function jsonPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
