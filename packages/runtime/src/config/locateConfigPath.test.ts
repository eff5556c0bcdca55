import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatConfigPath } from './formatConfigPath.js';
import { configPathLocator, parseConfigPath } from './locateConfigPath.js';

describe('parseConfigPath', () => {
  it('reads back what formatConfigPath writes, for any keys and indexes', () => {
    const segment = fc.oneof(fc.nat({ max: 1000 }), fc.string({ minLength: 1 }), fc.constantFrom('monitors', 'a-b', '*', 'x.y', 'sinks'));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        // A path starts at a key of the top-level mapping.
        const path = typeof segments[0] === 'number' ? [`k${segments[0]}`, ...segments.slice(1)] : segments;
        expect(parseConfigPath(formatConfigPath(path))).toEqual(path);
      }),
    );
  });

  it('is undefined for text that is not a config path', () => {
    for (const text of ['driftwatch.yaml:3:1', '.a', 'a..b', 'a[x]', 'a["x]', '']) expect(parseConfigPath(text), text).toBeUndefined();
  });
});

const config = `version: 1
sinks:
  - { type: jsonl, path: out.jsonl, flush: true }
  - type: cloudwach
monitorz: []
monitors:
  - name: m
    drift:
      methods: { "income ($)": kss }
    reference: { path: a.csv }
`;

describe('configPathLocator', () => {
  const locate = configPathLocator(config);

  it('places a path at the key it ends in, in block and flow style, quoted keys too', () => {
    expect(locate('monitorz')).toEqual({ line: 5, column: 1 });
    expect(locate('sinks[0].flush')).toEqual({ line: 3, column: 37 });
    expect(locate('sinks[1].type')).toEqual({ line: 4, column: 5 });
    expect(locate('sinks[1]')).toEqual({ line: 4, column: 5 });
    expect(locate('monitors[0].drift.methods["income ($)"]')).toEqual({ line: 9, column: 18 });
  });

  it('places a path the file does not hold all of at the deepest part it does (a required option left out)', () => {
    expect(locate('monitors[0].current')).toEqual({ line: 7, column: 5 });
    expect(locate('monitors[0].reference.delimiter')).toEqual({ line: 10, column: 5 });
    expect(locate('sinks[7].type')).toEqual({ line: 2, column: 1 });
  });

  it("takes a syntax error's own place, and places nothing it cannot", () => {
    expect(locate('driftwatch.yaml:4:1')).toEqual({ line: 4, column: 1 });
    expect(locate('store')).toBeUndefined();
    expect(locate('not a path')).toBeUndefined();
    expect(configPathLocator('version: 1\nmonitors: [\n')('monitors')).toBeUndefined();
  });
});
