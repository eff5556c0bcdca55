import { randomBytes } from 'node:crypto';
import { copyFile, cp, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  InputError,
  isInputError,
  isProviderError,
  isStateError,
  type ModelRegistry,
  type ModelVersion,
  type ModelVersionStatus,
  type NewModelVersion,
  ProviderError,
  StateError,
} from '@driftwatch/core';
import { writeFileAtomic } from '@driftwatch/data';
import { FileLock } from '../store/FileLock.js';
import { readJsonFile } from '../store/readJsonFile.js';

/** Options of {@link FolderModelRegistry} besides its folder. */
export interface FolderModelRegistryOptions {
  /** Receives warnings about repaired state (left-over copies, taken-over locks). Default: stderr. */
  readonly warn?: (message: string) => void;
  /** Clock in epoch ms, for timestamps and lock expiry. Default `Date.now`. */
  readonly now?: () => number;
  /** How long a lock holds before another process may take it over, ms. Default 60 000. */
  readonly lockTtlMs?: number;
  /** How long to wait for a lock another process holds, ms. Default 30 000. */
  readonly lockWaitMs?: number;
}

/** `registry.json`: every version of one model, the champion among them, and the idempotency keys. */
interface RegistryFile {
  readonly formatVersion: 1;
  readonly model: string;
  readonly versions: ModelVersion[];
  /** Registration key → version. */
  readonly keys: Record<string, string>;
}

const provider = 'folder';
const statuses: ReadonlySet<string> = new Set(['candidate', 'champion', 'retired', 'rejected', 'deploy-failed']);

/**
 * A model registry in a folder: `<path>/<model>/registry.json` lists the
 * versions and their status, and is the one source of truth, rewritten
 * atomically, so making a version champion and retiring the previous one is
 * one write. `register` copies the trained artifact into
 * `<path>/<model>/versions/<n>/` (to a temporary folder first, then renamed)
 * and records that folder as the version's `artifactUri`; a `version.json`
 * beside the artifact describes it for people.
 *
 * Read-modify-write runs under a lock file (`registry.lock`, created with
 * `O_EXCL`, with an expiry), so a `driftwatch models promote` and a
 * retraining cannot interleave. A `registry.json` that cannot be read is
 * reported and never overwritten.
 */
export class FolderModelRegistry implements ModelRegistry {
  readonly type = provider;
  readonly root: string;
  readonly #warn: (message: string) => void;
  readonly #now: () => number;
  readonly #lockTtlMs: number;
  readonly #lockWaitMs: number;

  constructor(root: string, options: FolderModelRegistryOptions = {}) {
    this.root = root;
    this.#warn = options.warn ?? ((m) => process.stderr.write(`driftwatch: warning: ${m}\n`));
    this.#now = options.now ?? Date.now;
    this.#lockTtlMs = options.lockTtlMs ?? 60_000;
    this.#lockWaitMs = options.lockWaitMs ?? 30_000;
  }

