import { ProviderError } from '@driftwatch/core';
import { gcpProvider } from '../errors/gcpProviderError.js';

/**
 * The project to write to: the configured one, else the one the client's
 * credentials chain finds (GOOGLE_CLOUD_PROJECT, the key file, gcloud, the
 * metadata server). Fails with a ProviderError that says how to set it.
 */
export async function resolveProjectId(configured: string | undefined, client: { getProjectId(): Promise<string> }): Promise<string> {
  if (configured !== undefined) return configured;
  try {
    const id = await client.getProjectId();
    if (typeof id === 'string' && id.length > 0) return id;
  } catch (cause) {
    throw new ProviderError(gcpProvider, 'GetProjectId', 'no project id: set `projectId` or GOOGLE_CLOUD_PROJECT', { cause });
  }
  throw new ProviderError(gcpProvider, 'GetProjectId', 'no project id: set `projectId` or GOOGLE_CLOUD_PROJECT');
}
