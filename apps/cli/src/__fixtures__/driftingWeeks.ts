/**
 * Deterministic test data for chunked checks: a reference of 4 weeks and a
 * current set of 6 ISO weeks (2026-W06 … 2026-W11) where `income` moves by
 * 1.5 standard deviations from 2026-W09 on and `plan` gains an unseen
 * category "enterprise" in 2026-W11. `age` never drifts. Rows are shuffled, and
 * the current set has rows without a timestamp.
 */

/** mulberry32 uniforms and Box–Muller normals: the same files on every run. */
function random(seed: number): { uniform: () => number; normal: () => number } {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { uniform, normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()) };
}

const day = 86_400_000;

function weeks(seed: number, firstMonday: string, count: number, rowsPerWeek: number, drift: (week: number) => boolean, blankTs: number) {
  const rnd = random(seed);
  const lines: string[] = [];
  const row = (ts: string) => {
    const w = ts === '' ? 0 : Math.floor((Date.parse(ts) - Date.parse(`${firstMonday}T00:00:00Z`)) / (7 * day));
    const income = 50_000 + 12_000 * (rnd.normal() + (drift(w) ? 1.5 : 0));
    const age = Math.round(40 + 12 * rnd.normal());
    const u = rnd.uniform();
    const plan = w === count - 1 && drift(w) && u < 0.3 ? 'enterprise' : ['basic', 'plus', 'pro'][Math.floor(rnd.uniform() * 3)];
    return `${ts},${income.toFixed(2)},${age},${plan}`;
  };
  for (let w = 0; w < count; w++) {
    for (let i = 0; i < rowsPerWeek; i++) {
      const t = Date.parse(`${firstMonday}T00:00:00Z`) + w * 7 * day + Math.floor(rnd.uniform() * 7 * day);
      lines.push(row(new Date(t).toISOString().replace('.000Z', 'Z')));
    }
  }
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(rnd.uniform() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  for (let i = 0; i < blankTs; i++) lines.splice(1 + i * 7, 0, row(''));
  return `ts,income,age,plan\n${lines.join('\n')}\n`;
}

/** The reference CSV: 2026-W02 … W05, 600 rows a week, no drift. */
export function referenceWeeksCsv(): string {
  return weeks(11, '2026-01-05', 4, 600, () => false, 0);
}

/** The current CSV: 2026-W06 … W11, 800 rows a week, drift from W09; 4 rows without a timestamp. */
export function currentWeeksCsv(): string {
  return weeks(12, '2026-02-02', 6, 800, (w) => w >= 3, 4);
}
