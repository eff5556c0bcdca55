import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, type MetricPoint } from '@driftwatch/core';
import { writeFileAtomic } from '@driftwatch/data';
import { attachedModelMonitorBaseline, evaluateModelMonitorConstraints, modelMonitorStatisticsOf } from '@driftwatch/drift';
import type { MonitorExtension } from './MonitorExtension.js';

/** Names of the points a run against a Model Monitor baseline publishes, per baseline feature (dimension `feature`). */
export const modelMonitorPointNames = {
  /** Share of rows with a value (Model Monitor's `feature_non_null_<feature>`). */
  nonNull: 'modelmonitor.non_null',
  /** The baseline drift distance as the constraints define it (`feature_baseline_drift_<feature>`); dimension `method` says which. */
  baselineDrift: 'modelmonitor.baseline_drift',
  /** Count, sum, minimum and maximum of a numeric feature's present values (`feature_data_<feature>`'s SampleCount, Sum, Minimum, Maximum). */
  dataCount: 'modelmonitor.data.count',
  dataSum: 'modelmonitor.data.sum',
  dataMin: 'modelmonitor.data.min',
  dataMax: 'modelmonitor.data.max',
  /** Model Monitor's violations of the run, in total and per check type (dimension `check`). */
  violations: 'modelmonitor.violations',
} as const;

/**
 * Runs Model Monitor's checks when a monitor's reference is a Model Monitor baseline
 * (`type: sagemaker-baseline`) on the current data's columns less those the monitor's schema
 * sets aside (`ignore`, `id`, `timestamp`, `target`, `prediction`, `proba`) unless the baseline
 * has them: the result gets a `modelMonitor` section (violations and
 * per-feature figures), the run publishes the per-feature figures Model Monitor publishes
 * (unless the constraints' `emit_metrics` is `Disabled`) and, when the source names an
 * `output` folder, writes `constraint_violations.json` and the current data's `statistics.json`
 * there, each atomically.
 */
export function modelMonitorExtension(): MonitorExtension {
  return async ({ monitor, reference, current, currentColumnNames, report }) => {
    const baseline = attachedModelMonitorBaseline(reference);
    if (!baseline) return undefined;
    // Columns the monitor's schema sets aside (ignored, ids, times, the model's outputs and labels)
    // are not the dataset's features: unless the baseline has them, they are no extra columns.
    const baselineNames = new Set(baseline.constraints.features.map((f) => f.name));
    const { schema } = monitor;
    const aside = new Set(
      [...schema.ignore, schema.id, schema.timestamp, schema.target, schema.prediction, schema.proba].filter(
        (n): n is string => n !== undefined && !baselineNames.has(n),
      ),
    );
    const names = (currentColumnNames ?? current.columns.map((c) => c.name)).filter((n) => !aside.has(n));
    const evaluation = evaluateModelMonitorConstraints({
      statistics: baseline.statistics,
      constraints: baseline.constraints,
      current,
      currentColumnNames: names,
    });
    // The drift points' time: one run, one timestamp.
    const timestamp = report.generatedAt;
    const points: MetricPoint[] = [];
    const point = (name: string, value: number, dimensions: Record<string, string>, unit: MetricPoint['unit'] = 'None') => {
      if (Number.isFinite(value)) points.push({ name, value, unit, timestamp, dimensions });
    };
    if (evaluation.emitMetrics) {
      for (const f of evaluation.features) {
        point(modelMonitorPointNames.nonNull, f.completeness, { feature: f.name });
        if (f.distance !== undefined)
          point(modelMonitorPointNames.baselineDrift, f.distance, { feature: f.name, method: f.distanceMethod! });
        if (f.data) {
          point(modelMonitorPointNames.dataCount, f.data.sampleCount, { feature: f.name }, 'Count');
          point(modelMonitorPointNames.dataSum, f.data.sum, { feature: f.name });
          point(modelMonitorPointNames.dataMin, f.data.min, { feature: f.name });
          point(modelMonitorPointNames.dataMax, f.data.max, { feature: f.name });
        }
      }
    }
    point(modelMonitorPointNames.violations, evaluation.violations.length, {}, 'Count');
    const byCheck = new Map<string, number>();
    for (const v of evaluation.violations) byCheck.set(v.constraint_check_type, (byCheck.get(v.constraint_check_type) ?? 0) + 1);
    for (const [check, count] of byCheck) point(modelMonitorPointNames.violations, count, { check }, 'Count');

    let written: string[] = [];
    if (baseline.outputDir) {
      const dir = baseline.outputDir;
      const files: [string, unknown][] = [
        ['constraint_violations.json', { violations: evaluation.violations }],
        ['statistics.json', modelMonitorStatisticsOf(current)],
      ];
      try {
        await mkdir(dir, { recursive: true });
        for (const [name, body] of files) await writeFileAtomic(join(dir, name), `${JSON.stringify(body, null, 2)}\n`);
      } catch (cause) {
        throw new InputError('INPUT_UNREADABLE', `cannot write Model Monitor output to ${dir}: ${(cause as Error).message}`, {
          cause,
          location: { file: dir },
        });
      }
      written = files.map(([name]) => join(dir, name));
    }
    return {
      sections: {
        modelMonitor: {
          baseline: baseline.source,
          violations: evaluation.violations,
          features: evaluation.features,
          ...(written.length > 0 ? { written } : {}),
        },
      },
      points,
    };
  };
}
