// Public surface of @driftwatch/metrics (performance metrics part; label-free estimation lives in ./estimation).
export type { ClassificationInput } from './classification/ClassificationInput.js';
export { confusionMatrix } from './classification/confusionMatrix.js';
export type { CbpeChunkEstimate, CbpeEstimates, CbpeOptions } from './estimation/Cbpe.js';
export { Cbpe } from './estimation/Cbpe.js';
export type { ChunkRows } from './estimation/ChunkRows.js';
export { chunkLength, chunksByCount, chunksBySize } from './estimation/ChunkRows.js';
export type { ClassifierOutputs } from './estimation/ClassifierOutputs.js';
export type { CbpeMetric, ConfusionMetric } from './estimation/cbpeMetrics.js';
export { cbpeMetrics, metricFromCounts } from './estimation/cbpeMetrics.js';
export type { CovariateShiftScenario, CovariateShiftScenarioOptions } from './estimation/covariateShiftScenario.js';
export { covariateShiftScenario } from './estimation/covariateShiftScenario.js';
export type { EstimationOptions } from './estimation/estimatePerformance.js';
export { estimatePerformance } from './estimation/estimatePerformance.js';
export { estimationPoints } from './estimation/estimationPoints.js';
export { expectedCalibrationError } from './estimation/expectedCalibrationError.js';
export { IsotonicRegression } from './estimation/IsotonicRegression.js';
export type { CalibrationCheck, CalibrationCheckOptions } from './estimation/needsCalibration.js';
export { needsCalibration } from './estimation/needsCalibration.js';
export { realisedMetrics } from './estimation/realisedMetrics.js';
export type { MetricThresholds, ReferenceThresholdOptions } from './estimation/referenceThresholds.js';
export { isOutside, referenceThresholds } from './estimation/referenceThresholds.js';
export type { CalibrationMode } from './estimation/ScoreCalibrator.js';
export { SeededRandom } from './estimation/SeededRandom.js';
export type { ClassificationColumns, ModelColumns } from './modelData/modelColumns.js';
export { classificationColumns, positiveLabelDefaults, sortLabels } from './modelData/modelColumns.js';
export type { ModelData, ModelDataRequest, ModelTask } from './modelData/modelData.js';
export { modelColumnSpecs, modelDataFromFrame } from './modelData/modelData.js';
export type { ModelMonitorMetric } from './modelMonitor/modelQualityStatistics.js';
export {
  modelMonitorQualityMetricSpecs,
  modelQualityMinRowsForDeviation,
  modelQualityStatistics,
} from './modelMonitor/modelQualityStatistics.js';
export type { PerformanceOptions } from './performance/evaluatePerformance.js';
export { defaultMetrics, evaluatePerformance, metricInput } from './performance/evaluatePerformance.js';
export { performancePoints } from './performance/performancePoints.js';
export type { ComputeOptions } from './registry/computeMetric.js';
export { computeMetric } from './registry/computeMetric.js';
export type { EvaluateOptions, MetricResult } from './registry/evaluateMetrics.js';
export { evaluateMetrics } from './registry/evaluateMetrics.js';
export type { Average, MetricName, MetricSpec, ZeroDivision } from './registry/MetricSpec.js';
export type { MetricValue, NullReason } from './registry/MetricValue.js';
export type { MetricDefinition, MetricNeeds, MetricRange, MetricTask } from './registry/metricRegistry.js';
export { getMetricDefinition, isMetricName, metricDefinitions, metricNames, metricRange } from './registry/metricRegistry.js';
export type { PreparedMetric } from './registry/PreparedMetric.js';
export { formatMetricSpec, parseMetricSpec, parseMetricSpecs } from './registry/parseMetricSpec.js';
export type { MetricInput } from './registry/prepareMetric.js';
export { isClassificationInput, prepareMetric } from './registry/prepareMetric.js';
export type { RegressionInput } from './regression/RegressionInput.js';
export type { ChunkAlert } from './thresholds/findAlerts.js';
export { findAlerts } from './thresholds/findAlerts.js';
export type { ResolveThresholdOptions } from './thresholds/resolveThreshold.js';
export { resolveThreshold } from './thresholds/resolveThreshold.js';
export type { Threshold } from './thresholds/Threshold.js';
export type { BootstrapOptions, BootstrapResult, ConfidenceInterval } from './uncertainty/bootstrapInterval.js';
export { bootstrapInterval } from './uncertainty/bootstrapInterval.js';
export type { MetricSamplingError, MetricSamplingErrorOptions } from './uncertainty/metricSamplingError.js';
export { metricSamplingError } from './uncertainty/metricSamplingError.js';
