/** One registered model version. */
export interface ModelVersion {
  readonly model: string;
  readonly version: string;
  readonly artifactUri: string;
  readonly status: 'candidate' | 'champion' | 'retired' | 'rejected';
  readonly createdAt: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Versions, champion and candidates (local folder, SageMaker Model Registry). */
export interface ModelRegistry {
  readonly type: string;
  register(version: Omit<ModelVersion, 'version' | 'createdAt' | 'status'>): Promise<ModelVersion>;
  list(model: string): Promise<ModelVersion[]>;
  champion(model: string): Promise<ModelVersion | undefined>;
  setStatus(model: string, version: string, status: ModelVersion['status'], reason?: string): Promise<void>;
}
