// The demo's scripted Bedrock models, served by the wire-level Bedrock Runtime server of
// @driftwatch/plugin-aws-bedrock/testing: the champion (Claude 3 Haiku's ID) quietly degrades week
// by week (`degradingModel`), the challenger (Claude 3.5 Haiku's ID) is better but not perfect
// (it fumbles a few items of its own), the judge follows its rubric deterministically.

/** The Bedrock model IDs the demo's server answers to. */
export const modelIds = {
  champion: 'anthropic.claude-3-haiku-20240307-v1:0',
  challenger: 'anthropic.claude-3-5-haiku-20241022-v1:0',
  judge: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
};

const weekMs = 7 * 24 * 3600 * 1000;

/** FNV-1a, 32 bits, seeded: the position of a prompt in [0, 2^32). */
function fnv1a(text, seed) {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The models for `startBedrockRuntimeServer({ models })`.
 * - champion: right at `start` except 2% of the prompts; 4% more go wrong each week (refusals or
 *   long, vague half-answers; latency +10% a week) — `degradingModel` of the testing export;
 * - challenger: right except about 4% of the prompts (by another hash than the champion's, so a
 *   few items the champion gets right, it gets wrong), which it answers with the first half only.
 */
export function demoModels(testing, { answers, start }) {
  const champion = testing.degradingModel({ answers, start, baseErrorRate: 0.02, weeklyDegradation: 0.04, baseLatencyMs: 420 });
  const challenger = (request, _callIndex, clock) => {
    const prompt = testing.lastUserText(request);
    const right = answers[prompt];
    const latencyMs = 380 + Math.round((clock.now() - start) / weekMs);
    if (right === undefined) return { text: "I don't know.", latencyMs };
    if (fnv1a(prompt, 0x2545f491) / 4294967296 < 0.04) {
      const words = right.split(' ');
      return { text: words.slice(0, Math.ceil(words.length / 2)).join(' '), latencyMs };
    }
    return { text: right, latencyMs };
  };
  return { [modelIds.champion]: champion, [modelIds.challenger]: challenger, [modelIds.judge]: testing.rubricJudge() };
}
