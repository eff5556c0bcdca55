import { UsageError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { Adwin } from './Adwin.js';
import { Cusum } from './Cusum.js';
import { Ddm } from './Ddm.js';
import { describeRange } from './DetectorParam.js';
import { Eddm } from './Eddm.js';
import { HddmA } from './HddmA.js';
import { HddmW } from './HddmW.js';
import { Kswin } from './Kswin.js';
import { PageHinkley } from './PageHinkley.js';
import { paramProblem } from './resolveParams.js';
import { parseDetectorParams, streamingDetector, streamingDetectors } from './streamingDetectors.js';

/** river's defaults, from the signatures of the classes listed in gen_streaming.py. */
const RIVER_DEFAULTS: Record<string, Record<string, unknown>> = {
  adwin: { delta: 0.002, clock: 32, max_buckets: 5, min_window_length: 5, grace_period: 10 },
  ddm: { warm_start: 30, warning_threshold: 2.0, drift_threshold: 3.0 },
  eddm: { warm_start: 30, alpha: 0.95, beta: 0.9 },
  hddm_a: { drift_confidence: 0.001, warning_confidence: 0.005, two_sided_test: false },
  hddm_w: { drift_confidence: 0.001, warning_confidence: 0.005, lambda_val: 0.05, two_sided_test: false },
  kswin: { alpha: 0.005, window_size: 100, stat_size: 30, seed: null },
  page_hinkley: { min_instances: 30, delta: 0.005, threshold: 50.0, alpha: 1 - 0.0001, mode: 'both' },
  cusum: { min_instances: 30, slack: 0.5, threshold: 5.0, mode: 'both' },
};

describe('streamingDetectors registry', () => {
  it('lists the eight CLI names, each with river’s parameter names and defaults', () => {
    expect(Object.keys(streamingDetectors)).toEqual(['adwin', 'ddm', 'eddm', 'hddm_a', 'hddm_w', 'kswin', 'page_hinkley', 'cusum']);
    for (const [name, entry] of Object.entries(streamingDetectors)) {
      expect(entry.name).toBe(name);
      expect(Object.fromEntries(entry.params.map((p) => [p.name, p.default]))).toEqual(RIVER_DEFAULTS[name]);
      for (const p of entry.params) {
        expect(p.description.length).toBeGreaterThan(10);
        if (p.default !== null) expect(paramProblem(p, p.default), `${name}.${p.name}`).toBeNull();
      }
    }
  });

  it('builds detectors of the right class with the defaults applied', () => {
    const classes = {
      adwin: Adwin,
      ddm: Ddm,
      eddm: Eddm,
      hddm_a: HddmA,
      hddm_w: HddmW,
      kswin: Kswin,
      page_hinkley: PageHinkley,
      cusum: Cusum,
    };
    for (const [name, cls] of Object.entries(classes)) {
      const det = streamingDetector(name).create();
      expect(det).toBeInstanceOf(cls);
      expect([det.driftDetected, det.warningDetected]).toEqual([false, false]);
    }
    expect((streamingDetectors.adwin.create({ delta: 0.1 }) as Adwin).delta).toBe(0.1);
    expect((streamingDetectors.adwin.create() as Adwin).clock).toBe(32);
  });

  it('rejects an unknown detector with the known names', () => {
    expect(() => streamingDetector('adwn')).toThrow(
      new UsageError('unknown streaming detector "adwn" (known: adwin, ddm, eddm, hddm_a, hddm_w, kswin, page_hinkley, cusum)'),
    );
    expect(() => streamingDetector('toString')).toThrow(UsageError);
  });

  it('describes ranges for help text', () => {
    const adwin = streamingDetectors.adwin.params;
    expect(adwin.map(describeRange)).toEqual(['in (0, 1)', 'integer >= 1', 'integer in [1, 1024]', 'integer >= 1', 'integer >= 0']);
    expect(describeRange(streamingDetectors.cusum.params[3])).toBe('up | down | both');
    expect(describeRange(streamingDetectors.hddm_a.params[2])).toBe('true | false');
  });
});

describe('parseDetectorParams (CLI --param name=value)', () => {
  it('parses numbers, integers, booleans and enums into constructor options', () => {
    expect(parseDetectorParams('adwin', ['delta=0.01', 'clock=16', 'grace_period=0'])).toEqual({ delta: 0.01, clock: 16, gracePeriod: 0 });
    expect(parseDetectorParams('hddm_w', ['two_sided_test=true', 'lambda_val=1'])).toEqual({ twoSidedTest: true, lambdaVal: 1 });
    expect(parseDetectorParams('page_hinkley', ['mode=up', 'threshold=1e2'])).toEqual({ mode: 'up', threshold: 100 });
    expect(parseDetectorParams('kswin', ['seed=42'])).toEqual({ seed: 42 });
    expect(parseDetectorParams('ddm', [])).toEqual({});
  });

  it('rejects an unknown parameter, listing the valid ones with types, ranges and defaults', () => {
    expect(() => parseDetectorParams('adwin', ['delt=0.1'])).toThrow(
      'adwin: unknown parameter "delt" (valid: delta (number, in (0, 1), default 0.002); clock (integer, integer >= 1, default 32); ' +
        'max_buckets (integer, integer in [1, 1024], default 5); min_window_length (integer, integer >= 1, default 5); ' +
        'grace_period (integer, integer >= 0, default 10))',
    );
  });

  it.each([
    ['adwin', 'delta=0', 'adwin: delta must be in (0, 1), got 0'],
    ['adwin', 'delta=1', 'adwin: delta must be in (0, 1), got 1'],
    ['adwin', 'delta=abc', 'adwin: delta must be a number (in (0, 1)), got "abc"'],
    ['adwin', 'delta=', 'adwin: delta must be a number (in (0, 1)), got ""'],
    ['adwin', 'clock=2.5', 'adwin: clock must be an integer (integer >= 1), got 2.5'],
    ['adwin', 'clock=0', 'adwin: clock must be integer >= 1, got 0'],
    ['adwin', 'delta=Infinity', 'adwin: delta must be a finite number (in (0, 1)), got Infinity'],
    ['ddm', 'warm_start=-1', 'ddm: warm_start must be integer >= 0, got -1'],
    ['ddm', 'drift_threshold=0', 'ddm: drift_threshold must be > 0, got 0'],
    ['eddm', 'beta=1.2', 'eddm: beta must be in (0, 1], got 1.2'],
    ['hddm_a', 'two_sided_test=yes', 'hddm_a: two_sided_test must be true or false, got "yes"'],
    ['hddm_w', 'lambda_val=0', 'hddm_w: lambda_val must be in (0, 1], got 0'],
    ['page_hinkley', 'mode=sideways', 'page_hinkley: mode must be one of up | down | both, got sideways'],
    ['page_hinkley', 'alpha=1.01', 'page_hinkley: alpha must be in (0, 1], got 1.01'],
    ['cusum', 'slack=-0.5', 'cusum: slack must be >= 0, got -0.5'],
    ['cusum', 'min_instances=0', 'cusum: min_instances must be integer >= 1, got 0'],
    ['kswin', 'seed=1.5', 'kswin: seed must be an integer (integer in [0, 9007199254740991]), got 1.5'],
  ])('%s %s', (name, assignment, message) => {
    expect(() => parseDetectorParams(name, [assignment])).toThrow(new UsageError(message));
  });

  it('rejects malformed and repeated assignments and cross-parameter conflicts', () => {
    expect(() => parseDetectorParams('adwin', ['delta'])).toThrow(/^adwin: --param "delta" is not name=value \(valid: delta/);
    expect(() => parseDetectorParams('adwin', ['=0.1'])).toThrow(/is not name=value/);
    expect(() => parseDetectorParams('adwin', ['delta=0.1', 'delta=0.2'])).toThrow('adwin: parameter delta given twice');
    expect(() => parseDetectorParams('eddm', ['alpha=0.8', 'beta=0.9'])).toThrow('eddm: alpha (0.8) must be >= beta (0.9)');
    expect(() => parseDetectorParams('kswin', ['window_size=40'])).toThrow(
      /kswin: window_size \(40\) must be at least 2 × stat_size \(30\)/,
    );
    expect(() => parseDetectorParams('nope', ['delta=1'])).toThrow(/unknown streaming detector "nope"/);
  });
});

describe('detector constructors check their options', () => {
  it('rejects unknown option keys and wrong types, naming the detector', () => {
    expect(() => new Adwin({ delta: 0.5, deltaa: 1 } as never)).toThrow(
      'adwin: unknown option "deltaa" (valid: delta, clock, maxBuckets, minWindowLength, gracePeriod)',
    );
    expect(() => new HddmA({ twoSidedTest: 'true' as never })).toThrow('hddm_a: two_sided_test must be true or false, got true');
    expect(() => new PageHinkley({ threshold: Number.NaN })).toThrow(/page_hinkley: threshold must be a finite number/);
    expect(() => new Cusum({ mode: 'UP' as never })).toThrow(UsageError);
    expect(() => new Ddm({ warmStart: 1.5 })).toThrow(UsageError);
    expect(() => new HddmW({ driftConfidence: 1 })).toThrow(UsageError);
    expect(() => new Eddm({ alpha: 0.5, beta: 0.6 })).toThrow(UsageError);
  });

  it('takes undefined options as the defaults', () => {
    expect(new Adwin({ delta: undefined }).delta).toBe(0.002);
    expect(new Kswin({ seed: null, windowSize: 60 }).windowSize).toBe(60);
  });
});
