import { isChampionReference, type MonitorConfig } from '../config/driftwatchConfigSchema.js';
import type { SourceSpec } from '../pipeline/SourceSpec.js';
import type { RetrainingBundle } from './RetrainingBundle.js';

/** The data a monitor's run compares against, and the config path (or the version) that names it. */
export interface ResolvedReference {
  readonly spec: SourceSpec;
  readonly configPath: string;
}

/**
 * A monitor's reference for this run: its `reference:` source as written, or — for
 * `reference: { from: champion, initial }` — the serving version's Model Monitor baselines when
 * its registry recorded them (a `sagemaker-baseline` source), else the data (holdout rows and the version's own
 * predictions) recorded with the version that
 * serves now (its `reference` metadata, written when it was registered), `initial` while no
 * serving version has recorded data (none serves yet, or it was registered by hand).
 */
export async function resolveReference(
  monitor: MonitorConfig,
  index: number,
  bundles: ReadonlyMap<string, RetrainingBundle>,
): Promise<ResolvedReference> {
  const at = `monitors[${index}].reference`;
  const reference = monitor.reference;
  if (!isChampionReference(reference)) return { spec: reference, configPath: at };
  const { initial } = reference;
  const bundle = bundles.get(monitor.name);
  const champion = bundle ? await bundle.registry.champion(bundle.config.model ?? monitor.name) : undefined;
  // A registry that records Model Monitor baselines (SageMaker's DriftCheckBaselines, `baselineUri`) names them:
  // the serving version's training data as statistics.json + constraints.json, read with the registry's connection.
  const baseline = champion?.metadata.modelMonitorBaseline as { statistics?: unknown; constraints?: unknown } | undefined;
  if (champion && typeof baseline?.statistics === 'string' && typeof baseline.constraints === 'string') {
    const registry = (bundle?.config.registry ?? {}) as Record<string, unknown>;
    const connection = Object.fromEntries(
      ['region', 'endpoint', 'profile', 'forcePathStyle', 'maxAttempts', 'retryBaseDelayMs', 'retryMaxDelayMs']
        .filter((k) => registry[k] !== undefined)
        .map((k) => [k, registry[k]]),
    );
    return {
      spec: { type: 'sagemaker-baseline', ...connection, statistics: baseline.statistics, constraints: baseline.constraints },
      configPath: `${at} (the Model Monitor baselines of champion version ${champion.version})`,
    };
  }
  const recorded = champion?.metadata.reference;
  if (champion && typeof recorded === 'string' && recorded !== '')
    return { spec: { path: recorded }, configPath: `${at} (the data champion version ${champion.version} was validated on)` };
  return { spec: initial, configPath: `${at}.initial` };
}
