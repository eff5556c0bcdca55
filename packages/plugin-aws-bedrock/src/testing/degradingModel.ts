import { fnv1a } from './hashEmbedding.js';
import { lastUserText, type ScriptedModel } from './ScriptedModel.js';

const weekMs = 7 * 24 * 3600 * 1000;

/** Options of {@link degradingModel}. */
export interface DegradingModelOptions {
  /** The right answer for each prompt (the text of the request's last user message). */
  readonly answers: Readonly<Record<string, string>>;
  /** Epoch milliseconds at which the model is at its best. */
  readonly start: number;
  /** Share of items answered wrongly at `start`, in [0, 1]; default 0. */
  readonly baseErrorRate?: number;
  /** Share of items that additionally go wrong per week after `start`, in [0, 1]; default 0.1. */
  readonly weeklyDegradation?: number;
  /** Reported latency at `start` in ms, growing by 10% a week; default 400. */
  readonly baseLatencyMs?: number;
}

/** The refusal a degraded model gives to some items. */
export const degradedRefusal = "I'm sorry, but I can't help with that request.";

/**
 * A scripted model whose answers quietly get worse with the clock. Each prompt has a fixed
 * position u in [0, 1) (its FNV-1a hash); at time t the model errs on it when
 * u < baseErrorRate + weeklyDegradation × weeks since `start`. So the set of wrong items only
 * grows, the same items go wrong in the same week on every run, and the error share is the
 * configured one up to sampling. A wrong answer is, by another hash bit, a refusal or a longer,
 * vaguer answer that keeps only the first half of the right one (more output tokens). Latency
 * grows 10% a week. Prompts without an answer get "I don't know.".
 */
export function degradingModel(options: DegradingModelOptions): ScriptedModel {
  const base = options.baseErrorRate ?? 0;
  const perWeek = options.weeklyDegradation ?? 0.1;
  const baseLatency = options.baseLatencyMs ?? 400;
  return (request, _callIndex, clock) => {
    const prompt = lastUserText(request);
    const weeks = Math.max(0, (clock.now() - options.start) / weekMs);
    const latencyMs = Math.round(baseLatency * 1.1 ** weeks);
    const right = options.answers[prompt];
    if (right === undefined) return { text: "I don't know.", latencyMs };
    const h = fnv1a(prompt);
    const u = h / 4294967296;
    if (u >= base + perWeek * weeks) return { text: right, latencyMs };
    if ((fnv1a(prompt, 0x9e3779b9) & 1) === 0) return { text: degradedRefusal, latencyMs };
    const words = right.split(/\s+/u).filter((w) => w.length > 0);
    const kept = words.slice(0, Math.ceil(words.length / 2)).join(' ');
    return {
      text: `There are several things to consider here, and it depends on your situation. ${kept} ... you may want to check the documentation or contact support for more details.`,
      latencyMs,
    };
  };
}
