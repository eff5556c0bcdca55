import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateDatumBytes, estimateRequestOverheadBytes } from './estimateDatumBytes.js';
import { splitBatches } from './splitBatches.js';

/** The datum as the AWS query protocol encodes it at member index `n` (form encoding, as the SDK's query serializer). */
function queryBytes(d: MetricDatum, n: number): number {
  const p = new URLSearchParams();
  const pre = `MetricData.member.${n}.`;
  p.set(`${pre}MetricName`, d.MetricName!);
  (d.Dimensions ?? []).forEach((dim, j) => {
    p.set(`${pre}Dimensions.member.${j + 1}.Name`, dim.Name!);
    p.set(`${pre}Dimensions.member.${j + 1}.Value`, dim.Value!);
  });
  p.set(`${pre}Timestamp`, (d.Timestamp as Date).toISOString());
  p.set(`${pre}Value`, String(d.Value));
  if (d.Unit) p.set(`${pre}Unit`, d.Unit);
  if (d.StorageResolution) p.set(`${pre}StorageResolution`, String(d.StorageResolution));
  // encodeURIComponent is the stricter encoding (URLSearchParams writes spaces as "+").
  return [...p].map(([k, v]) => `&${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('').length;
}

/** The datum as the AWS JSON protocol encodes it (timestamps as epoch seconds). */
function jsonBytes(d: MetricDatum): number {
  return Buffer.byteLength(`${JSON.stringify({ ...d, Timestamp: (d.Timestamp as Date).getTime() / 1000 })},`);
}

const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 300 });
const datum = fc.record({
  MetricName: text,
  Dimensions: fc.array(fc.record({ Name: text, Value: text }), { maxLength: 30 }),
  Timestamp: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  Value: fc.double({ noNaN: true, noDefaultInfinity: true }),
  Unit: fc.constantFrom('None', 'Count', 'Percent', 'Seconds', 'Milliseconds'),
  StorageResolution: fc.constantFrom(undefined, 1),
});

describe('estimateDatumBytes', () => {
  it('is an upper bound of the query and JSON encodings, at any member index up to 1000', () => {
    fc.assert(
      fc.property(datum, fc.integer({ min: 1, max: 1000 }), (d, n) => {
        const estimate = estimateDatumBytes(d as MetricDatum);
        expect(estimate).toBeGreaterThanOrEqual(queryBytes(d as MetricDatum, n));
        expect(estimate).toBeGreaterThanOrEqual(jsonBytes(d as MetricDatum));
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it('copes with strings that cannot be percent-encoded (lone surrogates)', () => {
    const d: MetricDatum = { MetricName: 'm', Dimensions: [{ Name: 'feature', Value: 'a\uD800b' }], Timestamp: new Date(0), Value: 1 };
    expect(estimateDatumBytes(d)).toBeGreaterThanOrEqual(jsonBytes(d));
  });

  it('is not wildly pessimistic for a typical drift point', () => {
    const d: MetricDatum = {
      MetricName: 'drift.score',
      Dimensions: [
        { Name: 'feature', Value: 'income' },
        { Name: 'method', Value: 'psi' },
      ],
      Timestamp: new Date('2026-11-27T00:00:00Z'),
      Value: 0.123456789,
      Unit: 'None',
    };
    expect(estimateDatumBytes(d)).toBeLessThan(queryBytes(d, 1) * 1.5);
  });

  it('bounds the request overhead in both encodings', () => {
    const ns = 'aws/sagemaker/Endpoints/data-metrics';
    expect(estimateRequestOverheadBytes(ns)).toBeGreaterThanOrEqual(
      `Action=PutMetricData&Version=2010-08-01&Namespace=${encodeURIComponent(ns)}`.length,
    );
    expect(estimateRequestOverheadBytes(ns)).toBeGreaterThanOrEqual(JSON.stringify({ Namespace: ns, MetricData: [] }).length);
  });
});

describe('splitBatches', () => {
  it('keeps order and respects both the item and byte limits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 500, max: 5000 }),
        (sizes, maxItems, maxBytes) => {
          const batches = splitBatches(sizes, (s) => s, maxItems, maxBytes, 10);
          expect(batches.flat()).toEqual(sizes);
          for (const b of batches) {
            expect(b.length).toBeGreaterThan(0);
            expect(b.length).toBeLessThanOrEqual(maxItems);
            // Only an item over the budget on its own may exceed it, alone.
            if (b.length > 1 || 10 + b[0] <= maxBytes) expect(10 + b.reduce((a, s) => a + s, 0)).toBeLessThanOrEqual(maxBytes);
          }
          // Greedy: no batch could have taken the next batch's first item.
          for (let i = 0; i + 1 < batches.length; i++) {
            const b = batches[i];
            const fits = b.length < maxItems && 10 + b.reduce((a, s) => a + s, 0) + batches[i + 1][0] <= maxBytes;
            expect(fits).toBe(false);
          }
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('puts an item larger than the budget alone in its batch', () => {
    expect(splitBatches([5, 100, 5], (s) => s, 10, 50, 0)).toEqual([[5], [100], [5]]);
    expect(splitBatches([], (s: number) => s, 10, 50, 0)).toEqual([]);
  });
});