  async register(version: NewModelVersion): Promise<ModelVersion> {
    const source = localPath(version.artifactUri);
    const modelDir = this.#modelDir(version.model);
    return this.#withLock(version.model, 'register', async () => {
      const registry = (await this.#read(version.model)) ?? { formatVersion: 1, model: version.model, versions: [], keys: {} };
      const existing = version.key === undefined ? undefined : registry.keys[version.key];
      if (existing !== undefined) {
        const found = registry.versions.find((v) => v.version === existing);
        if (found) return found;
      }
      const info = await stat(source).catch(() => undefined);
      if (!info)
        throw new InputError('INPUT_NOT_FOUND', `${source}: no such artifact to register for model ${version.model}`, {
          location: { file: source },
        });
      const versionsDir = join(modelDir, 'versions');
      await mkdir(versionsDir, { recursive: true });
      await this.#removeLeftOvers(versionsDir);
      const number = registry.versions.reduce((max, v) => Math.max(max, Number(v.version) || 0), 0) + 1;
      const target = join(versionsDir, String(number));
      const registered: ModelVersion = {
        model: version.model,
        version: String(number),
        artifactUri: target,
        status: 'candidate',
        createdAt: new Date(this.#now()).toISOString(),
        metadata: version.metadata,
      };
      const tmp = join(versionsDir, `.${number}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        if (info.isDirectory()) await cp(source, tmp, { recursive: true, errorOnExist: true });
        else {
          await mkdir(tmp);
          await copyFile(source, join(tmp, basename(source)));
        }
        await writeFileAtomic(join(tmp, 'version.json'), versionJson(registered, source));
        if (await exists(target)) {
          // Copied by a register that crashed before recording it: nothing refers to it.
          await rm(target, { recursive: true, force: true });
          this.#warn(`removed ${target}, copied by an interrupted registration but never recorded`);
        }
        await rename(tmp, target);
      } catch (error) {
        await rm(tmp, { recursive: true, force: true });
        throw error;
      }
      await this.#write({
        ...registry,
        versions: [...registry.versions, registered],
        keys: version.key === undefined ? registry.keys : { ...registry.keys, [version.key]: registered.version },
      });
      return registered;
    });
  }

  async list(model: string): Promise<ModelVersion[]> {
    const registry = await this.#guard('list', () => this.#read(model));
    if (!registry) return [];
    for (const version of registry.versions) await this.#checkFolder(version);
    return registry.versions;
  }

  async get(model: string, version: string): Promise<ModelVersion | undefined> {
    const registry = await this.#guard('get', () => this.#read(model));
    const found = registry?.versions.find((v) => v.version === version);
    if (found) await this.#checkFolder(found);
    return found;
  }

  async champion(model: string): Promise<ModelVersion | undefined> {
    const registry = await this.#guard('champion', () => this.#read(model));
    const found = registry?.versions.find((v) => v.status === 'champion');
    if (found) await this.#checkFolder(found);
    return found;
  }

  async setStatus(model: string, version: string, status: ModelVersionStatus, reason?: string): Promise<ModelVersion> {
    return this.#withLock(model, 'setStatus', async () => {
      const registry = await this.#read(model);
      const target = registry?.versions.find((v) => v.version === version);
      if (!registry || !target)
        throw new InputError(
          'INPUT_NOT_FOUND',
          `model ${model} has no version "${version}" in ${this.#registryFile(model)} (versions: ${registry?.versions.map((v) => v.version).join(', ') || 'none'})`,
        );
      if (target.status === status) return target;
      if (status === 'champion') await this.#checkFolder(target);
      const at = new Date(this.#now()).toISOString();
      const changed: ModelVersion[] = [];
      const versions = registry.versions.map((v) => {
        let next = v;
        if (v.version === version) next = { ...v, status, statusChangedAt: at, statusReason: reason };
        else if (status === 'champion' && v.status === 'champion')
          next = { ...v, status: 'retired', statusChangedAt: at, statusReason: `replaced by version ${version}` };
        if (next !== v) changed.push(next);
        return next;
      });
      await this.#write({ ...registry, versions });
      for (const v of changed) {
        const file = join(v.artifactUri, 'version.json');
        const copiedFrom = await readFile(file, 'utf8').then(
          (text) => (JSON.parse(text) as { copiedFrom?: string }).copiedFrom,
          () => undefined,
        );
        await writeFileAtomic(file, versionJson(v, copiedFrom)).catch((error) =>
          this.#warn(`cannot update ${file}: ${(error as Error).message}`),
        );
      }
      return changed.find((v) => v.version === version)!;
    });
  }

  #modelDir(model: string): string {
    if (!/^[\w.-]+$/.test(model) || model === '.' || model === '..')
      throw new InputError('INPUT_INVALID_VALUE', `model name "${model}" cannot name a folder (letters, digits, ".", "_", "-")`);
    return join(this.root, model);
  }

  #registryFile(model: string): string {
    return join(this.#modelDir(model), 'registry.json');
  }

  /** The registry of a model, `undefined` when it has none; a file that is not one is a {@link StateError}. */
  #read(model: string): Promise<RegistryFile | undefined> {
    return readJsonFile(this.#registryFile(model), {
      what: 'model registry',
      remedy: 'restore it from a backup or move it away to start a new registry',
      check: (value) => checkRegistry(value, model),
    });
  }

  async #write(registry: RegistryFile): Promise<void> {
    await writeFileAtomic(this.#registryFile(registry.model), `${JSON.stringify(registry, null, 2)}\n`);
  }

  async #checkFolder(version: ModelVersion): Promise<void> {
    if (
      await stat(version.artifactUri).then(
        (s) => s.isDirectory(),
        () => false,
      )
    )
      return;
    throw new StateError(
      'STATE_CORRUPT',
      `${version.artifactUri}: the folder of version ${version.version} of model ${version.model} is gone; restore it, or remove version ${version.version} from ${this.#registryFile(version.model)}`,
    );
  }

  /** Removes copies left by registrations that crashed (we hold the lock: no copy is in progress). */
  async #removeLeftOvers(versionsDir: string): Promise<void> {
    for (const name of await readdir(versionsDir)) {
      if (!name.startsWith('.') || !name.endsWith('.tmp')) continue;
      await rm(join(versionsDir, name), { recursive: true, force: true });
      this.#warn(`removed ${join(versionsDir, name)}, left over by an interrupted registration`);
    }
  }

  async #withLock<T>(model: string, operation: string, fn: () => Promise<T>): Promise<T> {
    const lock = new FileLock(join(this.#modelDir(model), 'registry.lock'), { now: this.#now, warn: this.#warn });
    const owner = `${process.pid}.${randomBytes(6).toString('hex')}`;
    await this.#guard(operation, async () => {
      if (await lock.acquire(owner, this.#lockTtlMs, this.#lockWaitMs)) return;
      const held = await lock.holder();
      throw new StateError(
        'STATE_CONFLICT',
        `${lock.file} is held by ${held ? `process ${held.pid}` : 'another process'}: another registry change is running; try again, or remove the file if none is`,
      );
    });
    try {
      return await this.#guard(operation, fn);
    } finally {
      await lock.release(owner);
    }
  }

  async #guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isStateError(error) || isProviderError(error) || isInputError(error)) throw error;
      throw new ProviderError(provider, operation, `${this.root}: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** A local path from an artifact URI: a path or a `file:` URL. */
function localPath(uri: string): string {
  if (uri.startsWith('file:')) return fileURLToPath(uri);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri))
    throw new InputError('INPUT_INVALID_VALUE', `the folder registry copies local artifacts; "${uri}" is not a local path`);
  return resolve(uri);
}

function checkRegistry(value: unknown, model: string): RegistryFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  const r = value as RegistryFile;
  if (r.formatVersion !== 1) throw new Error(`unknown formatVersion ${JSON.stringify(r.formatVersion)}`);
  if (r.model !== model) throw new Error(`it is the registry of model ${JSON.stringify(r.model)}, not ${model}`);
  if (!Array.isArray(r.versions)) throw new Error('"versions" is not a list');
  if (typeof r.keys !== 'object' || r.keys === null || Array.isArray(r.keys)) throw new Error('"keys" is not an object');
  let champions = 0;
  for (const [i, v] of r.versions.entries()) {
    if (typeof v?.version !== 'string' || typeof v.artifactUri !== 'string') throw new Error(`versions[${i}] lacks version or artifactUri`);
    if (!statuses.has(v.status)) throw new Error(`versions[${i}] has unknown status ${JSON.stringify(v.status)}`);
    if (v.status === 'champion') champions += 1;
  }
  if (champions > 1) throw new Error(`${champions} versions are champion`);
  return r;
}

function versionJson(version: ModelVersion, copiedFrom?: string): string {
  return `${JSON.stringify({ ...version, ...(copiedFrom === undefined ? {} : { copiedFrom }) }, null, 2)}\n`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
