import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceSample } from './referenceSample.js';

const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/samples.json', import.meta.url), 'utf8')) as {
  cases: { spec: Parameters<typeof referenceSample>[0]; head: number[]; sum: number }[];
};

describe('referenceSample', () => {
  it.each(fixture.cases.map((c, i) => [i, c] as const))('rebuilds case %i bit for bit', (_i, c) => {
    const x = referenceSample(c.spec);
    expect(Array.from(x.subarray(0, c.head.length))).toEqual(c.head);
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i];
    expect(s).toBe(c.sum);
  });
});
