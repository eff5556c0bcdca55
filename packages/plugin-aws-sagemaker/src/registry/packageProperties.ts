import type { ModelVersionStatus } from '@driftwatch/core';

/** Keys of the CustomerMetadataProperties Driftwatch keeps on a model package. */
export const propertyKeys = {
  status: 'driftwatch:status',
  key: 'driftwatch:key',
  model: 'driftwatch:model',
  statusChangedAt: 'driftwatch:statusChangedAt',
  statusReason: 'driftwatch:statusReason',
} as const;

/** Prefix of the metadata entries (`meta:<name>`). */
export const metadataPrefix = 'meta:';

// SageMaker's limits: at most 50 properties, keys of 1–128 characters of
// letters, digits, spaces and `_.:/=+-@`, values of at most 256 characters.
const maxProperties = 50;
const maxValueLength = 256;
const keyPattern = /[^\p{L}\p{N}\p{Z}_.:/=+\-@]/gu;

const statuses: readonly ModelVersionStatus[] = ['candidate', 'champion', 'retired', 'rejected', 'deploy-failed'];

/** The status a package's properties record, if any. */
export function recordedStatus(properties: Readonly<Record<string, string>> | undefined): ModelVersionStatus | undefined {
  const value = properties?.[propertyKeys.status];
  return statuses.includes(value as ModelVersionStatus) ? (value as ModelVersionStatus) : undefined;
}

/**
 * Metadata as customer metadata properties: strings as they are, other
 * values as JSON. Entries SageMaker cannot hold (a value over 256
 * characters, beyond 50 properties) are left out and their names listed
 * under `driftwatch:omitted`.
 */
export function metadataProperties(metadata: Readonly<Record<string, unknown>>, reserved: number): Record<string, string> {
  const out: Record<string, string> = {};
  const omitted: string[] = [];
  let room = maxProperties - reserved - 1;
  for (const [name, value] of Object.entries(metadata)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const key = `${metadataPrefix}${name}`.replace(keyPattern, '_').slice(0, 128);
    if (text === undefined || text.length > maxValueLength || room <= 0) {
      omitted.push(name);
      continue;
    }
    out[key] = text;
    room--;
  }
  if (omitted.length > 0) out['driftwatch:omitted'] = omitted.join(',').slice(0, maxValueLength);
  return out;
}

/** The metadata entries of properties (values as strings, as stored). */
export function propertiesMetadata(properties: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (key.startsWith(metadataPrefix)) out[key.slice(metadataPrefix.length)] = value;
  }
  return out;
}

/** Cuts a property value to SageMaker's 256 characters. */
export function propertyValue(text: string): string {
  return text.length <= maxValueLength ? text : `${text.slice(0, maxValueLength - 1)}…`;
}
