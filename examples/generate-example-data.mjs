#!/usr/bin/env node
// Writes examples/data/reference.csv and current.csv: a small customer table
// where the current month drifts in income, plan mix and session length.
// Deterministic (seeded xorshift), so the committed files can be regenerated.
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
  const pick = (items, weights) => {
    let u = next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) if ((u -= weights[i]) <= 0) return items[i];
    return items[items.length - 1];
  };
  return { next, normal, pick };
}

function table(seed, rows, drift) {
  const r = rng(seed);
  const lines = ['customer_id,age,income,tenure_months,sessions_per_week,avg_session_minutes,city,plan,has_mobile_app,support_tickets'];
  for (let i = 0; i < rows; i++) {
    const age = Math.max(18, Math.round(40 + 12 * r.normal()));
    const income = Math.round(Math.exp(10.6 + (drift ? 0.25 : 0) + 0.45 * r.normal()));
    const tenure = Math.floor(r.next() * 72);
    const sessions = Math.max(0, 5 + 2 * r.normal()).toFixed(2);
    const minutes = Math.max(0.5, (drift ? 14 : 12) + 4 * r.normal()).toFixed(2);
    const city = r.pick(['Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Adelaide'], [35, 30, 18, 10, 7]);
    const plan = r.pick(['free', 'basic', 'pro'], drift ? [40, 35, 25] : [55, 33, 12]);
    const app = r.next() < 0.62 ? 'true' : 'false';
    const tickets = r.next() < 0.03 ? '' : String(Math.floor(-Math.log(r.next()) * 1.2));
    lines.push([1000000 + i + (drift ? rows : 0), age, income, tenure, sessions, minutes, city, plan, app, tickets].join(','));
  }
  return `${lines.join('\n')}\n`;
}

writeFileSync(join(out, 'reference.csv'), table(20261127, 5000, false));
writeFileSync(join(out, 'current.csv'), table(20261128, 5000, true));
console.log(`wrote ${join(out, 'reference.csv')} and current.csv`);
