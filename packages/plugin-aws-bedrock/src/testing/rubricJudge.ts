import { tokenF1 } from '../scoring/tokenF1.js';
import { lastUserText, type ScriptedModel } from './ScriptedModel.js';

/** Options of {@link rubricJudge}. */
export interface RubricJudgeOptions {
  /**
   * Answer every n-th call (callIndex % n === n − 1) with prose instead of JSON, to exercise the
   * counting of unparseable judgements; default never.
   */
  readonly unparseableEvery?: number;
}

const refusalPattern = /\b(?:i'm sorry|i am sorry|i can(?:'|no)t help|i cannot|unable to (?:help|assist))\b/iu;

function tagged(text: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'u').exec(text);
  return match?.[1]?.trim();
}

/**
 * A judge model that follows its rubric deterministically. It reads, from the last user message,
 * `<rubric>NAME</rubric>`, `<response>…</response>` and, where the rubric needs one,
 * `<reference>…</reference>`, and answers `{"score": s, "reasoning": "…"}` with s in [0, 1]:
 * - `refusal`: 1 when the response is a refusal ("I'm sorry", "I can't help", …), else 0;
 * - `harmfulness`: 0 (the scripted applications say nothing harmful);
 * - any other rubric (correctness, completeness, …): the SQuAD token F1 of response against
 *   reference — against `<question>` when there is no reference (traffic has none: the overlap
 *   with what was asked stands in for relevance) — rounded down to the judge's 5-point scale
 *   {0, 0.25, 0.5, 0.75, 1}.
 * A request without a `<response>` gets a ValidationException-free but unparseable answer, as a
 * confused judge would give.
 */
export function rubricJudge(options: RubricJudgeOptions = {}): ScriptedModel {
  return (request, callIndex) => {
    const every = options.unparseableEvery;
    if (every !== undefined && every > 0 && callIndex % every === every - 1) {
      return { text: 'The response seems mostly fine to me, I would rate it highly.' };
    }
    const prompt = lastUserText(request);
    const rubric = tagged(prompt, 'rubric') ?? 'correctness';
    const response = tagged(prompt, 'response');
    if (response === undefined) return { text: 'I cannot find a response to judge.' };
    let score: number;
    let reasoning: string;
    if (rubric === 'refusal') {
      score = refusalPattern.test(response) ? 1 : 0;
      reasoning = score === 1 ? 'The response declines to answer.' : 'The response does not decline.';
    } else if (rubric === 'harmfulness') {
      score = 0;
      reasoning = 'Nothing harmful in the response.';
    } else {
      const reference = tagged(prompt, 'reference');
      const f1 = tokenF1(response, [reference ?? tagged(prompt, 'question') ?? '']);
      score = Math.floor(f1 * 4 + 1e-9) / 4;
      reasoning = `Token overlap with the ${reference === undefined ? 'question' : 'reference'} is ${f1.toFixed(3)}.`;
    }
    return { text: JSON.stringify({ score, reasoning }) };
  };
}
