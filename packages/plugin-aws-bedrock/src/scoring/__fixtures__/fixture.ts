import { readFileSync } from 'node:fs';

/** One generated case of `scripts/reference/gen_scoring.py`. */
export interface ScoringCase {
  readonly hypothesis: string;
  readonly references: string[];
  readonly tokens13a: string;
  readonly squadNormalized: string;
  readonly rougeTokens: string[];
  readonly exactMatch: number;
  readonly tokenF1: number;
  readonly rougeL: { readonly precision: number; readonly recall: number; readonly fmeasure: number };
  readonly sentenceBleu: number;
}

/** The committed reference values (sacrebleu, SQuAD v1.1's script, rouge-score's formulas). */
export const scoringFixture = JSON.parse(readFileSync(new URL('./scoring.json', import.meta.url), 'utf8')) as {
  readonly sacrebleu: string;
  readonly cases: readonly ScoringCase[];
  readonly corpora: readonly { readonly start: number; readonly count: number; readonly corpusBleu: number }[];
};
