import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  type ParameterHistory,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { type AwsCaller, callAws, errorCode, type RetrySeams, retryPolicyFrom, sendAws } from '@driftwatch/aws-common';
import type { Deployer, DeploymentContext, DeploymentResult, ModelVersion } from '@driftwatch/core';
import { championValue, parseChampionValue } from './championValue.js';
import type { SsmParameterOptions } from './ssmParameterOptions.js';

/** Seams for tests: waiting between retries and their jitter. */
export type SsmParameterDependencies = RetrySeams;

const provider = 'ssm-parameter';

/**
 * Switches what an LLM application serves by writing the champion — model
 * ID and prompt version (see {@link championValue}) — as a JSON String
 * value of one SSM parameter, which the application reads. Deploying the
 * version the parameter already names is a no-op (`deployed`, no write).
 * Rollback restores the newest value of the parameter's history that named
 * the target version, byte for byte (fields an operator added survive); a
 * target never written before is written as {@link deploy} would.
 */
export class SsmParameterDeployer implements Deployer {
  readonly type = provider;
  readonly #client: SSMClient;
  readonly #options: SsmParameterOptions;
  readonly #caller: AwsCaller;

  constructor(client: SSMClient, options: SsmParameterOptions, dependencies: SsmParameterDependencies = {}) {
    this.#client = client;
    this.#options = options;
    this.#caller = { provider, retry: retryPolicyFrom(options, dependencies) };
  }

  /** Releases the client's sockets (the runtime calls it when the command ends). Idempotent. */
  shutdown(): void {
    this.#client.destroy();
  }

  async deploy(version: ModelVersion, context: DeploymentContext = {}): Promise<DeploymentResult> {
    context.signal?.throwIfAborted();
    if (names(await this.current(), version)) return { status: 'deployed' };
    await this.#put(JSON.stringify(championValue(version)));
    return { status: 'deployed' };
  }

  async rollback(to: ModelVersion, context: DeploymentContext = {}): Promise<DeploymentResult> {
    context.signal?.throwIfAborted();
    if (names(await this.current(), to)) return { status: 'deployed' };
    const history = await this.#history(context.signal);
    // History is oldest first: the newest value naming the target is the one to restore.
    let kept: string | undefined;
    for (let i = history.length - 1; i >= 0 && kept === undefined; i--) if (names(history[i]!.Value, to)) kept = history[i]!.Value;
    await this.#put(kept ?? JSON.stringify(championValue(to)));
    return { status: 'deployed' };
  }

  /** The parameter's value now, or undefined when it does not exist yet. */
  async current(): Promise<string | undefined> {
    const out = await callAws(
      this.#caller,
      'GetParameter',
      () => this.#client.send(new GetParameterCommand({ Name: this.#options.parameterName })),
      isParameterNotFound,
    );
    return out?.Parameter?.Value;
  }

  async #put(value: string): Promise<void> {
    await sendAws(this.#caller, 'PutParameter', () =>
      this.#client.send(
        new PutParameterCommand({
          Name: this.#options.parameterName,
          Value: value,
          Type: 'String',
          DataType: 'text',
          Overwrite: true,
          ...(this.#options.description !== undefined && { Description: this.#options.description }),
        }),
      ),
    );
  }

  /** Every version of the parameter, oldest first (SSM keeps the last 100). */
  async #history(signal: AbortSignal | undefined): Promise<ParameterHistory[]> {
    const all: ParameterHistory[] = [];
    let token: string | undefined;
    do {
      signal?.throwIfAborted();
      const page = await callAws(
        this.#caller,
        'GetParameterHistory',
        () => this.#client.send(new GetParameterHistoryCommand({ Name: this.#options.parameterName, NextToken: token, MaxResults: 50 })),
        isParameterNotFound,
      );
      if (page === undefined) return all;
      all.push(...(page.Parameters ?? []));
      token = page.NextToken;
    } while (token !== undefined);
    return all;
  }
}

/** Whether a parameter value names this version of this model. */
function names(value: string | undefined, version: ModelVersion): boolean {
  const named = parseChampionValue(value);
  return named !== undefined && named.model === version.model && named.version === version.version;
}

function isParameterNotFound(error: unknown): boolean {
  return errorCode(error) === 'ParameterNotFound';
}
