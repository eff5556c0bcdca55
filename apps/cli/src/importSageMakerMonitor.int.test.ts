import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, GetMetricStatisticsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateDataQualityJobDefinitionCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateModelQualityJobDefinitionCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { type SageMakerWireServer, startSageMakerWireServer } from '@driftwatch/plugin-aws-sagemaker/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, requireBuiltCli } from './__tests__/builtCli.js';

// `driftwatch import sagemaker-monitor` against moto: moto serves the job definition, the endpoint,
// its config and S3; moto 5.2 has no monitoring schedules, so a wire-level SageMaker server in front
// of it answers DescribeMonitoringSchedule in the AWS JSON 1.1 protocol and forwards the rest.
// The imported config then runs end to end on capture data in moto's S3 and publishes Model
// Monitor's metric names under the schedule's name.
const availability = motoAvailability();
const missingInCi = motoMissingInCi(availability);
const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', NO_COLOR: '1' };
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const role = 'arn:aws:iam::123456789012:role/monitor';

function driftwatch(cwd: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [main, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

const captureLine = (i: number, input: string, output: string) =>
  JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: input, encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: output, encoding: 'CSV' },
    },
    eventMetadata: { eventId: `e-${i}`, inferenceTime: '2026-12-07T04:10:00Z' },
    eventVersion: '0',
  });

// A binary fraud model: CSV output "label,probability" (threshold 0.5); ground truth for all but the last 10 events.
const fraud = Array.from({ length: 300 }, (_, i) => {
  const actual = i % 3 === 0 ? 1 : 0;
  const probability = Math.round((actual === 1 ? 0.3 + (i % 7) * 0.1 : 0.05 + (i % 5) * 0.1) * 100) / 100;
  return { i, actual, probability, predicted: probability >= 0.5 ? 1 : 0, labelled: i < 290 };
});

if (missingInCi) it('import sagemaker-monitor: needs moto in CI', () => expect.fail(missingInCi));

