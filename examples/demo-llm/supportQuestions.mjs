// The support assistant's questions and reference answers, generated deterministically: a seeded
// PRNG fills templates per topic (orders, refunds, accounts, shipping, billing, and the topic that
// appears in production later: subscriptions). The same arguments give the same items, byte for
// byte, on every machine (32-bit integer arithmetic only).
//
// Used by `pnpm demo:llm` (the ~100-item golden set and the weekly traffic) and by the items/s
// benchmark (bench/llm, 500 items).

/** mulberry32: a small seeded PRNG giving uniforms in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const products = [
  'wireless headphones',
  'espresso machine',
  'running shoes',
  'desk lamp',
  'phone case',
  'backpack',
  'smart watch',
  'blender',
];
const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const countries = ['Canada', 'Germany', 'Japan', 'Brazil', 'Australia', 'Mexico', 'Spain', 'Norway'];
const names = ['alex', 'sam', 'jordan', 'taylor', 'morgan', 'casey', 'riley', 'jamie'];
const plans = ['Basic', 'Plus', 'Premium', 'Family'];

/**
 * Templates per topic: each is (slots) → [question, reference answer]. The answers are the
 * "ground truth" a good assistant gives; the scripted models of the demo answer them (or not).
 */
const templates = {
  orders: [
    (s) => [
      `Where is my order ${s.order}? I placed it on ${s.day}.`,
      `Order ${s.order} ships within two business days of ${s.day}; track it under Orders, then ${s.order}, then Track package.`,
    ],
    (s) => [
      `Can I change the delivery address of order ${s.order}?`,
      `Yes, until order ${s.order} ships: open Orders, choose ${s.order}, then Change address and save the new one.`,
    ],
    (s) => [
      `How do I cancel order ${s.order} for the ${s.product}?`,
      `Open Orders, choose ${s.order} and press Cancel order; the ${s.product} is not charged if it has not shipped.`,
    ],
  ],
  refunds: [
    (s) => [
      `How long does the refund for order ${s.order} take?`,
      `The refund for order ${s.order} reaches your original payment method within five business days after the return arrives.`,
    ],
    (s) => [
      `Can I get a refund for the ${s.product} I bought on ${s.day}?`,
      `Yes: return the ${s.product} within 30 days from Orders, Return item, and the refund is issued when it arrives.`,
    ],
    (s) => [
      `My refund for ${s.order} has not arrived, what should I do?`,
      `Refunds for ${s.order} take up to five business days; after that contact support with the return label number.`,
    ],
  ],
  accounts: [
    (s) => [
      `How do I reset the password of the account ${s.email}?`,
      `Open Sign in, choose Forgot password, enter ${s.email} and follow the link we email within ten minutes.`,
    ],
    (s) => [
      `How can I change the email of my account from ${s.email}?`,
      `Open Account settings, choose Email, enter the new address and confirm the code sent to ${s.email}.`,
    ],
    (s) => [
      `How do I delete my account ${s.email}?`,
      `Open Account settings, choose Delete account and confirm; the data of ${s.email} is erased within 30 days.`,
    ],
  ],
  shipping: [
    (s) => [
      `Do you ship the ${s.product} to ${s.country}?`,
      `Yes, the ${s.product} ships to ${s.country} in seven to ten business days; duties are shown at checkout.`,
    ],
    (s) => [
      `How much is express shipping to ${s.country}?`,
      `Express shipping to ${s.country} costs 25 dollars and arrives in three business days.`,
    ],
    (s) => [
      `My ${s.product} from order ${s.order} arrived damaged, what now?`,
      `Report the damage under Orders, ${s.order}, Report a problem with a photo and we send a new ${s.product} for free.`,
    ],
  ],
  billing: [
    (s) => [
      `Why was I charged twice for order ${s.order}?`,
      `The second charge for order ${s.order} is a card hold that disappears within three business days.`,
    ],
    (s) => [
      `How do I download the invoice for order ${s.order}?`,
      `Open Orders, choose ${s.order} and press Download invoice to get the PDF.`,
    ],
    (s) => [
      `Can I pay for the ${s.product} in installments?`,
      `Yes, orders over 100 dollars such as the ${s.product} can be paid in four monthly installments at checkout.`,
    ],
  ],
  subscriptions: [
    (s) => [
      `How do I cancel my ${s.plan} subscription before ${s.day}?`,
      `Open Account settings, choose Subscriptions, select ${s.plan} and press Cancel before ${s.day}; you keep access until the period ends.`,
    ],
    (s) => [
      `Can I switch from the ${s.plan} plan to a cheaper one?`,
      `Yes: open Subscriptions, choose ${s.plan}, then Change plan; the new price applies from the next billing date.`,
    ],
    (s) => [
      `Why did my ${s.plan} subscription renew on ${s.day}?`,
      `The ${s.plan} subscription renews automatically; turn off auto renew under Subscriptions to stop the next renewal.`,
    ],
  ],
};

/** The topics of the golden set; `subscriptions` only appears in production traffic later. */
export const goldenTopics = ['orders', 'refunds', 'accounts', 'shipping', 'billing'];
export const allTopics = [...goldenTopics, 'subscriptions'];

const pick = (rng, list) => list[Math.floor(rng() * list.length)];

/**
 * `count` distinct support questions with reference answers, cycling through `topics`
 * (`{ id, prompt, reference, tags: [topic] }`), from `seed`.
 */
export function supportQuestions({ count, seed = 15, topics = goldenTopics, idPrefix = 'q' }) {
  const rng = mulberry32(seed);
  const seen = new Set();
  const items = [];
  for (let i = 0; items.length < count; i++) {
    if (i > count * 50) throw new Error(`supportQuestions: cannot make ${count} distinct questions`);
    const topic = topics[items.length % topics.length];
    const slots = {
      order: `A${100000 + Math.floor(rng() * 900000)}`,
      day: pick(rng, days),
      product: pick(rng, products),
      country: pick(rng, countries),
      email: `${pick(rng, names)}${Math.floor(rng() * 1000)}@example.com`,
      plan: pick(rng, plans),
    };
    const [prompt, reference] = pick(rng, templates[topic])(slots);
    if (seen.has(prompt)) continue;
    seen.add(prompt);
    items.push({ id: `${idPrefix}${String(items.length + 1).padStart(3, '0')}`, prompt, reference, tags: [topic] });
  }
  return items;
}

/** The items as JSON Lines (the golden-set file format of `driftwatch eval`). */
export function toJsonl(items) {
  return `${items.map((item) => JSON.stringify(item)).join('\n')}\n`;
}

/** The demo's golden set: 100 items, 20 per golden topic, seed 15. */
export function goldenSet() {
  return supportQuestions({ count: 100, seed: 15 });
}

/**
 * The production questions the demo's traffic draws from, distinct from the golden set's: 400 on
 * the golden topics and 40 on subscriptions, the topic that appears later.
 */
export function trafficPool() {
  const golden = new Set(goldenSet().map((item) => item.prompt));
  const known = supportQuestions({ count: 420, seed: 1501, idPrefix: 't' })
    .filter((item) => !golden.has(item.prompt))
    .slice(0, 400);
  const fresh = supportQuestions({ count: 40, seed: 1502, topics: ['subscriptions'], idPrefix: 's' });
  return { known, fresh };
}
