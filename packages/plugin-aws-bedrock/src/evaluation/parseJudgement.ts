import { z } from 'zod';

/** The JSON shape a judge must answer with. */
export const judgementSchema = z.object({
  /** In [0, 1]. */
  score: z.number().min(0).max(1),
  reasoning: z.string(),
});

/** A validated judgement. */
export type Judgement = z.output<typeof judgementSchema>;

/**
 * The judgement in a judge's answer: the outermost `{…}` of the text (judges often wrap JSON in
 * prose or a code fence), parsed and validated by {@link judgementSchema}; undefined when there
 * is none or it does not validate. Nothing is guessed from prose.
 */
export function parseJudgement(text: string): Judgement | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
  const parsed = judgementSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
