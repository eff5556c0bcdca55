import { describe, expect, it } from 'vitest';
import { degradedRefusal } from '../testing/degradingModel.js';
import { defaultRefusalPatterns, refusalDetector } from './refusalDetector.js';

describe('refusalDetector', () => {
  const isRefusal = refusalDetector();

  it('finds refusals by the default phrases, curly apostrophes included, case-insensitively', () => {
    const refusals = [
      degradedRefusal,
      'I can’t help with that.',
      'Sorry — I cannot assist with this request.',
      'As an AI, I do not have opinions.',
      'I am unable to share account details.',
      "I'm not able to provide legal advice.",
      'i must decline to answer.',
      'That would go against my guidelines.',
      'As a large language model I have no access to your order.',
    ];
    expect(refusals.map((r) => isRefusal(r, 'end_turn'))).toEqual(refusals.map(() => true));
  });

  it('does not take an apology or a "can\'t" about something else for a refusal', () => {
    const answers = [
      "I'm sorry to hear your parcel is late. Open Orders, choose the order and click Track.",
      "If you can't log in, reset your password from the sign-in page.",
      'The cannot-ship list is on the help page.',
      '',
    ];
    expect(answers.map((a) => isRefusal(a, 'end_turn'))).toEqual([false, false, false, false]);
  });

  it('counts a filtered or guardrail stop reason as a refusal whatever the text, and knows nothing without text or stop reason', () => {
    expect(isRefusal('Here is the answer', 'content_filtered')).toBe(true);
    expect(isRefusal(null, 'guardrail_intervened')).toBe(true);
    expect(isRefusal(null, 'CONTENT_FILTERED')).toBe(true);
    expect(isRefusal(null, 'end_turn')).toBe(false);
    expect(isRefusal(null, null)).toBeNull();
  });

  it('patterns replace the defaults, extraPatterns add to them, stopReasons replace theirs', () => {
    const own = refusalDetector({ patterns: ['^no\\b'], stopReasons: ['max_tokens'] });
    expect([
      own('No, thanks.', 'end_turn'),
      own(degradedRefusal, 'end_turn'),
      own('ok', 'max_tokens'),
      own('ok', 'content_filtered'),
    ]).toEqual([true, false, true, false]);
    const more = refusalDetector({ extraPatterns: ['please contact a human agent'] });
    expect([more('Please contact a human agent.', null), more(degradedRefusal, null)]).toEqual([true, true]);
    expect(defaultRefusalPatterns.length).toBeGreaterThan(3);
  });
});
