import { pythonSplit } from './pythonSplit.js';

/** Length of a response. */
export interface ResponseLength {
  /** Unicode code points (an emoji is 1, not 2 UTF-16 units). */
  readonly characters: number;
  /** Whitespace-separated words. */
  readonly words: number;
  /** UTF-8 bytes. */
  readonly bytes: number;
}

/** The length of `answer` in code points, words and UTF-8 bytes. */
export function responseLength(answer: string): ResponseLength {
  let characters = 0;
  for (const _ of answer) characters++;
  return { characters, words: pythonSplit(answer).length, bytes: Buffer.byteLength(answer, 'utf8') };
}
