import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type Fixture, fixture, fixtureServer } from '../../__tests__/serverFixture.js';

let f: Fixture;
let app: Awaited<ReturnType<typeof fixtureServer>>['app'];

beforeAll(async () => {
  f = await fixture('server: { ingest: { maxBytes: 4KB, maxEvents: 20, queueSize: 1 }, rateLimit: { ingestPerMinute: 1000 } }\n');
  ({ app } = await fixtureServer(f));
});
afterAll(async () => {
  await app?.close();
});

const event = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `e${i}`,
  timestamp: new Date(Date.UTC(2026, 2, 1, 0, 0, i)).toISOString(),
  features: { age: 30 + i, city: 'Oslo', member: i % 2 === 0 },
  prediction: 1,
  ...extra,
});
const post = (monitor: string, payload: string | unknown, headers: Record<string, string> = {}, kind = 'events') =>
  app.inject({
    method: 'POST',
    url: `/api/v1/monitors/${monitor}/${kind}`,
    headers: { ...bearer('ingest'), ...headers },
    payload: payload as string,
  });
const all = (monitor: string) => f.store.events().read(monitor, { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' });

describe('event ingestion', () => {
  it('stores a JSON array of events: 202 with the count', async () => {
    const r = await post('customers', [event(1), event(2)]);
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json()).toEqual({ stored: 2, duplicate: false });
    const stored = await all('customers');
    expect(stored.map((e) => [e.id, e.timestamp, e.features.age])).toEqual([
      ['e1', '2026-03-01T00:00:01.000Z', 31],
      ['e2', '2026-03-01T00:00:02.000Z', 32],
    ]);
  });

  it('stores NDJSON (blank lines skipped); an event without a timestamp gets the receive time', async () => {
    const body = `${JSON.stringify(event(3))}\n\n${JSON.stringify({ id: 'e4', features: { age: null, city: 7 } })}\n`;
    const r = await post('steady', body, { 'content-type': 'application/x-ndjson' });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json()).toEqual({ stored: 2, duplicate: false });
    const stored = await all('steady');
    expect(stored.map((e) => e.id)).toEqual(['e3', 'e4']);
    expect(Date.parse(stored[1]!.timestamp)).toBeGreaterThan(Date.parse('2026-03-01T00:00:00Z'));
  });

  it('a bad record: one 400 naming the first bad record (index, NDJSON line) and field; nothing stored', async () => {
    const before = await f.store.events().count('steady');
    const lines = [
      JSON.stringify(event(5)),
      '',
      JSON.stringify(event(6, { features: { age: 'forty' } })),
      JSON.stringify(event(7, { features: { city: {} } })),
    ];
    const r = await post('steady', lines.join('\n'), { 'content-type': 'application/x-ndjson' });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toEqual({
      type: 'https://driftwatch.dev/problems/invalid-batch',
      title: 'Invalid batch',
      status: 400,
      detail: 'nothing stored: record 1 (line 3): features.age: expected a number or null, got "forty"',
      instance: '/api/v1/monitors/steady/events',
      errors: [{ index: 1, line: 3, field: 'features.age', message: 'expected a number or null, got "forty"' }],
    });
    expect(await f.store.events().count('steady')).toBe(before);
  });

  it.each([
    [[event(1, { features: { salary: 3 } })], 'features.salary', 'not a feature column of the monitor (columns: id, age, city, member)'],
    [[event(1, { features: { label: 1 } })], 'features.label', 'not a feature column'],
    [[event(1, { features: { member: 'yes' } })], 'features.member', 'expected true, false or null, got "yes"'],
    [[event(1), event(2, { timestamp: 'yesterday' })], 'timestamp', 'expected an ISO-8601 time'],
    [[event(1, { probabilities: [0.2, 1.5] })], 'probabilities', 'expected numbers in [0, 1]'],
    [[event(1, { score: 1 })], 'score', 'unknown field'],
    [[event(1, { features: [1, 2] })], 'features', 'expected an object'],
  ])('rejects %j at %s', async (batch, field, message) => {
    const r = await post('customers', batch);
    expect(r.statusCode).toBe(400);
    const issue = r.json().errors[0];
    expect(issue.field).toBe(field);
    expect(issue.message).toContain(message);
    expect(issue.line).toBeUndefined();
  });

  it('a JSON body that is not an array, and broken NDJSON, are 400s', async () => {
    expect((await post('customers', { features: {} })).json().errors[0].message).toContain('must be a JSON array');
    const broken = await post('customers', `${JSON.stringify(event(1))}\n{"features": `, { 'content-type': 'application/x-ndjson' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors[0]).toMatchObject({ index: 1, line: 2 });
    expect(broken.json().errors[0].message).toMatch(/^not JSON/);
  });

  it('413 past server.ingest.maxBytes (JSON and NDJSON) and past maxEvents records', async () => {
    const big = Array.from({ length: 19 }, (_, i) => event(i, { features: { city: 'x'.repeat(300) } }));
    const tooBig = await post('customers', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().type).toBe('https://driftwatch.dev/problems/payload-too-large');
    const tooBigNd = await post('customers', big.map((e) => JSON.stringify(e)).join('\n'), { 'content-type': 'application/x-ndjson' });
    expect(tooBigNd.statusCode).toBe(413);
    const many = Array.from({ length: 21 }, (_, i) => ({ features: { age: i } }));
    const tooMany = await post('customers', many);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().detail).toBe('21 records in one batch: at most 20 (server.ingest.maxEvents)');
  });

  it('415 for another content type', async () => {
    const r = await post('customers', 'a,b\n1,2', { 'content-type': 'text/csv' });
    expect(r.statusCode).toBe(415);
    expect(r.json().type).toBe('https://driftwatch.dev/problems/unsupported-media-type');
  });

  it('Idempotency-Key: a retried batch is stored once and says duplicate', async () => {
    const batch = [event(40), event(41), event(42)];
    const first = await post('customers', batch, { 'idempotency-key': 'batch-40' });
    expect(first.json()).toEqual({ stored: 3, duplicate: false });
    const count = await f.store.events().count('customers');
    const again = await post('customers', batch, { 'idempotency-key': 'batch-40' });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ stored: 0, duplicate: true });
    expect(await f.store.events().count('customers')).toBe(count);
  });

  it('404 for an unknown monitor', async () => {
    const r = await post('nope', [event(1)]);
    expect(r.statusCode).toBe(404);
    expect(r.json().detail).toBe('no monitor "nope" (monitors: customers, steady)');
  });

  it('429 with Retry-After when the write queue is full; nothing of the refused batch is stored', async () => {
    const events = f.store.events();
    const original = events.appendEvents.bind(events);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    events.appendEvents = async (...args) => {
      await gate;
      return original(...args);
    };
    try {
      const slow = post('steady', [event(50)]);
      // Let the first batch reach the queue (queueSize 1).
      await new Promise((r) => setTimeout(r, 50));
      const refused = await post('steady', [event(51)]);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.json().type).toBe('https://driftwatch.dev/problems/too-many-requests');
      release();
      expect((await slow).statusCode).toBe(202);
    } finally {
      events.appendEvents = original;
    }
    const ids = (await all('steady')).map((e) => e.id);
    expect(ids).toContain('e50');
    expect(ids).not.toContain('e51');
  });
});

describe('label ingestion', () => {
  it('joins late labels to events by id; bad labels are one 400', async () => {
    await post('customers', [event(60), event(61)]);
    const r = await post(
      'customers',
      [
        { id: 'e60', label: 1 },
        { id: 'e61', label: 0 },
      ],
      {},
      'labels',
    );
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json()).toEqual({ stored: 2, duplicate: false });
    const byId = new Map((await all('customers')).map((e) => [e.id, e.label]));
    expect([byId.get('e60'), byId.get('e61')]).toEqual([1, 0]);
    const bad = await post('customers', '{"id":"e1","label":1}\n{"label":1}', { 'content-type': 'application/x-ndjson' }, 'labels');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toEqual({
      index: 1,
      line: 2,
      field: 'id',
      message: 'expected a non-empty string or a number, got undefined',
    });
  });
});
