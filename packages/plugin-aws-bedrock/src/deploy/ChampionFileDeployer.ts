import { appendFile, readFile } from 'node:fs/promises';
import { type Deployer, type DeploymentContext, type DeploymentResult, InputError, type ModelVersion } from '@driftwatch/core';
import { writeFileAtomic } from '@driftwatch/data';
import { championValue, parseChampionValue } from './championValue.js';

/**
 * The offline twin of the `ssm-parameter` deployer: writes the champion
 * (see {@link championValue}) as JSON to a local file applications read,
 * atomically (temporary file and rename). Before a value is replaced it is
 * appended to `<path>.history.jsonl`, one value per line, which rollback
 * reads as SSM's parameter history: it restores the newest value that named
 * the target version, byte for byte, or writes the target fresh. Deploying
 * the version the file names already writes nothing.
 */
export class ChampionFileDeployer implements Deployer {
  readonly type = 'champion-file';
  readonly #path: string;

  /** `path` is absolute (the plugin resolves it against the config's folder). */
  constructor(path: string) {
    this.#path = path;
  }

  async deploy(version: ModelVersion, context: DeploymentContext = {}): Promise<DeploymentResult> {
    context.signal?.throwIfAborted();
    const current = await this.current();
    if (names(current, version)) return { status: 'deployed' };
    await this.#replace(current, `${JSON.stringify(championValue(version))}\n`);
    return { status: 'deployed' };
  }

  async rollback(to: ModelVersion, context: DeploymentContext = {}): Promise<DeploymentResult> {
    context.signal?.throwIfAborted();
    const current = await this.current();
    if (names(current, to)) return { status: 'deployed' };
    const history = (await readText(this.historyPath)) ?? '';
    const lines = history.split('\n').filter((line) => line.length > 0);
    let kept: string | undefined;
    for (let i = lines.length - 1; i >= 0 && kept === undefined; i--) {
      // A history line is a JSON string holding the value as it was written.
      const value = JSON.parse(lines[i]!) as unknown;
      if (typeof value !== 'string') {
        throw new InputError('INPUT_BAD_JSON', `${this.historyPath}:${i + 1}: not a JSON string (a value this deployer wrote)`, {
          location: { file: this.historyPath, line: i + 1 },
        });
      }
      if (names(value, to)) kept = value;
    }
    await this.#replace(current, kept ?? `${JSON.stringify(championValue(to))}\n`);
    return { status: 'deployed' };
  }

  /** The file's text now, or undefined when it does not exist yet. */
  current(): Promise<string | undefined> {
    return readText(this.#path);
  }

  /** Where replaced values are kept. */
  get historyPath(): string {
    return `${this.#path}.history.jsonl`;
  }

  /** Keeps `current` in the history, then writes `text` as the whole file. */
  async #replace(current: string | undefined, text: string): Promise<void> {
    if (current !== undefined) await appendFile(this.historyPath, `${JSON.stringify(current)}\n`);
    await writeFileAtomic(this.#path, text);
  }
}

/** Whether a written value names this version of this model (a trailing newline is ignored). */
function names(value: string | undefined, version: ModelVersion): boolean {
  const named = parseChampionValue(value?.trimEnd());
  return named !== undefined && named.model === version.model && named.version === version.version;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
