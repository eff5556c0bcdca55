/** The connection options (region, endpoint, profile, retries) every provider of the plugin takes, for callers outside a config. */
export { awsConnectionOptions as bedrockConnectionOptions } from '@driftwatch/aws-common';
export { createBedrockClient } from './aws/createControlClients.js';
export { bedrockPlugin, bedrockPlugin as default } from './bedrockPlugin.js';
export { ChampionFileDeployer } from './deploy/ChampionFileDeployer.js';
export type { ChampionFileOptions } from './deploy/championFileOptions.js';
export type { ChampionValue } from './deploy/championValue.js';
export { SsmParameterDeployer } from './deploy/SsmParameterDeployer.js';
export type { SsmParameterOptions } from './deploy/ssmParameterOptions.js';
export { bedrockEvaluationEngine } from './evaluation/bedrockEvaluationEngine.js';
export { bootstrapMeanCi } from './evaluation/bootstrapMeanCi.js';
export { compareEvaluations } from './evaluation/compareEvaluations.js';
export type {
  EvaluationItemResult,
  EvaluationResult,
  ScorerChange,
  ScorerSummary,
  ScoreSummary,
} from './evaluation/EvaluationResult.js';
export type { BuiltinRubric, EvaluationSuite, InferenceParams, ModelPrice, ScorerSpec } from './evaluation/EvaluationSuite.js';
export { evaluationDependencies } from './evaluation/evaluationDependencies.js';
export { evaluationPoints } from './evaluation/evaluationPoints.js';
export { formatChange } from './evaluation/formatChange.js';
export { judgeRubrics } from './evaluation/judgeRubrics.js';
export type { Judgement } from './evaluation/parseJudgement.js';
export { judgementSchema, parseJudgement } from './evaluation/parseJudgement.js';
export { ResponseCache } from './evaluation/ResponseCache.js';
export type { GoldenItem } from './evaluation/readGoldenSet.js';
export { readGoldenSet } from './evaluation/readGoldenSet.js';
export type { EvaluationDependencies } from './evaluation/runEvaluation.js';
export { runEvaluation, TokenBudgetExceededError } from './evaluation/runEvaluation.js';
export type { RunCounters } from './evaluation/summarizeEvaluation.js';
export { higherIsBetter, passes, summarizeEvaluation } from './evaluation/summarizeEvaluation.js';
export type { TokenBucketClock } from './evaluation/TokenBucket.js';
export { estimateTokens, systemBucketClock, TokenBucket } from './evaluation/TokenBucket.js';
export type { BedrockInvocationLogsDependencies } from './logs/BedrockInvocationLogsDataSource.js';
export { BedrockInvocationLogsDataSource, invocationColumns } from './logs/BedrockInvocationLogsDataSource.js';
export type {
  BedrockInvocationLogsOptions,
  TrafficEmbeddingOptions,
  TrafficJudgeOptions,
  TrafficRefusalOptions,
} from './logs/bedrockInvocationLogsOptions.js';
export { bedrockInvocationLogsOptions, defaultTrafficCache } from './logs/bedrockInvocationLogsOptions.js';
export type { InvocationRow, ResolvedBodies } from './logs/decodeInvocationRecord.js';
export { decodeInvocationRecord } from './logs/decodeInvocationRecord.js';
export type { InvocationLoggingStatus } from './logs/readInvocationLoggingStatus.js';
export { invocationLoggingStatusSchemaVersion, readInvocationLoggingStatus } from './logs/readInvocationLoggingStatus.js';
export { markBedrockRetryable } from './runtime-client/bedrockRetryable.js';
export type { ConverseOutcome } from './runtime-client/converseWithRetry.js';
export { converseWithRetry } from './runtime-client/converseWithRetry.js';
export { createBedrockRuntimeClient } from './runtime-client/createBedrockRuntimeClient.js';
export type { EmbedTextOptions, EmbedTextResult } from './runtime-client/embedText.js';
export { embedText } from './runtime-client/embedText.js';
export type { BleuStatistics } from './scoring/bleuStatistics.js';
export { bleuStatistics } from './scoring/bleuStatistics.js';
export type { ContainsCheckOptions } from './scoring/containsCheck.js';
export { containsCheck } from './scoring/containsCheck.js';
export { corpusBleu } from './scoring/corpusBleu.js';
export { exactMatch } from './scoring/exactMatch.js';
export type { JsonSchemaVerdict } from './scoring/jsonSchemaCheck.js';
export { jsonSchemaCheck } from './scoring/jsonSchemaCheck.js';
export { normalizedMatch } from './scoring/normalizedMatch.js';
export { regexCheck } from './scoring/regexCheck.js';
export type { ResponseLength } from './scoring/responseLength.js';
export { responseLength } from './scoring/responseLength.js';
export type { RougeLScore } from './scoring/rougeL.js';
export { rougeL } from './scoring/rougeL.js';
export { rougeTokenize } from './scoring/rougeTokenize.js';
export { sentenceBleu } from './scoring/sentenceBleu.js';
export { squadNormalize } from './scoring/squadNormalize.js';
export { tokenF1 } from './scoring/tokenF1.js';
export { tokenize13a } from './scoring/tokenize13a.js';
export type { EmbeddingKey } from './traffic/EmbeddingCache.js';
export { EmbeddingCache } from './traffic/EmbeddingCache.js';
export type { EmbeddedTexts, EmbedTextsOptions } from './traffic/embedTexts.js';
export { embedTexts, maxEmbeddingChars } from './traffic/embedTexts.js';
export { inJudgeSample } from './traffic/inJudgeSample.js';
export type { JudgeTrafficOptions, TrafficJudgements, TrafficRubric } from './traffic/judgeTraffic.js';
export { judgeTraffic, passesRubric, trafficJudgePrompt, trafficRubrics } from './traffic/judgeTraffic.js';
export type { RefusalDetectorOptions } from './traffic/refusalDetector.js';
export { defaultRefusalPatterns, defaultRefusalStopReasons, refusalDetector } from './traffic/refusalDetector.js';
export type { TrafficFacts, TrafficJudgeFacts } from './traffic/trafficFigures.js';
export { trafficFigures } from './traffic/trafficFigures.js';
export { BedrockCustomizationProvider } from './training/BedrockCustomizationProvider.js';
export type { BedrockCustomizationOptions } from './training/bedrockCustomizationOptions.js';
