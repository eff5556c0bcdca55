import type { ChampionReferenceConfig, MonitorConfig } from '../config/driftwatchConfigSchema.js';
import type { SourceSpec } from '../pipeline/SourceSpec.js';
import type { RetrainingBundle } from './RetrainingBundle.js';

/** The data a monitor's run compares against, and the config path (or the version) that names it. */
export interface ResolvedReference {
  readonly spec: SourceSpec;
  readonly configPath: string;
}

/**
 * A monitor's reference for this run: its `reference:` source as written, or — for
 * `reference: { from: champion, initial }` — the data (holdout rows and the version's own
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
  if (!('from' in reference)) return { spec: reference, configPath: at };
  const { initial } = reference as ChampionReferenceConfig;
  const bundle = bundles.get(monitor.name);
  const champion = bundle ? await bundle.registry.champion(bundle.config.model ?? monitor.name) : undefined;
  const recorded = champion?.metadata.reference;
  if (champion && typeof recorded === 'string' && recorded !== '')
    return { spec: { path: recorded }, configPath: `${at} (the data champion version ${champion.version} was validated on)` };
  return { spec: initial, configPath: `${at}.initial` };
}
