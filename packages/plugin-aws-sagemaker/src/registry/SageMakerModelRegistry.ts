import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DescribeModelPackageCommand,
  type DescribeModelPackageCommandOutput,
  DescribeModelPackageGroupCommand,
  ListModelPackagesCommand,
  type ModelApprovalStatus,
  type ModelPackageSummary,
  type SageMakerClient,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { type AwsCaller, callAws, type RetrySeams, resourceName, retryPolicyFrom, sendAws } from '@driftwatch/aws-common';
import { type ModelRegistry, type ModelVersion, type ModelVersionStatus, type NewModelVersion, StateError } from '@driftwatch/core';
import { isAlreadyExists, isNotFound } from '../client/awsErrors.js';
import type { SageMakerRegistryOptions } from '../options/sageMakerRegistryOptions.js';
import { joinKey, parseS3Uri, s3Uri } from '../s3/parseS3Uri.js';
import { metadataProperties, propertiesMetadata, propertyKeys, propertyValue, recordedStatus } from './packageProperties.js';
import { writeDriftCheckBaselines } from './writeDriftCheckBaselines.js';

/** Seams for tests: retry waits and the clock. */
export interface SageMakerRegistryDependencies extends RetrySeams {
  /** Epoch ms now, for status change times; defaults to Date.now. */
  readonly now?: () => number;
  /** The S3 client baselines are written with (`baselineUri`); made when first needed. */
  readonly s3?: () => S3Client;
}

/** The metadata key of a version's Model Monitor baselines (its package's DriftCheckBaselines.ModelDataQuality). */
export const modelMonitorBaselineMetadata = 'modelMonitorBaseline';

const provider = 'sagemaker';

const approvalFor: Readonly<Record<ModelVersionStatus, ModelApprovalStatus | undefined>> = {
  candidate: 'PendingManualApproval',
  champion: 'Approved',
  rejected: 'Rejected',
  // A retired champion keeps its approval: it was fit to serve and may serve again on rollback.
  retired: undefined,
  // The endpoint failed, not the model: it stays pending approval (never Rejected) and can be promoted again.
  'deploy-failed': 'PendingManualApproval',
};

/**
 * A model registry on the SageMaker Model Registry: one model package group
 * per model (`<groupPrefix><model>`), one model package per version (the
 * package version is the version, its ARN the `ref`). Driftwatch's status,
 * key, change time and reason, and the metadata, are the package's customer
 * metadata properties (values read back as strings; entries over 256
 * characters are left out); the approval status follows: champion →
 * Approved, rejected → Rejected (reason as ApprovalDescription), candidate
 * → PendingManualApproval, deploy-failed → PendingManualApproval (a failed
 * deployment is no verdict on the model), retired keeps its approval.
 *
 * SageMaker has no transaction: making a version champion approves it first
 * and then retires the previous champion; should the second step fail, two
 * versions say `champion` and {@link champion} picks the one promoted last,
 * and the next promotion retires both.
 */
export class SageMakerModelRegistry implements ModelRegistry {
  readonly type = provider;
  readonly #client: SageMakerClient;
  readonly #options: SageMakerRegistryOptions;
  readonly #caller: AwsCaller;
  readonly #now: () => number;
  readonly #makeS3: (() => S3Client) | undefined;
  #s3: S3Client | undefined;

  constructor(client: SageMakerClient, options: SageMakerRegistryOptions, dependencies: SageMakerRegistryDependencies = {}) {
    this.#client = client;
    this.#options = options;
    this.#now = dependencies.now ?? Date.now;
    this.#makeS3 = dependencies.s3;
    this.#caller = { provider, retry: retryPolicyFrom(options, dependencies) };
  }

  /** Releases the client's sockets (the runtime calls it when the command ends). Idempotent. */
  shutdown(): void {
    this.#client.destroy();
    this.#s3?.destroy();
  }

  /** The model package group of a model. */
  groupName(model: string): string {
    return resourceName(`${this.#options.groupPrefix ?? ''}${model}`);
  }

