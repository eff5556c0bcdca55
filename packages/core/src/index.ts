export { compares, evaluateAlertRules } from './alerts/evaluateAlertRules.js';
export type { Alert, AlertRule, AlertSeverity } from './domain/Alert.js';
export type { Bounds } from './domain/Bounds.js';
export type { ChunkDrift, ChunkedDriftReport, ColumnSeries, ReferenceBand, SeriesPoint } from './domain/ChunkedDriftReport.js';
export { chunkedDriftReportSchemaVersion } from './domain/ChunkedDriftReport.js';
export type { ChunkPeriod, ChunkSpec, IncompletePolicy } from './domain/ChunkSpec.js';
export { chunkPeriods, incompletePolicies } from './domain/ChunkSpec.js';
export type { ColumnKind } from './domain/ColumnKind.js';
export { columnKinds } from './domain/ColumnKind.js';
export type { ColumnQuality, OutOfRange, UnseenCategories } from './domain/ColumnQuality.js';
export type {
  ColumnDrift,
  ConstantColumns,
  DriftDefaults,
  DriftReport,
  EvaluationPath,
  MethodResult,
  MultipleTestingCorrection,
  SideCounts,
} from './domain/DriftResult.js';
export { constantColumnPolicies, driftDefaultSets, driftReportSchemaVersion } from './domain/DriftResult.js';
export type { EstimatePoint, EstimateSeries, EstimationReport } from './domain/EstimationReport.js';
export { estimationReportSchemaVersion } from './domain/EstimationReport.js';
export type {
  CategoricalColumn,
  Column,
  DatetimeColumn,
  EmbeddingColumn,
  Frame,
  NumericColumn,
  ScaledDecimals,
  TextColumn,
} from './domain/Frame.js';
export { getColumn } from './domain/Frame.js';
export type { MetricPoint, MetricUnit } from './domain/MetricPoint.js';
export { metricPointKey } from './domain/MetricPoint.js';
export type { ModelListing } from './domain/ModelListing.js';
export type { AlertDelivery, FailedSink, FiredAlert, MonitorRunResult, SinkDelivery } from './domain/MonitorRunResult.js';
export { monitorRunSchemaVersion } from './domain/MonitorRunResult.js';
export type { MultivariateDrift, MultivariateMethod, MultivariatePoint } from './domain/MultivariateDrift.js';
export { multivariateMethods } from './domain/MultivariateDrift.js';
export type { MetricFigure, MetricPointFigure, MetricSeries, PerformanceReport } from './domain/PerformanceReport.js';
export { performanceReportSchemaVersion } from './domain/PerformanceReport.js';
export type { PolicyDecision } from './domain/PolicyDecision.js';
export type {
  FloorCheck,
  GateDecision,
  ModelScores,
  RetrainingAttempt,
  RetrainingData,
  RetrainingState,
  RetrainingTransition,
  RetrainingTrigger,
} from './domain/RetrainingAttempt.js';
export { retrainingStates, terminalRetrainingStates } from './domain/RetrainingAttempt.js';
export type { RetrainingOutcome } from './domain/RetrainingOutcome.js';
export { retrainingOutcomeSchemaVersion } from './domain/RetrainingOutcome.js';
export type { RetrainingPlan } from './domain/RetrainingPlan.js';
export type { ColumnRole, ColumnSpec, Schema } from './domain/Schema.js';
export { featureColumns } from './domain/Schema.js';
export type { SourceFigure } from './domain/SourceFigure.js';
export { decodeScaled, fieldsWithoutValues, scaledNumericColumn } from './domain/scaledNumericColumn.js';
export type { WindowPointOptions } from './domain/windowPoint.js';
export { windowLabel, windowPoint } from './domain/windowPoint.js';
export type { OptionWording, SelectionOption, SelectionProblem } from './errors/ColumnSelectionError.js';
export { ColumnSelectionError, describeSelection, isColumnSelectionError } from './errors/ColumnSelectionError.js';
export type { ErrorCode, InputLocation } from './errors/DriftwatchError.js';
export { ConfigError, DriftwatchError, errorCodes, InputError, ProviderError, StateError, UsageError } from './errors/DriftwatchError.js';
export { exitStatus, exitStatusFor } from './errors/exitStatus.js';
export type { ErrorFamily } from './errors/isDriftwatchError.js';
export {
  errorFamily,
  isConfigError,
  isDriftwatchError,
  isInputError,
  isProviderError,
  isStateError,
  isUsageError,
} from './errors/isDriftwatchError.js';
export { normaliseEventTimes } from './events/normaliseEventTimes.js';
export { decodeNonFinite, encodeNonFinite } from './json/nonFiniteNumbers.js';
export type { JsonTextOptions } from './json/toJsonText.js';
export { toJsonText } from './json/toJsonText.js';
export type { Clock } from './plugin/Clock.js';
export { systemClock } from './plugin/Clock.js';
export type { DriftwatchPlugin, PortName, PortTypes, Provider, ProviderDefinition } from './plugin/definePlugin.js';
export { definePlugin, defineProvider, isDriftwatchPlugin, portNames } from './plugin/definePlugin.js';
export type { LogFn, Logger } from './plugin/Logger.js';
export type { ProviderContext } from './plugin/ProviderContext.js';
export type { LifecycleCallOptions, ProviderLifecycle } from './plugin/ProviderLifecycle.js';
export type { AlarmManager, AlarmSyncPlan, AlarmSyncResult, PendingAlarmRule } from './ports/AlarmManager.js';
export type { AlertChannel, DeliveryResult } from './ports/AlertChannel.js';
export type { DataSource, ReadOptions } from './ports/DataSource.js';
export type { Deployer, DeploymentContext, DeploymentResult } from './ports/Deployer.js';
export type { DriftEngine, DriftOptions } from './ports/DriftEngine.js';
export type { EvaluationSet, Evaluator, Predictions } from './ports/Evaluator.js';
export type { EnqueueResult, Job, JobHandler, JobQueue, JobRequest, WorkOptions } from './ports/JobQueue.js';
export type { MetricsSink } from './ports/MetricsSink.js';
export type { ModelRegistry, ModelVersion, ModelVersionStatus, NewModelVersion } from './ports/ModelRegistry.js';
export type { AttemptQuery, RunRecord, RunStore, RunSummary } from './ports/RunStore.js';
export type {
  AlertStore,
  EventStore,
  IngestResult,
  MetricSeriesStore,
  SeriesQuery,
  StoredAlert,
  StoredEvent,
  StoredSeries,
  StoredSeriesPoint,
  TokenRecord,
  TokenScope,
  TokenStore,
} from './ports/ServerStores.js';
export type { OutboxBounds, OutboxContents, SinkOutbox } from './ports/SinkOutbox.js';
export type { TrainingJob, TrainingProvider, TrainingRequest, TrainingStatus } from './ports/TrainingProvider.js';
export { driftEngineToken, jobQueueToken, metricsSinkToken, runStoreToken } from './ports/tokens.js';
export { NumpyRandomState } from './random/NumpyRandomState.js';
export { seedSchema } from './random/seedSchema.js';
export { Xoshiro128 } from './random/Xoshiro128.js';
export { summariseRun } from './runs/summariseRun.js';
export { isCredentialEnvName, isCredentialHeader, isCredentialKey, Redactor, redacted } from './secrets/Redactor.js';
export { buildStoredSeries, seriesKey } from './series/buildStoredSeries.js';
export { downsampleSeries } from './series/downsampleSeries.js';
export { radixSortFloat64 } from './sort/radixSortFloat64.js';
export { radixSortInt32 } from './sort/radixSortInt32.js';
export { durationAtLeast, durationSchema } from './time/durationSchema.js';
export { formatDuration } from './time/formatDuration.js';
export { durationMessage, msPerDurationUnit, parseDuration } from './time/parseDuration.js';
