import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { type AwsCaller, retryPolicyFrom } from '@driftwatch/aws-common';
import { type DataSource, type Frame, InputError, type ReadOptions, type Schema } from '@driftwatch/core';
import {
  type AttachedModelMonitorBaseline,
  modelMonitorBaselineSchema,
  modelMonitorReferenceFrame,
  parseModelMonitorFile,
} from '@driftwatch/drift';
import type { SageMakerBaselineOptions } from '../options/sageMakerBaselineOptions.js';
import { getObjectText } from '../s3/objectIo.js';
import { parseS3Uri } from '../s3/parseS3Uri.js';

/**
 * A SageMaker Model Monitor baseline (`statistics.json` + `constraints.json`, on S3 or local)
 * as a monitor's reference: the frame is rebuilt from the statistics (see
 * `modelMonitorReferenceFrame`) and carries the baseline, so that the run also evaluates Model
 * Monitor's constraints. A file that is missing, not JSON or off the documented schema is an
 * `InputError` naming it and the JSON path (exit 2).
 */
export class SageMakerBaselineDataSource implements DataSource {
  readonly uri: string;
  readonly #options: SageMakerBaselineOptions;
  readonly #s3: () => S3Client;
  readonly #baseDir: string;
  readonly #caller: AwsCaller;
  #loaded: Promise<AttachedModelMonitorBaseline> | undefined;

  constructor(s3: () => S3Client, options: SageMakerBaselineOptions, baseDir: string) {
    this.uri = options.statistics;
    this.#options = options;
    this.#s3 = s3;
    this.#baseDir = baseDir;
    this.#caller = { provider: 's3', retry: retryPolicyFrom(options, {}) };
  }

  async inferSchema(): Promise<Schema> {
    return modelMonitorBaselineSchema((await this.#load()).statistics);
  }

  async read(options: ReadOptions = {}): Promise<Frame> {
    const baseline = await this.#load();
    const only = options.schema ? new Set(options.schema.columns.filter((c) => c.role !== 'ignored').map((c) => c.name)) : undefined;
    return modelMonitorReferenceFrame(baseline, only);
  }

  #load(): Promise<AttachedModelMonitorBaseline> {
    this.#loaded ??= (async () => {
      const [statisticsText, constraintsText] = await Promise.all([
        this.#text(this.#options.statistics),
        this.#text(this.#options.constraints),
      ]);
      const output = this.#options.output;
      return {
        statistics: parseModelMonitorFile('statistics', statisticsText, this.#options.statistics),
        constraints: parseModelMonitorFile('constraints', constraintsText, this.#options.constraints),
        source: this.#options.statistics,
        ...(output ? { outputDir: isAbsolute(output) ? output : resolve(this.#baseDir, output) } : {}),
      };
    })();
    return this.#loaded;
  }

  async #text(fileOrUri: string): Promise<string> {
    const location = parseS3Uri(fileOrUri);
    if (location) return getObjectText(this.#s3(), this.#caller, location);
    const file = isAbsolute(fileOrUri) ? fileOrUri : resolve(this.#baseDir, fileOrUri);
    try {
      return await readFile(file, 'utf8');
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      throw new InputError(
        code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'INPUT_UNREADABLE',
        `${fileOrUri}: ${code ?? (cause as Error).message}`,
        {
          cause,
          location: { file: fileOrUri },
        },
      );
    }
  }
}