describe.skipIf(skipWithoutMoto(availability))('driftwatch import sagemaker-monitor (moto + wire server)', () => {
  let moto: MotoServer;
  let wire: SageMakerWireServer;
  let dir: string;
  let s3: S3Client;
  let sageMaker: SageMakerClient;
  let cloudWatch: CloudWatchClient;

  beforeAll(async () => {
    requireBuiltCli();
    moto = await startMotoServer();
    const client = { endpoint: moto.endpoint, region: 'us-east-1', credentials };
    s3 = new S3Client({ ...client, forcePathStyle: true });
    sageMaker = new SageMakerClient(client);
    cloudWatch = new CloudWatchClient(client);
    wire = await startSageMakerWireServer(moto.endpoint, (call) =>
      call.operation === 'DescribeMonitoringSchedule'
        ? call.input.MonitoringScheduleName === 'churn-dq'
          ? {
              body: {
                MonitoringScheduleArn: 'arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/churn-dq',
                MonitoringScheduleName: 'churn-dq',
                MonitoringScheduleStatus: 'Scheduled',
                MonitoringType: 'DataQuality',
                CreationTime: 1_796_000_000,
                LastModifiedTime: 1_796_000_000,
                MonitoringScheduleConfig: {
                  ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
                  MonitoringJobDefinitionName: 'churn-dq-job',
                  MonitoringType: 'DataQuality',
                },
                EndpointName: 'churn-ep',
              },
            }
          : String(call.input.MonitoringScheduleName).startsWith('fraud-mq')
            ? {
                body: {
                  MonitoringScheduleArn: `arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/${call.input.MonitoringScheduleName}`,
                  MonitoringScheduleName: call.input.MonitoringScheduleName,
                  MonitoringScheduleStatus: 'Scheduled',
                  MonitoringType: 'ModelQuality',
                  CreationTime: 1_796_000_000,
                  LastModifiedTime: 1_796_000_000,
                  MonitoringScheduleConfig: {
                    ScheduleConfig: { ScheduleExpression: 'cron(0 0 ? * * *)' },
                    MonitoringJobDefinitionName:
                      call.input.MonitoringScheduleName === 'fraud-mq' ? 'fraud-mq-job' : call.input.MonitoringScheduleName,
                    MonitoringType: 'ModelQuality',
                  },
                  EndpointName: 'fraud-ep',
                },
              }
            : call.input.MonitoringScheduleName === 'churn-bias'
              ? {
                  body: {
                    MonitoringScheduleArn: 'arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/churn-bias',
                    MonitoringScheduleName: 'churn-bias',
                    MonitoringScheduleStatus: 'Scheduled',
                    MonitoringType: 'ModelBias',
                    CreationTime: 1_796_000_000,
                    LastModifiedTime: 1_796_000_000,
                    MonitoringScheduleConfig: { MonitoringJobDefinitionName: 'churn-bias-job', MonitoringType: 'ModelBias' },
                    EndpointName: 'churn-ep',
                  },
                }
              : { error: 'ResourceNotFound', message: `Monitoring schedule ${call.input.MonitoringScheduleName} not found` }
        : undefined,
    );
    dir = mkdtempSync(join(tmpdir(), 'dw-import-mm-'));

    // The baseline Model Monitor would have: here Driftwatch's own writer on a reference file.
    let reference = 'age,income,plan\n';
    let capture = '';
    for (let i = 0; i < 300; i++) {
      reference += `${20 + (i % 40)},${30_000 + ((i * 137) % 20_000)},${i % 3 === 0 ? 'pro' : 'basic'}\n`;
      capture += `${captureLine(i, `${35 + (i % 40)},${30_000 + ((i * 137) % 20_000)},${i % 3 === 0 ? 'pro' : 'basic'}`, String(i % 2))}\n`;
    }
    writeFileSync(join(dir, 'reference.csv'), reference);
    const made = await driftwatch(dir, 'baseline', '--reference', 'reference.csv', '--out', 'bl');
    expect(made.status).toBe(0);
    await s3.send(new CreateBucketCommand({ Bucket: 'mmon' }));
    for (const f of ['statistics.json', 'constraints.json']) {
      await s3.send(new PutObjectCommand({ Bucket: 'mmon', Key: `baselines/churn/${f}`, Body: readFileSync(join(dir, 'bl', f)) }));
    }
    await s3.send(new PutObjectCommand({ Bucket: 'mmon', Key: 'capture/churn-ep/AllTraffic/2026/12/07/04/a.jsonl', Body: capture }));

    await sageMaker.send(new CreateModelCommand({ ModelName: 'churn-model', PrimaryContainer: { Image: 'img' }, ExecutionRoleArn: role }));
    await sageMaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'churn-ec',
        ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-model', InitialInstanceCount: 1, InstanceType: 'ml.m5.large' }],
        DataCaptureConfig: {
          EnableCapture: true,
          InitialSamplingPercentage: 100,
          DestinationS3Uri: 's3://mmon/capture',
          CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
        },
      }),
    );
    await sageMaker.send(new CreateEndpointCommand({ EndpointName: 'churn-ep', EndpointConfigName: 'churn-ec' }));
    await sageMaker.send(
      new CreateDataQualityJobDefinitionCommand({
        JobDefinitionName: 'churn-dq-job',
        DataQualityBaselineConfig: {
          ConstraintsResource: { S3Uri: 's3://mmon/baselines/churn/constraints.json' },
          StatisticsResource: { S3Uri: 's3://mmon/baselines/churn/statistics.json' },
        },
        DataQualityAppSpecification: {
          ImageUri: '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer',
          Environment: { publish_cloudwatch_metrics: 'Enabled' },
        },
        DataQualityJobInput: { EndpointInput: { EndpointName: 'churn-ep', LocalPath: '/opt/ml/processing/input' } },
        DataQualityJobOutputConfig: {
          MonitoringOutputs: [{ S3Output: { S3Uri: 's3://mmon/reports', LocalPath: '/opt/ml/processing/output' } }],
        },
        JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 20 } },
        RoleArn: role,
      }),
    );

    // The model-quality schedule's endpoint, capture, ground truth (Model Monitor's layout) and constraints.
    await sageMaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'fraud-ec',
        ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-model', InitialInstanceCount: 1, InstanceType: 'ml.m5.large' }],
        DataCaptureConfig: {
          EnableCapture: true,
          InitialSamplingPercentage: 100,
          DestinationS3Uri: 's3://mmon/capture/',
          CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
        },
      }),
    );
    await sageMaker.send(new CreateEndpointCommand({ EndpointName: 'fraud-ep', EndpointConfigName: 'fraud-ec' }));
    const fraudCapture = fraud.map((r) =>
      JSON.stringify({
        captureData: {
          endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: `${100 + r.i},${r.i % 4}`, encoding: 'CSV' },
          endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: `${r.predicted},${r.probability}`, encoding: 'CSV' },
        },
        eventMetadata: { eventId: `f-${r.i}`, inferenceTime: '2026-12-07T05:10:00Z' },
        eventVersion: '0',
      }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: 'mmon',
        Key: 'capture/fraud-ep/AllTraffic/2026/12/07/05/a.jsonl',
        Body: `${fraudCapture.join('\n')}\n`,
      }),
    );
    const label = (eventId: string, data: string) =>
      JSON.stringify({ groundTruthData: { data, encoding: 'CSV' }, eventMetadata: { eventId }, eventVersion: '0' });
    // Labels arrive in two uploads; one labels an event the capture does not have.
    const labelled = fraud.filter((r) => r.labelled).map((r) => label(`f-${r.i}`, String(r.actual)));
    await s3.send(
      new PutObjectCommand({ Bucket: 'mmon', Key: 'ground-truth/fraud/2026/12/07/05/a.jsonl', Body: labelled.slice(0, 150).join('\n') }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: 'mmon',
        Key: 'ground-truth/fraud/2026/12/07/06/b.jsonl',
        Body: [...labelled.slice(150), label('f-unknown', '1')].join('\n'),
      }),
    );
    const operator = (threshold: number, comparison_operator: string) => ({ threshold, comparison_operator });
    const fraudConstraints = {
      version: 0.0,
      binary_classification_constraints: {
        recall: operator(0.8, 'LessThanThreshold'),
        accuracy: operator(0.8, 'LessThanThreshold'),
        f2: operator(0.3, 'LessThanThreshold'),
        false_positive_rate: operator(0.1, 'GreaterThanThreshold'),
        precision: operator(0.5, 'GreaterThanThreshold'),
      },
    };
    await s3.send(
      new PutObjectCommand({ Bucket: 'mmon', Key: 'baselines/fraud/constraints.json', Body: JSON.stringify(fraudConstraints) }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: 'mmon',
        Key: 'baselines/broken/constraints.json',
        Body: '{"binary_classification_constraints":{"f1":{"threshold":"high"}}}',
      }),
    );
    const qualityJob = (name: string, constraints: string) =>
      new CreateModelQualityJobDefinitionCommand({
        JobDefinitionName: name,
        ModelQualityBaselineConfig: { ConstraintsResource: { S3Uri: constraints } },
        ModelQualityAppSpecification: {
          ImageUri: '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer',
          ProblemType: 'BinaryClassification',
          Environment: { publish_cloudwatch_metrics: 'Enabled' },
        },
        ModelQualityJobInput: {
          EndpointInput: {
            EndpointName: 'fraud-ep',
            LocalPath: '/opt/ml/processing/input',
            InferenceAttribute: '0',
            ProbabilityAttribute: '1',
            ProbabilityThresholdAttribute: 0.5,
          },
          GroundTruthS3Input: { S3Uri: 's3://mmon/ground-truth/fraud' },
        },
        ModelQualityJobOutputConfig: {
          MonitoringOutputs: [{ S3Output: { S3Uri: 's3://mmon/reports/fraud', LocalPath: '/opt/ml/processing/output' } }],
        },
        JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 20 } },
        RoleArn: role,
      });
    await sageMaker.send(qualityJob('fraud-mq-job', 's3://mmon/baselines/fraud/constraints.json'));
  });
  afterAll(async () => {
    s3?.destroy();
    sageMaker?.destroy();
    cloudWatch?.destroy();
    await wire?.close();
    await moto?.stop();
  });

  const importArgs = () => [
    'import',
    'sagemaker-monitor',
    '--schedule',
    'churn-dq',
    '--region',
    'us-east-1',
    '--endpoint',
    moto.endpoint,
    '--sagemaker-endpoint',
    wire.endpoint,
    '--force-path-style',
  ];

  it('writes a monitor with the same capture, baseline, constraints, schedule and metric names, and says what it left', async () => {
    const r = await driftwatch(dir, ...importArgs());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'wrote driftwatch.yaml: monitor churn-dq from schedule churn-dq (3 baseline features; capture s3://mmon/capture/churn-ep)',
      'not carried over:',
      '  - processing cluster (1 × ml.m5.xlarge): Driftwatch runs where it is started',
      `  - IAM role ${role}: Driftwatch uses the credentials it runs with`,
      '  - S3 output of reports: each run writes constraint_violations.json and statistics.json to a local folder (output:)',
      "  - Model Monitor analyses each period's capture; every run reads all capture under the prefix (set the capture source's from/to to bound it)",
      '',
    ]);
    expect(wire.operations()).toEqual([
      'DescribeMonitoringSchedule',
      'DescribeDataQualityJobDefinition',
      'DescribeEndpoint',
      'DescribeEndpointConfig',
    ]);
    const yaml = readFileSync(join(dir, 'driftwatch.yaml'), 'utf8');
    // Monitor schedules exist (driftwatch serve runs them): the schedule is a key, not a comment.
    expect(yaml).toContain('    schedule: "0 * * * *" # Model Monitor: cron(0 * ? * * *)');
    expect(yaml).toContain(
      '"statistics":"s3://mmon/baselines/churn/statistics.json","constraints":"s3://mmon/baselines/churn/constraints.json"',
    );
    expect(yaml).toContain('"uri":"s3://mmon/capture/churn-ep","inputColumns":["age","income","plan"]');
    expect(yaml).toContain(
      '"compat":"sagemaker-model-monitor","sagemaker":{"target":"endpoint","endpointName":"churn-ep","dataQualitySchedule":"churn-dq"}',
    );
    const validated = await driftwatch(dir, 'config', 'validate');
    expect(validated.status).toBe(0);
  });

  it('runs the imported config on the capture and publishes the schedule’s Model Monitor metric names', async () => {
    const r = await driftwatch(dir, 'run', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.drift.current.rows).toBe(300);
    // age moved by 15 of its 40 values: a baseline drift violation, as Model Monitor would report.
    expect(
      result.modelMonitor.violations.map((v: { feature_name: string; constraint_check_type: string }) => [
        v.feature_name,
        v.constraint_check_type,
      ]),
    ).toEqual([['age', 'baseline_drift_check']]);
    const violations = JSON.parse(readFileSync(join(dir, 'model-monitor/churn-dq/constraint_violations.json'), 'utf8'));
    expect(violations.violations).toHaveLength(1);
    const metrics = await cloudWatch.send(new ListMetricsCommand({ Namespace: 'aws/sagemaker/Endpoints/data-metrics' }));
    const dims = [
      { Name: 'Endpoint', Value: 'churn-ep' },
      { Name: 'MonitoringSchedule', Value: 'churn-dq' },
    ];
    const names = (metrics.Metrics ?? [])
      .filter((m) => JSON.stringify([...(m.Dimensions ?? [])].sort((a, b) => (a.Name! < b.Name! ? -1 : 1))) === JSON.stringify(dims))
      .map((m) => m.MetricName)
      .sort();
    expect(names).toEqual([
      'feature_baseline_drift_age',
      'feature_baseline_drift_income',
      'feature_baseline_drift_plan',
      'feature_data_age',
      'feature_data_income',
      'feature_non_null_age',
      'feature_non_null_income',
      'feature_non_null_plan',
    ]);
    const data = await cloudWatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'aws/sagemaker/Endpoints/data-metrics',
        MetricName: 'feature_data_age',
        Dimensions: dims,
        StartTime: new Date(Date.now() - 3_600_000),
        EndTime: new Date(Date.now() + 3_600_000),
        Period: 60,
        Statistics: ['SampleCount', 'Minimum', 'Maximum'],
      }),
    );
    expect(data.Datapoints?.[0]).toMatchObject({ SampleCount: 300, Minimum: 35, Maximum: 74 });
  });

  const qualityArgs = () => [...importArgs().map((a) => (a === 'churn-dq' ? 'fraud-mq' : a)), '--out', 'fraud.yaml'];

  it('imports a model-quality schedule: ground truth joined by event id, performance with the constraints as thresholds', async () => {
    const before = wire.operations().length;
    const r = await driftwatch(dir, ...qualityArgs());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'wrote fraud.yaml: monitor fraud-mq from schedule fraud-mq (BinaryClassification, 4 thresholds; capture s3://mmon/capture/fraud-ep, ground truth s3://mmon/ground-truth/fraud)',
      'not carried over:',
      '  - processing cluster (1 × ml.m5.xlarge): Driftwatch runs where it is started',
      `  - IAM role ${role}: Driftwatch uses the credentials it runs with`,
      '  - container image 156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer (Driftwatch computes the model-quality metrics itself)',
      "  - S3 output of reports: the run's result holds the metrics and threshold alerts (driftwatch run --format json)",
      "  - Model Monitor analyses each period's capture; every run reads all capture under the prefix (set the capture source's from/to to bound it)",
      '  - probability threshold 0.5: the prediction is the captured inference attribute 0',
      '  - CloudWatch metrics not published: true_positive_rate (the same figure as recall), false_positive_rate, false_negative_rate, confusion matrix cells',
      '  - constraint precision GreaterThanThreshold 0.5: Driftwatch bounds a metric on its bad side only (low precision)',
      "  - Model Monitor compares with the constraints only: the monitor's reference is the labelled capture itself, whose drift figures are not published",
      '',
    ]);
    expect(wire.operations().slice(before)).toEqual([
      'DescribeMonitoringSchedule',
      'DescribeModelQualityJobDefinition',
      'DescribeEndpoint',
      'DescribeEndpointConfig',
    ]);
    const yaml = readFileSync(join(dir, 'fraud.yaml'), 'utf8');
    expect(yaml).toContain(
      '"uri":"s3://mmon/capture/fraud-ep","outputColumns":["prediction","probability"],"groundTruthUri":"s3://mmon/ground-truth/fraud","targetColumn":"ground_truth"',
    );
    expect(yaml).toContain('    schedule: "0 0 * * *" # Model Monitor: cron(0 0 ? * * *)');
    expect(yaml).toContain('schema: {"target":"ground_truth","prediction":"prediction","proba":"probability"');
    expect(yaml).toContain('windows: {"count":1}');
    expect(yaml).toContain('"thresholds":{"recall":0.8,"accuracy":0.8,"fbeta:binary:beta=2":0.3,"specificity":0.9}');
    expect(yaml).toContain(
      '"sagemaker":{"target":"endpoint","endpointName":"fraud-ep","modelQualitySchedule":"fraud-mq","unmapped":"drop"',
    );
    const validated = await driftwatch(dir, 'config', 'validate', '--config', 'fraud.yaml');
    expect(validated.stderr).toBe('');
    expect(validated.status).toBe(0);
  });

  it('runs the imported model-quality monitor and publishes Model Monitor’s model-quality names and values', async () => {
    const r = await driftwatch(dir, 'run', '--config', 'fraud.yaml', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    // Labels joined by event id from both uploads; the 10 events without one are unlabelled rows.
    expect(result.performance.data).toMatchObject({ rows: 300, labelledRows: 290 });
    // The figures on the labelled events only, counted here from the rows.
    const rows = fraud.filter((x) => x.labelled);
    const accuracy = rows.filter((x) => x.actual === x.predicted).length / rows.length;
    const positives = rows.filter((x) => x.actual === 1);
    const recall = positives.filter((x) => x.predicted === 1).length / positives.length;
    const negatives = rows.filter((x) => x.actual === 0);
    const specificity = negatives.filter((x) => x.predicted === 0).length / negatives.length;
    expect(recall).toBeLessThan(0.8);
    expect(accuracy).toBeGreaterThan(0.8);
    const metrics = Object.fromEntries(result.performance.metrics.map((m: { metric: string; value: number }) => [m.metric, m.value]));
    expect(metrics.accuracy).toBeCloseTo(accuracy, 12);
    expect(metrics.recall).toBeCloseTo(recall, 12);
    expect(metrics.specificity).toBeCloseTo(specificity, 12);
    // Only recall breaks its constraint (Model Monitor's recall < 0.8).
    expect(result.performance.alerts.map((a: { metric: string; side: string }) => [a.metric, a.side])).toEqual([['recall', 'below']]);
    const listed = await cloudWatch.send(new ListMetricsCommand({ Namespace: 'aws/sagemaker/Endpoints/model-metrics' }));
    const dims = [
      { Name: 'Endpoint', Value: 'fraud-ep' },
      { Name: 'MonitoringSchedule', Value: 'fraud-mq' },
    ];
    const names = (listed.Metrics ?? [])
      .filter((m) => JSON.stringify([...(m.Dimensions ?? [])].sort((a, b) => (a.Name! < b.Name! ? -1 : 1))) === JSON.stringify(dims))
      .map((m) => m.MetricName)
      .sort();
    expect(names).toEqual(['accuracy', 'auc', 'f0_5', 'f1', 'f2', 'precision', 'recall', 'true_negative_rate']);
    const value = async (MetricName: string) =>
      (
        await cloudWatch.send(
          new GetMetricStatisticsCommand({
            Namespace: 'aws/sagemaker/Endpoints/model-metrics',
            MetricName,
            Dimensions: dims,
            StartTime: new Date(Date.now() - 3_600_000),
            EndTime: new Date(Date.now() + 3_600_000),
            Period: 60,
            Statistics: ['Maximum'],
          }),
        )
      ).Datapoints?.[0]?.Maximum;
    expect(await value('recall')).toBeCloseTo(recall, 9);
    expect(await value('true_negative_rate')).toBeCloseTo(specificity, 9);
    // Nothing else of the run reaches CloudWatch: the reference-against-itself drift figures are dropped.
    const native = await cloudWatch.send(new ListMetricsCommand({ Namespace: 'Driftwatch' }));
    const ofFraud = (native.Metrics ?? []).filter((m) => m.Dimensions?.some((d) => d.Name === 'monitor' && d.Value === 'fraud-mq'));
    expect((native.Metrics ?? []).length).toBeGreaterThan(0); // the data-quality run's, which keep Driftwatch's names
    expect(ofFraud).toEqual([]);
  });

  it('a broken model-quality constraints file is bad input naming the file and JSON path (exit 2)', async () => {
    await sageMaker.send(
      new CreateModelQualityJobDefinitionCommand({
        JobDefinitionName: 'fraud-mq-broken',
        ModelQualityBaselineConfig: { ConstraintsResource: { S3Uri: 's3://mmon/baselines/broken/constraints.json' } },
        ModelQualityAppSpecification: { ImageUri: 'img', ProblemType: 'BinaryClassification' },
        ModelQualityJobInput: {
          EndpointInput: { EndpointName: 'fraud-ep', LocalPath: '/opt/ml/processing/input', InferenceAttribute: '0' },
          GroundTruthS3Input: { S3Uri: 's3://mmon/ground-truth/fraud' },
        },
        ModelQualityJobOutputConfig: {
          MonitoringOutputs: [{ S3Output: { S3Uri: 's3://mmon/r', LocalPath: '/opt/ml/processing/output' } }],
        },
        JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 20 } },
        RoleArn: role,
      }),
    );
    const r = await driftwatch(dir, ...importArgs().map((a) => (a === 'churn-dq' ? 'fraud-mq-broken' : a)), '--out', 'broken.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/s3:\/\/mmon\/baselines\/broken\/constraints\.json: \$\.binary_classification_constraints\.f1\.threshold: /);
    expect(existsSync(join(dir, 'broken.yaml'))).toBe(false);
  });

  it('a job with a probability and no inference attribute: the prediction is the probability against the job’s threshold', async () => {
    await sageMaker.send(
      new CreateModelQualityJobDefinitionCommand({
        JobDefinitionName: 'fraud-mq-proba',
        ModelQualityBaselineConfig: { ConstraintsResource: { S3Uri: 's3://mmon/baselines/fraud/constraints.json' } },
        ModelQualityAppSpecification: { ImageUri: 'img', ProblemType: 'BinaryClassification' },
        ModelQualityJobInput: {
          EndpointInput: {
            EndpointName: 'fraud-ep',
            LocalPath: '/opt/ml/processing/input',
            ProbabilityAttribute: '1',
            ProbabilityThresholdAttribute: 0.6,
          },
          GroundTruthS3Input: { S3Uri: 's3://mmon/ground-truth/fraud' },
        },
        ModelQualityJobOutputConfig: {
          MonitoringOutputs: [{ S3Output: { S3Uri: 's3://mmon/r', LocalPath: '/opt/ml/processing/output' } }],
        },
        JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 20 } },
        RoleArn: role,
      }),
    );
    const imported = await driftwatch(dir, ...importArgs().map((a) => (a === 'churn-dq' ? 'fraud-mq-proba' : a)), '--out', 'proba.yaml');
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(readFileSync(join(dir, 'proba.yaml'), 'utf8')).toContain(
      '"outputColumns":["output_0","probability"],"predictionFromProbability":{"probability":"probability","threshold":0.6}',
    );
    const r = await driftwatch(dir, 'run', '--config', 'proba.yaml', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const metrics = Object.fromEntries(
      JSON.parse(r.stdout).performance.metrics.map((m: { metric: string; value: number }) => [m.metric, m.value]),
    );
    // Counted here: predicted positive at a probability of 0.6 or more (the captured label used 0.5).
    const positives = fraud.filter((x) => x.labelled && x.actual === 1);
    const recall = positives.filter((x) => x.probability >= 0.6).length / positives.length;
    expect(recall).not.toBeCloseTo(positives.filter((x) => x.predicted === 1).length / positives.length, 6);
    expect(metrics.recall).toBeCloseTo(recall, 12);
  });

  it('a bias schedule is refused as bad input (exit 2)', async () => {
    const r = await driftwatch(dir, ...importArgs().map((a) => (a === 'churn-dq' ? 'churn-bias' : a)), '--out', 'bias.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'monitoring schedule churn-bias is of type ModelBias: only DataQuality and ModelQuality schedules are imported',
    );
  });

  it('a schedule that does not exist is a provider error naming it (exit 4)', async () => {
    const r = await driftwatch(dir, ...importArgs().map((a) => (a === 'churn-dq' ? 'nope' : a)), '--out', 'other.yaml');
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/DescribeMonitoringSchedule.*Monitoring schedule nope not found/);
  });
});
