import type { ModelVersion } from '@driftwatch/core';

/**
 * What serves, as applications read it from the parameter: the Bedrock
 * model (ID, inference profile ARN or custom model ARN) and the prompt
 * version, with the registry's model and version they came from.
 */
export interface ChampionValue {
  /** The registry's model name. */
  readonly model: string;
  /** The registry's version. */
  readonly version: string;
  /** The Bedrock model to call: the version's `metadata.modelId` when a string, else its `artifactUri`. */
  readonly modelId: string;
  /** The prompt version to use: the version's `metadata.promptVersion` when a string or number, else absent. */
  readonly promptVersion?: string;
}

/** The value a version is written as. */
export function championValue(version: ModelVersion): ChampionValue {
  const modelId = version.metadata.modelId;
  const prompt = version.metadata.promptVersion;
  return {
    model: version.model,
    version: version.version,
    modelId: typeof modelId === 'string' && modelId.length > 0 ? modelId : version.artifactUri,
    ...((typeof prompt === 'string' || typeof prompt === 'number') && { promptVersion: String(prompt) }),
  };
}

/**
 * The model and version a written value names, or undefined when the text is
 * not a value of this shape (written by hand or by something else).
 */
export function parseChampionValue(text: string | undefined): Pick<ChampionValue, 'model' | 'version'> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { model, version } = value as Record<string, unknown>;
    return typeof model === 'string' && typeof version === 'string' ? { model, version } : undefined;
  } catch {
    return undefined;
  }
}
