import type { ModelRegistry, ModelVersion, ModelVersionStatus, NewModelVersion } from '@driftwatch/core';
import { ProviderError } from '@driftwatch/core';

/**
 * A {@link ModelRegistry} in memory, for tests of code that registers and
 * promotes model versions. Versions are numbered `1`, `2`, … per model (as the
 * local folder registry does), registering twice with one key returns the
 * first version, and making a version `champion` retires the previous one.
 * Records are copied in and out, as a registry that serialises them would.
 */
export class InMemoryModelRegistry implements ModelRegistry {
  readonly type: string;
  /** Versions per model, oldest first. */
  readonly versions = new Map<string, ModelVersion[]>();
  /** Every status change, in order: what a test asserts promotions and rejections against. */
  readonly statusChanges: {
    readonly model: string;
    readonly version: string;
    readonly status: ModelVersionStatus;
    readonly reason?: string;
  }[] = [];
  readonly #keys = new Map<string, string>();
  readonly #now: () => Date;

  constructor(options: { readonly type?: string; readonly now?: () => Date } = {}) {
    this.type = options.type ?? 'memory';
    this.#now = options.now ?? (() => new Date());
  }

  async register(version: NewModelVersion): Promise<ModelVersion> {
    const keyed = version.key === undefined ? undefined : this.#keys.get(`${version.model}\u0000${version.key}`);
    if (keyed !== undefined) return structuredClone(this.#find(version.model, keyed, 'register'));
    const versions = this.versions.get(version.model) ?? [];
    const registered: ModelVersion = {
      model: version.model,
      version: String(versions.length + 1),
      artifactUri: version.artifactUri,
      status: 'candidate',
      createdAt: this.#now().toISOString(),
      metadata: structuredClone(version.metadata),
    };
    versions.push(registered);
    this.versions.set(version.model, versions);
    if (version.key !== undefined) this.#keys.set(`${version.model}\u0000${version.key}`, registered.version);
    return structuredClone(registered);
  }

  async list(model: string): Promise<ModelVersion[]> {
    return structuredClone(this.versions.get(model) ?? []);
  }

  async get(model: string, version: string): Promise<ModelVersion | undefined> {
    const found = this.versions.get(model)?.find((v) => v.version === version);
    return found && structuredClone(found);
  }

  async champion(model: string): Promise<ModelVersion | undefined> {
    const found = this.versions.get(model)?.find((v) => v.status === 'champion');
    return found && structuredClone(found);
  }

  async setStatus(model: string, version: string, status: ModelVersionStatus, reason?: string): Promise<ModelVersion> {
    const target = this.#find(model, version, 'setStatus');
    const versions = this.versions.get(model) ?? [];
    const index = versions.indexOf(target);
    const at = this.#now().toISOString();
    const changed = (v: ModelVersion, s: ModelVersionStatus, why?: string): ModelVersion => ({
      ...v,
      status: s,
      statusChangedAt: at,
      ...(why === undefined ? {} : { statusReason: why }),
    });
    if (status === 'champion') {
      for (let i = 0; i < versions.length; i++) {
        const v = versions[i];
        if (v.status === 'champion' && v.version !== version) {
          const why = `replaced by version ${version}`;
          versions[i] = changed(v, 'retired', why);
          this.statusChanges.push({ model, version: v.version, status: 'retired', reason: why });
        }
      }
    }
    const updated = changed(target, status, reason);
    versions[index] = updated;
    this.statusChanges.push({ model, version, status, ...(reason === undefined ? {} : { reason }) });
    return structuredClone(updated);
  }

  #find(model: string, version: string, operation: string): ModelVersion {
    const found = this.versions.get(model)?.find((v) => v.version === version);
    if (!found) throw new ProviderError(this.type, operation, `model ${model} has no version ${version}`);
    return found;
  }
}
