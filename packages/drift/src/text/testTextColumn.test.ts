import { readFileSync } from 'node:fs';
import type { Frame, TextColumn } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { ExactDriftEngine } from '../engine/ExactDriftEngine.js';
import { textContentDrift } from './textContentDrift.js';

const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/text_content.json', import.meta.url), 'utf8')) as {
  cases: { name: string; reference: string[]; current: string[] }[];
};

const frame = (values: (string | null)[], source: string): Frame => ({
  rowCount: values.length,
  source,
  columns: [{ kind: 'text', name: 'review', values, invalid: 0 } satisfies TextColumn],
});

describe('the drift engine on a text column', () => {
  const shift = fixture.cases.find((c) => c.name === 'topic shift') as (typeof fixture.cases)[number];

  it('gives the content drift as the verdict and tests every descriptor as a numeric column', () => {
    const report = new ExactDriftEngine().compare(frame(shift.reference, 'ref'), frame(shift.current, 'cur'), {
      textDescriptors: { review: { contains: { login: ['login', 'password'] } } },
    });
    const col = report.columns[0];
    const direct = textContentDrift(shift.reference, shift.current);
    expect(col).toMatchObject({ column: 'review', kind: 'text', method: 'text_content', statistic: direct.statistic, drifted: true });
    expect(col.threshold).toBe(direct.threshold);
    expect(col.text?.currentWords).toEqual(direct.currentWords);
    expect(col.text?.descriptors.map((d) => d.column)).toEqual([
      'review.length',
      'review.words',
      'review.sentences',
      'review.non_letter_share',
      'review.oov_share',
      'review.upper_share',
      'review.contains:login',
    ]);
    // Login and password words appear in the current texts far more often: that descriptor drifts.
    expect(col.text?.descriptors.find((d) => d.column === 'review.contains:login')?.drifted).toBe(true);
    // Texts of one sentence each on both sides: a constant descriptor, tested without drift.
    expect(col.text?.descriptors.find((d) => d.column === 'review.sentences')?.drifted).toBe(false);
    expect(report.dataset.testedColumns).toBe(1);
  });

  it('skips the content verdict with the reason on texts it cannot read, still testing descriptors', () => {
    const engine = new ExactDriftEngine();
    const missing = engine.compare(frame(shift.reference, 'ref'), frame([null, null, null], 'cur')).columns[0];
    expect(missing.skipped).toBe('no text on the current side (all missing)');
    expect(missing.drifted).toBe(false);
    const empty = engine.compare(frame(['', '...', '!'], 'ref'), frame(shift.current, 'cur')).columns[0];
    expect(empty.skipped).toBe('no word in the reference texts (empty or symbols only)');
    expect(empty.text?.descriptors.find((d) => d.column === 'review.length')?.skipped).toBeUndefined();
    expect(() => engine.compare(frame(shift.reference, 'ref'), frame(shift.current, 'cur'), { methods: { review: 'ks' } })).toThrow(
      /tested by text_content/,
    );
  });
});
