// The retraining demo's data set: a weekly customer-churn table whose production half drifts.
// Deterministic: a seeded mulberry32 generator, so the same seed gives the same bytes.
//
// Reference: 8 weekly windows from Monday 2026-01-05; production: the next 8 weeks; about 600
// rows a week, sorted by event_at. From production week 3 on (ramping in over three weeks) the
// inputs drift (monthly_charges rise, the plan mix moves to premium, support_calls rise, newer
// customers) and the concept changes: support calls and charges weigh more on churn, tenure
// protects less, and premium, which used to churn least, now churns most (a competitor's
// cheaper premium plan). A model fitted on the reference then misses churners in the late
// production weeks; one refitted with the labelled production rows catches them.

/** Column order of the demo CSVs. */
export const DEMO_COLUMNS = Object.freeze([
  'customer_id',
  'event_at',
  'tenure_months',
  'monthly_charges',
  'support_calls',
  'plan',
  'region',
  'churned',
]);

/** Seed of the committed demo (any 32-bit integer gives a data set of the same shape). */
export const DEMO_SEED = 20260105;

const START_MS = Date.UTC(2026, 0, 5); // Monday 2026-01-05
const WEEK_MS = 7 * 24 * 3600 * 1000;
const WEEKS = 8;
const PLANS = ['basic', 'standard', 'premium'];
const REGIONS = ['north', 'south', 'east', 'west'];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampler(seed) {
  const next = mulberry32(seed);
  const uniform = () => next();
  // Box–Muller; 1 - u keeps the logarithm finite.
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const pick = (items, weights) => {
    let total = 0;
    for (const w of weights) total += w;
    let u = next() * total;
    for (let i = 0; i < items.length; i++) if ((u -= weights[i]) < 0) return items[i];
    return items[items.length - 1];
  };
  // Knuth's method; the rates here are small.
  const poisson = (rate) => {
    const limit = Math.exp(-rate);
    let k = 0;
    let prod = next();
    while (prod > limit) {
      k++;
      prod *= next();
    }
    return k;
  };
  return { uniform, normal, pick, poisson };
}

const lerp = (a, b, s) => a + (b - a) * s;

/** How far week `w` (0-based from the first reference week) has drifted: 0 until production week 3, then 1/3, 2/3, 1. */
export function driftLevel(w) {
  const productionWeek = w - WEEKS + 1;
  return productionWeek < 3 ? 0 : Math.min(1, (productionWeek - 2) / 3);
}

/**
 * One demo row. `monthly_charges` and `support_calls` are `null` when missing (about 1.5 % and
 * 2 % of rows), written as empty fields.
 *
 * @typedef {{ customer_id: number, event_at: string, tenure_months: number, monthly_charges: number | null,
 *   support_calls: number | null, plan: string, region: string, churned: 0 | 1 }} DemoRow
 */

/**
 * Generates the demo data set.
 *
 * @param {{ seed?: number, rowsPerWeek?: number, laterWeeks?: number }} [options] seed (default
 *   {@link DEMO_SEED}), the mean number of rows a week (default 600; each week varies by ±5 %) and
 *   the number of weeks after production, as drifted as its last ones (default 0; the earlier weeks
 *   are the same whatever it is)
 * @returns {{ reference: DemoRow[], production: DemoRow[], later: DemoRow[] }} each sorted by event_at
 */
export function generateDemoData({ seed = DEMO_SEED, rowsPerWeek = 600, laterWeeks = 0 } = {}) {
  const r = sampler(seed);
  const weeks = [];
  let customerId = 100001;
  for (let w = 0; w < 2 * WEEKS + laterWeeks; w++) {
    const s = driftLevel(w);
    const count = Math.round(rowsPerWeek * (0.95 + 0.1 * r.uniform()));
    const offsets = [];
    for (let i = 0; i < count; i++) offsets.push(Math.floor(r.uniform() * (WEEK_MS / 1000)));
    offsets.sort((a, b) => a - b);
    const rows = [];
    for (const offset of offsets) {
      const plan = r.pick(PLANS, [lerp(0.5, 0.27, s), lerp(0.33, 0.33, s), lerp(0.17, 0.4, s)]);
      const region = r.pick(REGIONS, [0.3, 0.25, 0.25, 0.2]);
      const tenure = Math.min(72, Math.floor(-Math.log(1 - r.uniform()) * lerp(22, 17, s)));
      const base = plan === 'basic' ? 35 : plan === 'standard' ? 65 : 99;
      const charges = Math.max(10, base * (1 + 0.12 * s) + 9 * r.normal());
      const calls = r.poisson(lerp(1.1, 1.9, s) * (tenure < 6 ? 1.4 : 1));
      // The concept: churn log-odds, moving from the reference's to the drifted one with s.
      const logit =
        lerp(-0.85, -3.8, s) +
        lerp(-0.045, -0.02, s) * tenure +
        lerp(0.012, 0.05, s) * (charges - 60) +
        lerp(0.3, 1.2, s) * (calls - 1) +
        (plan === 'basic' ? lerp(0.25, 0, s) : plan === 'premium' ? lerp(-0.5, 1.0, s) : 0) +
        (region === 'south' ? 0.2 : 0);
      const churned = r.uniform() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
      const missingCharges = r.uniform() < 0.015;
      const missingCalls = r.uniform() < 0.02;
      rows.push({
        customer_id: customerId++,
        event_at: new Date(START_MS + w * WEEK_MS + offset * 1000).toISOString().replace('.000Z', 'Z'),
        tenure_months: tenure,
        monthly_charges: missingCharges ? null : Math.round(charges * 100) / 100,
        support_calls: missingCalls ? null : calls,
        plan,
        region,
        churned,
      });
    }
    weeks.push(rows);
  }
  return {
    reference: weeks.slice(0, WEEKS).flat(),
    production: weeks.slice(WEEKS, 2 * WEEKS).flat(),
    later: weeks.slice(2 * WEEKS).flat(),
  };
}

/** The demo rows as CSV text (header {@link DEMO_COLUMNS}, LF line ends, missing values empty, charges with two decimals). */
export function demoRowsToCsv(rows) {
  let out = DEMO_COLUMNS.join(',') + '\n';
  for (const row of rows) {
    out += `${row.customer_id},${row.event_at},${row.tenure_months},${row.monthly_charges === null ? '' : row.monthly_charges.toFixed(2)},`;
    out += `${row.support_calls ?? ''},${row.plan},${row.region},${row.churned}\n`;
  }
  return out;
}
