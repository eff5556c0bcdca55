import { containsCheck } from '../scoring/containsCheck.js';
import { exactMatch } from '../scoring/exactMatch.js';
import { jsonSchemaCheck } from '../scoring/jsonSchemaCheck.js';
import { normalizedMatch } from '../scoring/normalizedMatch.js';
import { regexCheck } from '../scoring/regexCheck.js';
import { responseLength } from '../scoring/responseLength.js';
import { rougeL } from '../scoring/rougeL.js';
import { sentenceBleu } from '../scoring/sentenceBleu.js';
import { tokenF1 } from '../scoring/tokenF1.js';
import type { ScorerSpec } from './EvaluationSuite.js';

/** Scores an answer against the item's references. */
export type AnswerScorer = (answer: string, references: readonly string[]) => number;

/**
 * The scoring function of a deterministic scorer spec (undefined for `semantic` and `judge`,
 * which call models). BLEU is sacrebleu's sentence BLEU divided by 100, so every score but
 * `length` (words) lies in [0, 1]. `configPath` names the spec in errors (an invalid regex or
 * JSON Schema).
 */
export function deterministicScorer(spec: ScorerSpec, configPath: string): AnswerScorer | undefined {
  switch (spec.type) {
    case 'exact':
      return exactMatch;
    case 'normalized':
      return normalizedMatch;
    case 'token-f1':
      return tokenF1;
    case 'rouge-l':
      return (answer, references) => rougeL(answer, references).fmeasure;
    case 'bleu':
      return (answer, references) => (references.length === 0 ? 0 : sentenceBleu(answer, references) / 100);
    case 'regex': {
      const check = regexCheck(spec.pattern, {
        ...(spec.flags !== undefined ? { flags: spec.flags } : {}),
        ...(spec.negate !== undefined ? { negate: spec.negate } : {}),
        configPath: `${configPath}.pattern`,
      });
      return (answer) => check(answer);
    }
    case 'contains':
      return (answer) =>
        containsCheck(answer, spec.values, {
          ...(spec.mode !== undefined ? { mode: spec.mode } : {}),
          ...(spec.caseSensitive !== undefined ? { caseSensitive: spec.caseSensitive } : {}),
        });
    case 'json-schema': {
      const check = jsonSchemaCheck(spec.schema, `${configPath}.schema`);
      return (answer) => check(answer).score;
    }
    case 'length':
      return (answer) => responseLength(answer).words;
    default:
      return undefined;
  }
}
