export { Redactor, redacted } from '@driftwatch/core';
export type { CheckRequest, CheckResult } from './check/CheckService.js';
export { CheckService } from './check/CheckService.js';
export type { ChunkedCheckRequest, ChunkedCheckResult } from './check/ChunkedCheck.js';
export { ChunkedCheck } from './check/ChunkedCheck.js';
export type { ContainerSpec, ProviderSpec } from './composition/createContainer.js';
export { createContainer } from './composition/createContainer.js';
export {
  checkServiceToken,
  chunkedCheckToken,
  llmEvaluationServiceToken,
  llmPromotionServiceToken,
  monitorRunnerToken,
  performanceServiceToken,
  retrainingServiceToken,
  sinkFlushServiceToken,
} from './composition/serviceTokens.js';
export type { Configured, DataSourceFactory, MonitorSinks } from './composition/tokens.js';
export {
  alarmManagersToken,
  alertChannelsToken,
  configuredSinksToken,
  dataSourceFactoryToken,
  monitorRunnerOptionsToken,
  monitorSinksToken,
  providerLifecycleToken,
  providerRegistryToken,
} from './composition/tokens.js';
export type {
  AlertRuleConfig,
  ChannelConfig,
  DriftConfig,
  DriftwatchConfig,
  MonitorConfig,
  MonitorSchemaConfig,
  PerformanceConfig,
  ProviderConfig,
  RetrainingConfig,
  SourceConfig,
  WindowsConfig,
} from './config/driftwatchConfigSchema.js';
export { driftwatchConfigSchema } from './config/driftwatchConfigSchema.js';
export type { EvaluationConfig, LlmGateConfig } from './config/evaluationConfigSchema.js';
export { evaluationConfigSchema, evaluationScorerSchema, llmGateSchema } from './config/evaluationConfigSchema.js';
export { formatConfigPath } from './config/formatConfigPath.js';
export type { LoadConfigOptions, LoadedConfig, ProviderEntry } from './config/loadConfig.js';
export {
  defaultConfigFile,
  defaultDeployer,
  defaultRegistry,
  inProcessQueueType,
  loadConfig,
  providerEntries,
  validateConfig,
} from './config/loadConfig.js';
export type { ConfigPosition } from './config/locateConfigPath.js';
export { configPathLocator, parseConfigPath } from './config/locateConfigPath.js';
export type { PlannedProvider, ProviderPlan, ProviderRole } from './config/ProviderPlan.js';
export { parseConfigText } from './config/parseConfigText.js';
export type { ServerConfig } from './config/serverConfigSchema.js';
export { defaultServerConfig, serverConfigSchema } from './config/serverConfigSchema.js';
export { sourceTypeFor } from './config/sourceTypeFor.js';
export type { Substitution, SubstitutionIssue } from './config/substituteEnv.js';
export { substituteEnv } from './config/substituteEnv.js';
export type { LlmBundle } from './llm/LlmBundle.js';
export type {
  LlmConnection,
  LlmEvaluationEngine,
  LlmEvaluationEngineLoader,
  LlmEvaluationResult,
  LlmScorerChange,
  LlmSuite,
  LlmTarget,
} from './llm/LlmEvaluationEngine.js';
export type { LlmEvaluationServiceDeps, LlmPostRun, LlmRunResult } from './llm/LlmEvaluationService.js';
export { LlmEvaluationService } from './llm/LlmEvaluationService.js';
export type { LlmPromotionOptions } from './llm/LlmPromotionService.js';
export { LlmPromotionService } from './llm/LlmPromotionService.js';
export { llmGate } from './llm/llmGate.js';
export { defaultMemoryShare, machineMemory, parseMemorySize } from './memory/parseMemorySize.js';
export type { DeliveryPolicy } from './monitor/deliverAlert.js';
export { deliverAlert } from './monitor/deliverAlert.js';
export type { MonitorExtension, MonitorExtensionInput, MonitorExtensionOutput, MonitorFrames } from './monitor/MonitorExtension.js';
export { MonitorRunner } from './monitor/MonitorRunner.js';
export type { MonitorRunnerOptions } from './monitor/MonitorRunnerOptions.js';
export { modelMonitorExtension, modelMonitorPointNames } from './monitor/modelMonitorExtension.js';
export type { EstimationRequest, PerformanceRequest, Published } from './performance/PerformanceService.js';
export { PerformanceService } from './performance/PerformanceService.js';
export type { FrameSet, FrameSetRequest } from './pipeline/readFrameSet.js';
export { readFrameSet } from './pipeline/readFrameSet.js';
export type { SourceSpec } from './pipeline/SourceSpec.js';
export { sortableCopy } from './pipeline/sortableCopy.js';
export type { ProviderContextInit } from './plugins/baseProviderContext.js';
export { baseProviderContext } from './plugins/baseProviderContext.js';
export type { LoggerOptions, LogLevel } from './plugins/createLogger.js';
export { createLogger, logLevelFrom, logLevels } from './plugins/createLogger.js';
export type { DeclaredPlugin, ProviderDeclaration } from './plugins/DeclaredPlugin.js';
export { isDeclaredPlugin } from './plugins/DeclaredPlugin.js';
export type { ProviderInfo, ProviderOptionInfo } from './plugins/describeProvider.js';
export { describeProvider } from './plugins/describeProvider.js';
export type { LifecycleFailure, ShutdownReport } from './plugins/LifecycleManager.js';
export { defaultLifecycleDeadlineMs, LifecycleManager } from './plugins/LifecycleManager.js';
export { isPluginPath, loadPlugin } from './plugins/loadPlugin.js';
export type { ConfigIssue, RegisteredProvider } from './plugins/ProviderRegistry.js';
export { describePort, ProviderRegistry } from './plugins/ProviderRegistry.js';
export type { SignalOptions, StopSignal } from './plugins/shutdownOnSignals.js';
export { shutdownOnSignals, signalExitStatus } from './plugins/shutdownOnSignals.js';
export { DeadlineError, withDeadline } from './plugins/withDeadline.js';
export type { JobHandlerParts } from './queue/createJobHandler.js';
export { createJobHandler } from './queue/createJobHandler.js';
export { InProcessJobQueue } from './queue/InProcessJobQueue.js';
export type { MonitorRunPayload } from './queue/monitorRunJob.js';
export { monitorRunJob, monitorRunJobKind, monitorRunJobRunId } from './queue/monitorRunJob.js';
export type { RetrainingJobPayload } from './queue/retrainingJob.js';
export { retrainingJob, retrainingJobExpireAfterMs, retrainingJobKind } from './queue/retrainingJob.js';
export type { RetrainingBundle } from './retraining/RetrainingBundle.js';
export { RetrainingService } from './retraining/RetrainingService.js';
export type { RetrainingServiceOptions } from './retraining/RetrainingServiceOptions.js';
export type {
  MonitorSchedulerOptions,
  MonitorScheduleStatus,
  RunReason,
  ScheduledRunOptions,
  StopOptions,
} from './schedule/MonitorScheduler.js';
export { MonitorScheduler } from './schedule/MonitorScheduler.js';
export type { MonitorSchedule, MonitorScheduleInput } from './schedule/monitorScheduleSchema.js';
export { missedRunPolicies, monitorScheduleSchema } from './schedule/monitorScheduleSchema.js';
export type { ScheduleSlots } from './schedule/scheduleSlots.js';
export { scheduleSlots } from './schedule/scheduleSlots.js';
export { mergeSchema } from './schema/mergeSchema.js';
export { monitorSchema } from './schema/monitorSchema.js';
export type { MonitorOverview } from './serve/monitorOverview.js';
export { monitorOverview, sparklineRuns } from './serve/monitorOverview.js';
export type { RunPage } from './serve/pageRuns.js';
export { decodeRunCursor, pageRuns } from './serve/pageRuns.js';
export type { RunSummary } from './serve/runSummary.js';
export { runSummary } from './serve/runSummary.js';
export type { PreparedSinkDelivery, SinkDeliveryOutcome } from './sinks/deliverToSink.js';
export { deliverToSink, prepareSinkDelivery } from './sinks/deliverToSink.js';
export type { SinkDeliveryOptions } from './sinks/SinkDeliveryOptions.js';
export { defaultSinkDeliveryOptions } from './sinks/SinkDeliveryOptions.js';
export type { SinkFlushResult } from './sinks/SinkFlushService.js';
export { SinkFlushService } from './sinks/SinkFlushService.js';
