import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, quoteCsvField } from './quoteCsvField.js';
import { splitCsvLine } from './splitCsvLine.js';

describe('quoteCsvField', () => {
  it('quotes only what needs it', () => {
    expect(quoteCsvField('plain')).toBe('plain');
    expect(quoteCsvField('')).toBe('');
    expect(quoteCsvField('a,b')).toBe('"a,b"');
    expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsvField('two\nlines')).toBe('"two\nlines"');
    expect(quoteCsvField('cr\r')).toBe('"cr\r"');
    expect(quoteCsvField(' padded')).toBe('" padded"');
    expect(quoteCsvField('tab\t')).toBe('"tab\t"');
    expect(quoteCsvField('in side')).toBe('in side');
  });

  it('writes lines that split back to the same fields', () => {
    expect(csvLine(['timestamp', 'a,b', ''])).toBe('timestamp,"a,b",\n');
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '\t', 'é', ';') }), { minLength: 1 }),
        (fields) => {
          expect(splitCsvLine(csvLine(fields).slice(0, -1))).toEqual(fields);
        },
      ),
    );
  });
});
