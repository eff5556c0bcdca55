import { readFile } from 'node:fs/promises';
import { InputError } from '@driftwatch/core';
import { z } from 'zod';

const messageSchema = z.strictObject({ role: z.enum(['user', 'assistant']), content: z.string() });

const itemSchema = z
  .strictObject({
    id: z.union([z.string().min(1), z.number().transform(String)]),
    prompt: z.string().optional(),
    messages: z.array(messageSchema).min(1).optional(),
    system: z.string().optional(),
    reference: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    context: z.string().optional(),
    tags: z.array(z.string().min(1)).default([]),
    variables: z.record(z.string(), z.string()).default({}),
  })
  .refine((item) => (item.prompt === undefined) !== (item.messages === undefined), {
    message: 'exactly one of "prompt" and "messages" is required',
  })
  .refine((item) => item.messages === undefined || item.messages[item.messages.length - 1]?.role === 'user', {
    message: 'the last of "messages" must have role "user"',
    path: ['messages'],
  });

/** One golden-set item. */
export interface GoldenItem {
  readonly id: string;
  /** 1-based line in the file. */
  readonly line: number;
  readonly prompt?: string;
  readonly messages?: readonly { readonly role: 'user' | 'assistant'; readonly content: string }[];
  readonly system?: string;
  /** Reference answers (one or more); empty when the item has none. */
  readonly references: readonly string[];
  readonly context?: string;
  readonly tags: readonly string[];
  readonly variables: Readonly<Record<string, string>>;
}

/**
 * Reads a JSONL golden set: one JSON object a line (`id`, `prompt` or `messages`, optional
 * `system`, `reference` (string or list), `context`, `tags`, `variables`); blank lines are
 * skipped. A malformed line, an unknown field or a repeated id is an InputError
 * `file:line: …`.
 */
export async function readGoldenSet(file: string): Promise<GoldenItem[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError('INPUT_NOT_FOUND', `${file}: cannot read the golden set: ${(error as Error).message}`, {
      cause: error,
      location: { file },
    });
  }
  const items: GoldenItem[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/u);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new InputError('INPUT_BAD_JSON', `${file}:${line}: not valid JSON: ${(error as Error).message}`, {
        cause: error,
        location: { file, line },
      });
    }
    const parsed = itemSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new InputError('INPUT_INVALID_VALUE', `${file}:${line}: ${where}${issue.message}`, { location: { file, line } });
    }
    const item = parsed.data;
    const previous = seen.get(item.id);
    if (previous !== undefined) {
      throw new InputError('INPUT_INVALID_VALUE', `${file}:${line}: id ${JSON.stringify(item.id)} repeats line ${previous}`, {
        location: { file, line },
      });
    }
    seen.set(item.id, line);
    items.push({
      id: item.id,
      line,
      ...(item.prompt !== undefined ? { prompt: item.prompt } : {}),
      ...(item.messages !== undefined ? { messages: item.messages } : {}),
      ...(item.system !== undefined ? { system: item.system } : {}),
      references: item.reference === undefined ? [] : typeof item.reference === 'string' ? [item.reference] : item.reference,
      ...(item.context !== undefined ? { context: item.context } : {}),
      tags: item.tags,
      variables: item.variables,
    });
  }
  if (items.length === 0) throw new InputError('INPUT_NO_ROWS', `${file}: the golden set has no items`, { location: { file } });
  return items;
}
