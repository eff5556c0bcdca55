import { UsageError } from '@driftwatch/core';
import { Adwin, adwinParams } from './Adwin.js';
import { Cusum, cusumParams } from './Cusum.js';
import { Ddm, ddmParams } from './Ddm.js';
import type { DetectorParam } from './DetectorParam.js';
import { describeRange } from './DetectorParam.js';
import { Eddm, eddmParams } from './Eddm.js';
import { HddmA, hddmAParams } from './HddmA.js';
import { HddmW, hddmWParams } from './HddmW.js';
import { Kswin, kswinParams } from './Kswin.js';
import { PageHinkley, pageHinkleyParams } from './PageHinkley.js';
import { paramProblem } from './resolveParams.js';
import type { StreamingDetector } from './StreamingDetector.js';

/** CLI names of the streaming detectors. */
export type StreamingDetectorName = 'adwin' | 'ddm' | 'eddm' | 'hddm_a' | 'hddm_w' | 'kswin' | 'page_hinkley' | 'cusum';

/** Parameter values keyed by option name (camelCase), as the detectors' constructors take them. */
export type StreamingDetectorOptions = Record<string, number | boolean | string>;

/** One entry of {@link streamingDetectors}. */
export interface StreamingDetectorEntry {
  /** CLI name. */
  readonly name: StreamingDetectorName;
  /** One-line description. */
  readonly title: string;
  /** The river class it reproduces. */
  readonly reference: string;
  /** What the values mean: any finite number, 0/1 errors, or a value in [0, 1] (1 = error). */
  readonly input: 'numeric' | 'binary' | 'unit';
  /** Whether the detector has a warning zone. */
  readonly warnings: boolean;
  /** Parameters with river's names, defaults and valid ranges. */
  readonly params: readonly DetectorParam[];
  /** Builds a detector; missing options take river's defaults; invalid ones throw `UsageError`. */
  create(options?: StreamingDetectorOptions): StreamingDetector;
}

/** Every streaming detector by CLI name, with its factory and parameter table. */
export const streamingDetectors: Readonly<Record<StreamingDetectorName, StreamingDetectorEntry>> = {
  adwin: {
    name: 'adwin',
    title: 'ADWIN: adaptive window, Hoeffding-style bound on the means of two sub-windows',
    reference: 'river.drift.ADWIN',
    input: 'numeric',
    warnings: false,
    params: adwinParams,
    create: (o) => new Adwin(o),
  },
  ddm: {
    name: 'ddm',
    title: 'DDM: error rate plus its standard deviation against their minimum',
    reference: 'river.drift.binary.DDM',
    input: 'binary',
    warnings: true,
    params: ddmParams,
    create: (o) => new Ddm(o),
  },
  eddm: {
    name: 'eddm',
    title: 'EDDM: distance between consecutive errors against its maximum',
    reference: 'river.drift.binary.EDDM',
    input: 'binary',
    warnings: true,
    params: eddmParams,
    create: (o) => new Eddm(o),
  },
  hddm_a: {
    name: 'hddm_a',
    title: "HDDM_A: Hoeffding's bound on moving averages",
    reference: 'river.drift.binary.HDDMA',
    input: 'unit',
    warnings: true,
    params: hddmAParams,
    create: (o) => new HddmA(o),
  },
  hddm_w: {
    name: 'hddm_w',
    title: "HDDM_W: McDiarmid's bound on exponentially weighted averages",
    reference: 'river.drift.binary.HDDMW',
    input: 'unit',
    warnings: true,
    params: hddmWParams,
    create: (o) => new HddmW(o),
  },
  kswin: {
    name: 'kswin',
    title: 'KSWIN: Kolmogorov–Smirnov test between the newest values and a sample of older ones',
    reference: 'river.drift.KSWIN',
    input: 'numeric',
    warnings: false,
    params: kswinParams,
    create: (o) => new Kswin(o),
  },
  page_hinkley: {
    name: 'page_hinkley',
    title: 'Page-Hinkley: cumulative deviation from the running mean',
    reference: 'river.drift.PageHinkley',
    input: 'numeric',
    warnings: false,
    params: pageHinkleyParams,
    create: (o) => new PageHinkley(o),
  },
  cusum: {
    name: 'cusum',
    title: 'CUSUM: tabular two-sided cumulative sums against a warm-up reference',
    reference: 'river.drift.CUSUM',
    input: 'numeric',
    warnings: false,
    params: cusumParams,
    create: (o) => new Cusum(o),
  },
};

function knownNames(): string {
  return Object.keys(streamingDetectors).join(', ');
}

/** The registry entry for a CLI name; `UsageError` listing the known names otherwise. */
export function streamingDetector(name: string): StreamingDetectorEntry {
  if (!Object.hasOwn(streamingDetectors, name)) {
    throw new UsageError(`unknown streaming detector "${name}" (known: ${knownNames()})`);
  }
  return streamingDetectors[name as StreamingDetectorName];
}

function validParams(entry: StreamingDetectorEntry): string {
  return entry.params.map((p) => `${p.name} (${p.type}, ${describeRange(p)}, default ${String(p.default)})`).join('; ');
}

/**
 * Parses CLI assignments (`['delta=0.002', 'clock=16']`, each the value of a
 * `--param`) against a detector's table into constructor options. Throws
 * `UsageError` for an unknown detector or parameter, a missing `=`, a repeated
 * parameter, a value of the wrong type or out of range; each message names the
 * detector and lists the valid parameters with their ranges.
 */
export function parseDetectorParams(name: string, assignments: readonly string[]): StreamingDetectorOptions {
  const entry = streamingDetector(name);
  const out: StreamingDetectorOptions = {};
  const given = new Set<string>();
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(`${name}: --param "${a}" is not name=value (valid: ${validParams(entry)})`);
    const key = a.slice(0, eq).trim();
    const raw = a.slice(eq + 1).trim();
    const p = entry.params.find((q) => q.name === key);
    if (!p) throw new UsageError(`${name}: unknown parameter "${key}" (valid: ${validParams(entry)})`);
    if (given.has(key)) throw new UsageError(`${name}: parameter ${key} given twice`);
    given.add(key);
    let value: number | boolean | string;
    if (p.type === 'boolean') {
      if (raw !== 'true' && raw !== 'false') throw new UsageError(`${name}: ${key} must be true or false, got "${raw}"`);
      value = raw === 'true';
    } else if (p.type === 'enum') {
      value = raw;
    } else {
      // Number('') is 0 and Number(' ') too: reject blanks explicitly.
      value = raw === '' ? Number.NaN : Number(raw);
      if (Number.isNaN(value)) throw new UsageError(`${name}: ${key} must be a number (${describeRange(p)}), got "${raw}"`);
    }
    const problem = paramProblem(p, value);
    if (problem) throw new UsageError(`${name}: ${key} ${problem}`);
    out[p.option] = value;
  }
  // Cross-parameter rules are the constructor's: build once so they fail here, at the edge.
  entry.create(out);
  return out;
}