  async register(version: NewModelVersion): Promise<ModelVersion> {
    const group = this.groupName(version.model);
    if (version.key !== undefined) {
      const existing = (await this.#versions(version.model)).find((v) => v.metadata[keyMetadata] === version.key);
      if (existing) return stripKey(existing);
    }
    await this.#ensureGroup(group, version.model);
    const properties: Record<string, string> = {
      [propertyKeys.status]: 'candidate',
      [propertyKeys.model]: propertyValue(version.model),
      [propertyKeys.statusChangedAt]: new Date(this.#now()).toISOString(),
      ...(version.key !== undefined && { [propertyKeys.key]: propertyValue(version.key) }),
    };
    Object.assign(properties, metadataProperties(version.metadata, Object.keys(properties).length));
    const trainData = version.metadata.trainData;
    let driftCheckBaselines: Awaited<ReturnType<typeof writeDriftCheckBaselines>> | undefined;
    if (this.#options.baselineUri && this.#makeS3 && typeof trainData === 'string' && trainData !== '') {
      // One folder per registration (the version's key, else the time): a retry rewrites the same files.
      const root = parseS3Uri(this.#options.baselineUri)!;
      const folder = joinKey(root.key, group, resourceName(version.key ?? new Date(this.#now()).toISOString().replace(/[:.]/g, '-')));
      this.#s3 ??= this.#makeS3();
      driftCheckBaselines = await writeDriftCheckBaselines(
        this.#s3,
        { provider: 's3', retry: this.#caller.retry },
        this.#options,
        trainData,
        s3Uri({ bucket: root.bucket, key: folder }),
      );
    }
    const created = await sendAws(this.#caller, 'CreateModelPackage', () =>
      this.#client.send(
        new CreateModelPackageCommand({
          ModelPackageGroupName: group,
          ModelPackageDescription: `${version.model} trained by Driftwatch`.slice(0, 1024),
          ModelApprovalStatus: 'PendingManualApproval',
          InferenceSpecification: {
            Containers: [{ Image: this.#options.image, ModelDataUrl: version.artifactUri }],
            SupportedContentTypes: [...this.#options.contentTypes],
            SupportedResponseMIMETypes: [...this.#options.contentTypes],
          },
          CustomerMetadataProperties: properties,
          ...(driftCheckBaselines && { DriftCheckBaselines: driftCheckBaselines }),
          ...(version.key !== undefined && { ClientToken: clientToken(version.key) }),
        }),
      ),
    );
    return stripKey(toVersion(version.model, await this.#describe(created.ModelPackageArn!)));
  }

  async list(model: string): Promise<ModelVersion[]> {
    return (await this.#versions(model)).map(stripKey);
  }

  async get(model: string, version: string): Promise<ModelVersion | undefined> {
    const summary = (await this.#summaries(this.groupName(model))).find((s) => String(s.ModelPackageVersion) === version);
    return summary ? stripKey(toVersion(model, await this.#describe(summary.ModelPackageArn!))) : undefined;
  }

  async champion(model: string): Promise<ModelVersion | undefined> {
    return latestChampion(await this.list(model));
  }

  async setStatus(model: string, version: string, status: ModelVersionStatus, reason?: string): Promise<ModelVersion> {
    const versions = await this.list(model);
    const target = versions.find((v) => v.version === version);
    if (!target) {
      throw new StateError('STATE_CONFLICT', `model ${model} has no version ${version} in model package group ${this.groupName(model)}`);
    }
    const at = new Date(this.#now()).toISOString();
    await this.#update(target, status, at, reason);
    if (status === 'champion') {
      for (const other of versions) {
        if (other.version !== version && other.status === 'champion') {
          await this.#update(other, 'retired', at, `replaced by version ${version}`);
        }
      }
    }
    return (await this.get(model, version))!;
  }

  /** The versions, oldest first, their idempotency keys still in the metadata. */
  async #versions(model: string): Promise<ModelVersion[]> {
    const versions: ModelVersion[] = [];
    for (const summary of await this.#summaries(this.groupName(model))) {
      versions.push(toVersion(model, await this.#describe(summary.ModelPackageArn!)));
    }
    return versions;
  }

  async #update(version: ModelVersion, status: ModelVersionStatus, at: string, reason: string | undefined): Promise<void> {
    const current = await this.#describe(version.ref!);
    const properties: Record<string, string> = {
      ...current.CustomerMetadataProperties,
      [propertyKeys.status]: status,
      [propertyKeys.statusChangedAt]: at,
    };
    if (reason !== undefined) properties[propertyKeys.statusReason] = propertyValue(reason);
    else delete properties[propertyKeys.statusReason];
    const approval = approvalFor[status];
    await sendAws(this.#caller, 'UpdateModelPackage', () =>
      this.#client.send(
        new UpdateModelPackageCommand({
          ModelPackageArn: version.ref,
          CustomerMetadataProperties: properties,
          ...(approval !== undefined && approval !== current.ModelApprovalStatus && { ModelApprovalStatus: approval }),
          ...(approval !== undefined && reason !== undefined && { ApprovalDescription: reason.slice(0, 1000) }),
        }),
      ),
    );
  }

  async #ensureGroup(group: string, model: string): Promise<void> {
    const found = await callAws(
      this.#caller,
      'DescribeModelPackageGroup',
      () => this.#client.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: group })),
      isNotFound,
    );
    if (found) return;
    await callAws(
      this.#caller,
      'CreateModelPackageGroup',
      () =>
        this.#client.send(
          new CreateModelPackageGroupCommand({
            ModelPackageGroupName: group,
            ModelPackageGroupDescription: `Versions of ${model}, registered by Driftwatch`.slice(0, 1024),
          }),
        ),
      isAlreadyExists,
    );
  }

  /** The group's packages, oldest first; none for a group that does not exist. */
  async #summaries(group: string): Promise<ModelPackageSummary[]> {
    const out: ModelPackageSummary[] = [];
    let token: string | undefined;
    do {
      const page = await callAws(
        this.#caller,
        'ListModelPackages',
        () =>
          this.#client.send(
            new ListModelPackagesCommand({
              ModelPackageGroupName: group,
              ModelPackageType: 'Versioned',
              MaxResults: 100,
              NextToken: token,
            }),
          ),
        isNotFound,
      );
      if (!page) return [];
      out.push(...(page.ModelPackageSummaryList ?? []));
      token = page.NextToken;
    } while (token);
    return out.sort((a, b) => (a.ModelPackageVersion ?? 0) - (b.ModelPackageVersion ?? 0));
  }

  async #describe(arn: string): Promise<DescribeModelPackageCommandOutput> {
    return sendAws(this.#caller, 'DescribeModelPackage', () =>
      this.#client.send(new DescribeModelPackageCommand({ ModelPackageName: arn })),
    );
  }
}

// The key travels inside `metadata` between toVersion and stripKey, under a name no metadata entry can have.
const keyMetadata = '\u0000key';

function toVersion(model: string, d: DescribeModelPackageCommandOutput): ModelVersion {
  const properties = d.CustomerMetadataProperties;
  const status = recordedStatus(properties) ?? (d.ModelApprovalStatus === 'Rejected' ? 'rejected' : 'candidate');
  const changedAt = properties?.[propertyKeys.statusChangedAt] ?? d.LastModifiedTime?.toISOString();
  const reason = properties?.[propertyKeys.statusReason] ?? d.ApprovalDescription;
  const metadata: Record<string, unknown> = propertiesMetadata(properties);
  if (properties?.[propertyKeys.key] !== undefined) metadata[keyMetadata] = properties[propertyKeys.key];
  const quality = d.DriftCheckBaselines?.ModelDataQuality;
  if (quality?.Statistics?.S3Uri && quality.Constraints?.S3Uri) {
    metadata[modelMonitorBaselineMetadata] = { statistics: quality.Statistics.S3Uri, constraints: quality.Constraints.S3Uri };
  }
  return {
    model,
    version: String(d.ModelPackageVersion),
    artifactUri: d.InferenceSpecification?.Containers?.[0]?.ModelDataUrl ?? '',
    status,
    createdAt: (d.CreationTime ?? new Date(0)).toISOString(),
    ...(changedAt !== undefined && { statusChangedAt: changedAt }),
    ...(reason !== undefined && { statusReason: reason }),
    ref: d.ModelPackageArn,
    metadata,
  };
}

function stripKey(version: ModelVersion): ModelVersion {
  if (!(keyMetadata in version.metadata)) return version;
  const { [keyMetadata]: _key, ...metadata } = version.metadata;
  return { ...version, metadata };
}

function latestChampion(versions: readonly ModelVersion[]): ModelVersion | undefined {
  let best: ModelVersion | undefined;
  for (const v of versions) {
    if (v.status === 'champion' && (best === undefined || (v.statusChangedAt ?? '') >= (best.statusChangedAt ?? ''))) best = v;
  }
  return best;
}

/** ClientToken allows 1–36 characters of `[a-zA-Z0-9-]`: longer keys are hashed. */
function clientToken(key: string): string {
  return /^[a-zA-Z0-9-]{1,36}$/.test(key) ? key : createHash('sha256').update(key).digest('hex').slice(0, 36);
}
