#!/usr/bin/env node
// Writes examples/data/scored-reference.csv and scored-current.csv: the outputs
// of a churn classifier, with its inputs, a timestamp, the score, the predicted
// label and the true label. The reference covers 8 weeks of 2026 (the model's
// test period); the current data 8 later weeks in which the inputs drift
// (covariate shift: more short-tenure, high-ticket customers), so churn rises
// and the model's accuracy falls while P(churn | inputs) stays the same, which
// is what label-free estimation (CBPE) assumes. Labels of the last two current
// weeks have not arrived yet (empty). Deterministic: seeded xorshift.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), 'data');

function rng(seed) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
  return { next, normal };
}

const week = 7 * 86_400_000;
const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/** `weeks` weeks from `start`; `shift(w)` in [0, 1] moves the inputs in week w; labels blank from week `unlabelledFrom`. */
function table(seed, start, weeks, rowsPerWeek, shift, unlabelledFrom = weeks) {
  const r = rng(seed);
  const lines = ['customer_id,ts,tenure_months,support_tickets,monthly_spend,plan,churn_score,churn_predicted,churned'];
  let id = seed * 100_000;
  for (let w = 0; w < weeks; w++) {
    const s = shift(w);
    for (let i = 0; i < rowsPerWeek; i++) {
      const ts = new Date(Date.parse(start) + w * week + Math.floor(r.next() * week)).toISOString().slice(0, 19).concat('Z');
      const tenure = Math.max(0, Math.round(30 - 18 * s + 14 * r.normal()));
      const tickets = Math.max(0, Math.round(1 + 2.5 * s + 1.2 * r.normal()));
      const spend = Math.max(5, 60 + 25 * r.normal()).toFixed(2);
      const plan = r.next() < 0.5 - 0.2 * s ? 'pro' : r.next() < 0.6 ? 'basic' : 'free';
      // The true churn probability depends on the inputs only (no concept drift).
      const z = -1.2 - 0.06 * (tenure - 30) + 0.55 * (tickets - 1) + (plan === 'free' ? 0.4 : plan === 'pro' ? -0.3 : 0);
      const p = sigmoid(z);
      // The model is a little over-confident: its logit is stretched by 1.3.
      const score = sigmoid(1.3 * z + 0.15 * r.normal());
      const churned = r.next() < p ? 1 : 0;
      const label = w >= unlabelledFrom ? '' : String(churned);
      lines.push(`${id++},${ts},${tenure},${tickets},${spend},${plan},${score.toFixed(4)},${score >= 0.5 ? 1 : 0},${label}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

writeFileSync(
  join(out, 'scored-reference.csv'),
  table(11, '2026-01-05T00:00:00Z', 8, 600, () => 0),
);
writeFileSync(
  join(out, 'scored-current.csv'),
  table(12, '2026-03-02T00:00:00Z', 8, 600, (w) => Math.max(0, (w - 2) / 5), 6),
);
