import { describe, expect, it } from 'vitest';
import { splitCsvLine } from './splitCsvLine.js';

describe('splitCsvLine', () => {
  it('splits RFC 4180 fields as the file reader does', () => {
    expect(splitCsvLine('a,"b,c",,"say ""hi"""')).toEqual(['a', 'b,c', '', 'say "hi"']);
    expect(splitCsvLine('')).toEqual(['']);
    expect(splitCsvLine('1,2\r\n')).toEqual(['1', '2']);
    expect(splitCsvLine('"ab"cd,x"y')).toEqual(['abcd', 'x"y']);
    expect(splitCsvLine('"two\nlines",é')).toEqual(['two\nlines', 'é']);
    expect(splitCsvLine('a;"b;c"', ';')).toEqual(['a', 'b;c']);
  });

  it('rejects broken lines with a plain error the caller can place', () => {
    expect(() => splitCsvLine('é,"open')).toThrow(/^unclosed quote \(opened at column 3\)$/);
    expect(() => splitCsvLine('a\nb')).toThrow(/one line expected/);
    expect(() => splitCsvLine('a', '"')).toThrow(/invalid CSV delimiter/);
  });
});
