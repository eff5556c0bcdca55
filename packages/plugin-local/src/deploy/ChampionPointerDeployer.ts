import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Deployer,
  type DeploymentContext,
  type DeploymentResult,
  formatDuration,
  type ModelVersion,
  ProviderError,
} from '@driftwatch/core';
import { writeFileAtomic } from '@driftwatch/data';
import { type CommandOutcome, runCommand } from '../process/runCommand.js';
import { parseServingPointer, type ServingPointer, servingPointerFile } from './readServingPointer.js';

/** Options of {@link ChampionPointerDeployer}. */
export interface ChampionPointerOptions {
  /** Folder of the pointer files, `<path>/<model>.json`. */
  readonly path: string;
  /** Command run after the pointer moved (reload a server, sync a bucket): an argv array or a `/bin/sh -c` line. */
  readonly hook?: string | readonly string[];
  /** Working directory of the hook. Default: the current one. */
  readonly cwd?: string;
  /** Time limit of the hook, ms. Default ten minutes. */
  readonly timeoutMs?: number;
  /** Time between SIGTERM and SIGKILL on timeout, ms. Default 5 000. */
  readonly killGraceMs?: number;
  /** Clock in epoch ms, for `deployedAt`. Default `Date.now`. */
  readonly now?: () => number;
  /** Scrubs secrets from the command's log and from the messages made of it (the provider context's redactor). */
  readonly redact?: (text: string) => string;
}

const provider = 'champion-pointer';

/**
 * Deploys by moving a pointer: `<path>/<model>.json` names the version that
 * serves and its artifact folder (written atomically), and an optional hook
 * makes the serving side pick it up. The hook gets `DRIFTWATCH_MODEL`,
 * `DRIFTWATCH_MODEL_VERSION`, `DRIFTWATCH_MODEL_DIR`,
 * `DRIFTWATCH_PREVIOUS_VERSION` and `DRIFTWATCH_ACTION` (`deploy` or
 * `rollback`); its output is appended to `<path>/<model>.hook.log`. When the
 * hook fails, the previous pointer is put back and the result is `failed`.
 */
export class ChampionPointerDeployer implements Deployer {
  readonly type = provider;
  readonly #options: ChampionPointerOptions;
  readonly #timeoutMs: number;
  readonly #now: () => number;

  constructor(options: ChampionPointerOptions) {
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 600_000;
    this.#now = options.now ?? Date.now;
  }

  deploy(version: ModelVersion, context: DeploymentContext = {}): Promise<DeploymentResult> {
    return this.#point(version, 'deploy', context);
  }

  rollback(to: ModelVersion, context: DeploymentContext = {}): Promise<DeploymentResult> {
    return this.#point(to, 'rollback', context);
  }

  async #point(version: ModelVersion, action: 'deploy' | 'rollback', context: DeploymentContext): Promise<DeploymentResult> {
    const file = servingPointerFile(this.#options.path, version.model);
    const before = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new ProviderError(provider, action, `cannot read ${file}: ${error.message}`, { cause: error });
    });
    const current = before === undefined ? undefined : parseServingPointer(before);
    if (current?.version === version.version && current.artifactUri === version.artifactUri) return { status: 'deployed' };

    const pointer: ServingPointer = {
      model: version.model,
      version: version.version,
      artifactUri: version.artifactUri,
      deployedAt: new Date(this.#now()).toISOString(),
    };
    try {
      await mkdir(this.#options.path, { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify(pointer, null, 2)}\n`);
    } catch (error) {
      throw new ProviderError(provider, action, `cannot write ${file}: ${(error as Error).message}`, { cause: error });
    }
    if (this.#options.hook === undefined) return { status: 'deployed' };

    const outcome = await runCommand({
      command: this.#options.hook,
      cwd: this.#options.cwd,
      env: {
        DRIFTWATCH_MODEL: version.model,
        DRIFTWATCH_MODEL_VERSION: version.version,
        DRIFTWATCH_MODEL_DIR: version.artifactUri,
        DRIFTWATCH_PREVIOUS_VERSION: context.previous?.version ?? current?.version ?? '',
        DRIFTWATCH_ACTION: action,
      },
      logFile: join(this.#options.path, `${version.model}.hook.log`),
      timeoutMs: this.#timeoutMs,
      killGraceMs: this.#options.killGraceMs,
      signal: context.signal,
      redact: this.#options.redact,
    });
    if (outcome.exitCode === 0 && !outcome.timedOut && !outcome.stopped) return { status: 'deployed' };

    let reason = this.#hookFailure(outcome);
    try {
      if (before === undefined) await rm(file, { force: true });
      else await writeFileAtomic(file, before);
    } catch (error) {
      reason += `; and the previous pointer could not be restored: ${(error as Error).message}`;
    }
    return { status: 'failed', reason };
  }

  /** `hook exited 3: <log tail>`, `hook timed out after 10m: …`, `hook killed by SIGKILL: …`. */
  #hookFailure(outcome: CommandOutcome): string {
    const what =
      outcome.spawnError !== undefined
        ? `hook could not start: ${outcome.spawnError}`
        : outcome.timedOut
          ? `hook timed out after ${formatDuration(this.#timeoutMs)}`
          : outcome.stopped
            ? 'hook stopped'
            : outcome.signal
              ? `hook killed by ${outcome.signal}`
              : `hook exited ${outcome.exitCode}`;
    return outcome.logTail === '' ? what : `${what}: ${outcome.logTail}`;
  }
}
