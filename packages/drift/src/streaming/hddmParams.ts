import type { DetectorParam } from './DetectorParam.js';

/** The parameters HDDM_A and HDDM_W share, with river's names, defaults and ranges. */
export const hddmSharedParams = {
  driftConfidence: {
    name: 'drift_confidence',
    option: 'driftConfidence',
    type: 'number',
    default: 0.001,
    min: 0,
    minExclusive: true,
    max: 1,
    maxExclusive: true,
    description: 'Confidence of the drift test (smaller: fewer, surer drifts); also sets the cut-point bound.',
  },
  warningConfidence: {
    name: 'warning_confidence',
    option: 'warningConfidence',
    type: 'number',
    default: 0.005,
    min: 0,
    minExclusive: true,
    max: 1,
    maxExclusive: true,
    description: 'Confidence of the warning test.',
  },
  twoSidedTest: {
    name: 'two_sided_test',
    option: 'twoSidedTest',
    type: 'boolean',
    default: false,
    description: 'Also flag decreases of the mean (default: increases only).',
  },
} as const satisfies Record<string, DetectorParam>;
