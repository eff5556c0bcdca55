import { describe, expect, it } from 'vitest';
import { responseLength } from './responseLength.js';

describe('responseLength', () => {
  it('counts code points, Python-style words and UTF-8 bytes', () => {
    expect(responseLength('')).toEqual({ characters: 0, words: 0, bytes: 0 });
    expect(responseLength('Great job 👍🏽')).toEqual({ characters: 12, words: 3, bytes: 18 });
    expect(responseLength('東京 は\u0085首都')).toEqual({ characters: 7, words: 3, bytes: 18 });
  });
});
