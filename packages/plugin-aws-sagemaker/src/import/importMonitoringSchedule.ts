import type { S3Client } from '@aws-sdk/client-s3';
import {
  DescribeDataQualityJobDefinitionCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { type AwsCaller, retryPolicyFrom, sendAws } from '@driftwatch/aws-common';
import { UsageError } from '@driftwatch/core';
import { parseModelMonitorFile } from '@driftwatch/drift';
import { getObjectText } from '../s3/objectIo.js';
import { parseS3Uri } from '../s3/parseS3Uri.js';
import { awsCronToCron } from './awsCronToCron.js';
import { groundTruthColumn, type ModelQualityJob, modelQualityPlan } from './modelQualityPlan.js';
import {
  type ModelQualityProblemType,
  modelQualityConstraintSections,
  parseModelQualityConstraints,
} from './parseModelQualityConstraints.js';

/** What `driftwatch import sagemaker-monitor` makes of a monitoring schedule. */
export interface ImportedSchedule {
  /** The schedule's name: the `MonitoringSchedule` dimension of its CloudWatch metrics. */
  readonly scheduleName: string;
  /** `DataQuality` or `ModelQuality` (the types imported). */
  readonly monitoringType: string;
  /** The Driftwatch monitor, as config (plain data). */
  readonly monitor: Record<string, unknown>;
  /** The schedule: Model Monitor's expression and its five-field cron, when it has one. */
  readonly schedule: { readonly expression: string; readonly cron?: string };
  /**
   * Baseline files and feature names read from S3 (checked against the documented schemas); a
   * model-quality schedule has constraints only, and no features.
   */
  readonly baseline: { readonly statistics?: string; readonly constraints: string; readonly features: readonly string[] };
  /** Of a model-quality schedule: its problem type, ground-truth prefix and the thresholds carried over. */
  readonly modelQuality?: {
    readonly problemType: ModelQualityProblemType;
    readonly groundTruth: string;
    readonly thresholds: Readonly<Record<string, number>>;
  };
  /** What the schedule sets that Driftwatch does not carry over, one line each. */
  readonly notCarried: readonly string[];
}

/** How the imported config's AWS providers connect (copied into each of them). */
export interface ImportConnection {
  readonly region?: string;
  readonly endpoint?: string;
  readonly forcePathStyle?: boolean;
}

const retry = retryPolicyFrom({ maxAttempts: 5, retryBaseDelayMs: 200, retryMaxDelayMs: 20_000 }, {});
const sageMakerCaller: AwsCaller = { provider: 'sagemaker', retry };
const s3Caller: AwsCaller = { provider: 's3', retry };

/** The parts of a data- or model-quality job definition that Driftwatch does not carry over. */
interface JobParts {
  readonly app?: { readonly RecordPreprocessorSourceUri?: string; readonly PostAnalyticsProcessorSourceUri?: string };
  readonly input?: {
    readonly BatchTransformInput?: unknown;
    readonly EndpointInput?: { StartTimeOffset?: string; EndTimeOffset?: string; ExcludeFeaturesAttribute?: string };
  };
  readonly resources?: { readonly InstanceCount?: number; readonly InstanceType?: string };
  readonly roleArn?: string;
  readonly network?: object;
  readonly outputs?: readonly unknown[];
}

function jobNotCarried(job: JobParts, notCarried: string[]): void {
  const { app, input } = job;
  if (app?.RecordPreprocessorSourceUri) notCarried.push(`record preprocessor script ${app.RecordPreprocessorSourceUri} (not run)`);
  if (app?.PostAnalyticsProcessorSourceUri)
    notCarried.push(`post-analytics processor script ${app.PostAnalyticsProcessorSourceUri} (not run)`);
  if (input?.BatchTransformInput) notCarried.push('batch transform input (only endpoint data capture is imported)');
  const endpointInput = input?.EndpointInput;
  if (endpointInput?.StartTimeOffset || endpointInput?.EndTimeOffset)
    notCarried.push(`analysis window offsets ${endpointInput.StartTimeOffset ?? ''}…${endpointInput.EndTimeOffset ?? ''}`);
  if (endpointInput?.ExcludeFeaturesAttribute) notCarried.push(`excluded features ${endpointInput.ExcludeFeaturesAttribute}`);
  if (job.resources)
    notCarried.push(
      `processing cluster (${job.resources.InstanceCount ?? 1} × ${job.resources.InstanceType ?? '?'}): Driftwatch runs where it is started`,
    );
  if (job.roleArn) notCarried.push(`IAM role ${job.roleArn}: Driftwatch uses the credentials it runs with`);
  if (job.network && Object.keys(job.network).length > 0) notCarried.push('network config (VPC, encryption between nodes)');
}

const problemTypes: readonly string[] = Object.keys(modelQualityConstraintSections);

/**
 * Reads a Model Monitor data-quality or model-quality schedule — DescribeMonitoringSchedule, its
 * DescribeDataQualityJobDefinition or DescribeModelQualityJobDefinition (or the schedule's inline
 * job definition), the endpoint's data-capture destination (DescribeEndpoint,
 * DescribeEndpointConfig) and the baseline files on S3 — and makes the Driftwatch monitor that
 * reads the same capture against the same baseline and constraints, publishing Model Monitor's
 * CloudWatch names under the same schedule name. A model-quality monitor joins the job's ground
 * truth into the capture by event id and judges the model's answers by `performance:` with
 * thresholds from the model-quality constraints (see {@link modelQualityPlan}).
 */
export async function importMonitoringSchedule(
  clients: { readonly sageMaker: SageMakerClient; readonly s3: S3Client },
  scheduleName: string,
  connection: ImportConnection = {},
): Promise<ImportedSchedule> {
  const notCarried: string[] = [];
  const schedule = await sendAws(sageMakerCaller, 'DescribeMonitoringSchedule', () =>
    clients.sageMaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName })),
  );
  const config = schedule.MonitoringScheduleConfig ?? {};
  const monitoringType = schedule.MonitoringType ?? config.MonitoringType ?? 'DataQuality';
  if (monitoringType !== 'DataQuality' && monitoringType !== 'ModelQuality') {
    throw new UsageError(
      `monitoring schedule ${scheduleName} is of type ${monitoringType}: only DataQuality and ModelQuality schedules are imported (bias and explainability schedules are not yet)`,
    );
  }

  let baselineConfig: { ConstraintsResource?: { S3Uri?: string }; StatisticsResource?: { S3Uri?: string } } | undefined;
  let endpointName = schedule.EndpointName;
  let environment: Record<string, string> = {};
  let quality: (Omit<ModelQualityJob, 'constraints'> & { readonly groundTruth: string }) | undefined;
  if (monitoringType === 'ModelQuality') {
    if (!config.MonitoringJobDefinitionName)
      throw new UsageError(`model-quality schedule ${scheduleName} names no job definition (MonitoringJobDefinitionName)`);
    const job = await sendAws(sageMakerCaller, 'DescribeModelQualityJobDefinition', () =>
      clients.sageMaker.send(new DescribeModelQualityJobDefinitionCommand({ JobDefinitionName: config.MonitoringJobDefinitionName })),
    );
    const app = job.ModelQualityAppSpecification;
    const input = job.ModelQualityJobInput;
    baselineConfig = job.ModelQualityBaselineConfig;
    endpointName ??= input?.EndpointInput?.EndpointName;
    environment = app?.Environment ?? {};
    const problemType = app?.ProblemType;
    if (!problemType || !problemTypes.includes(problemType))
      throw new UsageError(
        `model-quality job definition ${config.MonitoringJobDefinitionName} has problem type ${problemType ?? '(none)'}: expected ${problemTypes.join(', ')}`,
      );
    const groundTruth = input?.GroundTruthS3Input?.S3Uri;
    if (!groundTruth || !parseS3Uri(groundTruth))
      throw new UsageError(
        `model-quality job definition ${config.MonitoringJobDefinitionName} has no ground-truth s3:// input (GroundTruthS3Input): the monitor needs the labels`,
      );
    const endpointInput = input?.EndpointInput;
    const threshold = endpointInput?.ProbabilityThresholdAttribute;
    quality = {
      problemType: problemType as ModelQualityProblemType,
      groundTruth,
      ...(endpointInput?.InferenceAttribute ? { inferenceAttribute: endpointInput.InferenceAttribute } : {}),
      ...(endpointInput?.ProbabilityAttribute ? { probabilityAttribute: endpointInput.ProbabilityAttribute } : {}),
      ...(threshold !== undefined ? { probabilityThreshold: threshold } : {}),
    };
    jobNotCarried(
      {
        ...(app ? { app } : {}),
        ...(input ? { input } : {}),
        ...(job.JobResources?.ClusterConfig ? { resources: job.JobResources.ClusterConfig } : {}),
        ...(job.RoleArn ? { roleArn: job.RoleArn } : {}),
        ...(job.NetworkConfig ? { network: job.NetworkConfig } : {}),
      },
      notCarried,
    );
    if (app?.ImageUri) notCarried.push(`container image ${app.ImageUri} (Driftwatch computes the model-quality metrics itself)`);
    if (job.ModelQualityJobOutputConfig?.MonitoringOutputs?.length)
      notCarried.push("S3 output of reports: the run's result holds the metrics and threshold alerts (driftwatch run --format json)");
  } else if (config.MonitoringJobDefinitionName) {
    const job = await sendAws(sageMakerCaller, 'DescribeDataQualityJobDefinition', () =>
      clients.sageMaker.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: config.MonitoringJobDefinitionName })),
    );
    baselineConfig = job.DataQualityBaselineConfig;
    endpointName ??= job.DataQualityJobInput?.EndpointInput?.EndpointName;
    environment = job.DataQualityAppSpecification?.Environment ?? {};
    const app = job.DataQualityAppSpecification;
    const input = job.DataQualityJobInput;
    jobNotCarried(
      {
        ...(app ? { app } : {}),
        ...(input ? { input } : {}),
        ...(job.JobResources?.ClusterConfig ? { resources: job.JobResources.ClusterConfig } : {}),
        ...(job.RoleArn ? { roleArn: job.RoleArn } : {}),
        ...(job.NetworkConfig ? { network: job.NetworkConfig } : {}),
      },
      notCarried,
    );
    if (job.DataQualityJobOutputConfig?.MonitoringOutputs?.length)
      notCarried.push('S3 output of reports: each run writes constraint_violations.json and statistics.json to a local folder (output:)');
  } else if (config.MonitoringJobDefinition) {
    // Schedules made before job definitions were separate carry the job inline.
    const inline = config.MonitoringJobDefinition;
    baselineConfig = inline.BaselineConfig;
    endpointName ??= inline.MonitoringInputs?.[0]?.EndpointInput?.EndpointName;
    environment = inline.Environment ?? {};
    if (inline.MonitoringAppSpecification?.ImageUri)
      notCarried.push(`container image ${inline.MonitoringAppSpecification.ImageUri} (Driftwatch runs Model Monitor's checks itself)`);
  }
  const statistics = baselineConfig?.StatisticsResource?.S3Uri;
  const constraints = baselineConfig?.ConstraintsResource?.S3Uri;
  if (quality) {
    if (!constraints)
      throw new UsageError(
        `monitoring schedule ${scheduleName} has no baseline constraints: Driftwatch takes the model-quality thresholds from them`,
      );
  } else if (!statistics || !constraints) {
    throw new UsageError(
      `monitoring schedule ${scheduleName} has no baseline statistics and constraints: Driftwatch needs both as the monitor's reference`,
    );
  }
  if (!endpointName) throw new UsageError(`monitoring schedule ${scheduleName} names no endpoint: only endpoint data capture is imported`);

  const endpoint = await sendAws(sageMakerCaller, 'DescribeEndpoint', () =>
    clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpointName })),
  );
  const endpointConfig = await sendAws(sageMakerCaller, 'DescribeEndpointConfig', () =>
    clients.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName })),
  );
  const destination = endpointConfig.DataCaptureConfig?.DestinationS3Uri ?? endpoint.DataCaptureConfig?.DestinationS3Uri;
  if (!destination) throw new UsageError(`endpoint ${endpointName} has no data capture: nothing for the monitor to read`);
  // Model Monitor's capture layout: <destination>/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl.
  const captureUri = `${destination.replace(/\/+$/, '')}/${endpointName}`;

  const readS3 = (uri: string) => {
    const location = parseS3Uri(uri);
    if (!location) throw new UsageError(`baseline file ${uri} is not an s3:// URI`);
    return getObjectText(clients.s3, s3Caller, location);
  };
  const aws = {
    ...(connection.region ? { region: connection.region } : {}),
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
  };
  const s3 = { ...aws, ...(connection.forcePathStyle ? { forcePathStyle: true } : {}) };
  const publish = environment.publish_cloudwatch_metrics !== 'Disabled';
  if (!publish) notCarried.push('publish_cloudwatch_metrics is Disabled: no CloudWatch sink is written');
  for (const key of Object.keys(environment).filter((k) => k !== 'publish_cloudwatch_metrics')) {
    notCarried.push(`container environment variable ${key}`);
  }
  const expression = config.ScheduleConfig?.ScheduleExpression ?? '';
  const cron = awsCronToCron(expression);
  if (!cron) notCarried.push(`schedule expression "${expression}" has no cron form`);
  if (config.ScheduleConfig?.DataAnalysisStartTime || config.ScheduleConfig?.DataAnalysisEndTime)
    notCarried.push('data analysis start/end time of a one-time schedule');
  notCarried.push(
    "Model Monitor analyses each period's capture; every run reads all capture under the prefix (set the capture source's from/to to bound it)",
  );
  const name = scheduleName.replace(/[^A-Za-z0-9._-]/g, '-');
  const sinkBase = {
    type: 'cloudwatch',
    ...aws,
    ...(connection.endpoint ? { requestCompression: false } : {}),
    namespace: 'Driftwatch',
    compat: 'sagemaker-model-monitor',
  };

  if (quality) {
    // A broken constraints file is reported at import, naming it and its JSON path.
    const parsed = parseModelQualityConstraints(await readS3(constraints!), constraints!, quality.problemType);
    const plan = modelQualityPlan({ ...quality, constraints: parsed });
    notCarried.push(...plan.notCarried);
    if (statistics)
      notCarried.push(`model-quality baseline statistics ${statistics}: not read (Model Monitor judges runs by the constraints only)`);
    notCarried.push(
      "Model Monitor compares with the constraints only: the monitor's reference is the labelled capture itself, whose drift figures are not published",
    );
    const source = {
      type: 'sagemaker-capture',
      ...s3,
      uri: captureUri,
      ...(plan.outputColumns ? { outputColumns: plan.outputColumns } : {}),
      ...(plan.predictionFromProbability ? { predictionFromProbability: plan.predictionFromProbability } : {}),
      groundTruthUri: quality.groundTruth,
      targetColumn: groundTruthColumn,
    };
    const monitor: Record<string, unknown> = {
      name,
      reference: source,
      current: source,
      schema: { ...plan.schema, ignore: ['event_id', 'inference_time'] },
      drift: { columns: [plan.schema.prediction] },
      performance: plan.performance,
      // Thresholds are judged per window: one window is the whole run, as one Model Monitor job judges its period.
      windows: { count: 1 },
      ...(publish
        ? {
            sinks: [
              {
                ...sinkBase,
                // Only Model Monitor's model-quality names: the reference-against-itself drift figures go nowhere.
                sagemaker: {
                  target: 'endpoint',
                  endpointName,
                  modelQualitySchedule: scheduleName,
                  unmapped: 'drop',
                  metricNames: plan.metricNames,
                },
              },
            ],
          }
        : {}),
    };
    return {
      scheduleName,
      monitoringType,
      monitor,
      schedule: { expression, ...(cron ? { cron } : {}) },
      baseline: { ...(statistics ? { statistics } : {}), constraints: constraints!, features: [] },
      modelQuality: { problemType: quality.problemType, groundTruth: quality.groundTruth, thresholds: plan.performance.thresholds },
      notCarried,
    };
  }

  // The baseline is read now so that a broken file is reported at import, naming it and its JSON path.
  const [statisticsText, constraintsText] = await Promise.all([statistics!, constraints!].map(readS3));
  const stats = parseModelMonitorFile('statistics', statisticsText!, statistics!);
  parseModelMonitorFile('constraints', constraintsText!, constraints!);
  const features = stats.features.map((f) => f.name);

  const monitor: Record<string, unknown> = {
    name,
    reference: { type: 'sagemaker-baseline', ...s3, statistics, constraints, output: `model-monitor/${scheduleName}` },
    current: { type: 'sagemaker-capture', ...s3, uri: captureUri, inputColumns: features },
    // The capture adds the model's output and each record's id and time, which the baseline has no constraints for.
    schema: {
      ...(features.includes('prediction') ? {} : { prediction: 'prediction' }),
      ignore: ['event_id', 'inference_time'].filter((c) => !features.includes(c)),
    },
    drift: { columns: features },
    ...(publish ? { sinks: [{ ...sinkBase, sagemaker: { target: 'endpoint', endpointName, dataQualitySchedule: scheduleName } }] } : {}),
  };
  return {
    scheduleName,
    monitoringType,
    monitor,
    schedule: { expression, ...(cron ? { cron } : {}) },
    baseline: { statistics: statistics!, constraints: constraints!, features },
    notCarried,
  };
}
