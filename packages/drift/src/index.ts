export type { BinnedShares } from './binned/binnedShares.js';
export { binnedShares } from './binned/binnedShares.js';
export { hellinger } from './binned/hellinger.js';
export { sturgesBinEdges, sturgesEdgesOfRange } from './binned/histogramBinEdges.js';
export { histogramCounts, histogramCountsInto } from './binned/histogramCounts.js';
export { jensenShannon } from './binned/jensenShannon.js';
export { klDivergence } from './binned/klDivergence.js';
export { psi } from './binned/psi.js';
export type { AlarmCount, CalibrationCell, CalibrationTable } from './calibration/CalibrationTable.js';
export { calibrationMarkdown } from './calibration/calibrationMarkdown.js';
export type { CalibratedException } from './calibration/calibrationNotes.js';
export { calibratedExceptions, calibrationNotes } from './calibration/calibrationNotes.js';
export type { CalibrationScenario, CalibrationShift, ScenarioKind } from './calibration/calibrationScenarios.js';
export { calibrationScenarios, calibrationShifts } from './calibration/calibrationScenarios.js';
export { falseAlarmBand } from './calibration/falseAlarmBand.js';
export type { FalseAlarmColumn, FalseAlarmEstimate } from './calibration/falseAlarmRate.js';
export { describeFalseAlarmRate, falseAlarmRate } from './calibration/falseAlarmRate.js';
export { falseAlarmTable } from './calibration/falseAlarmTable.js';
export {
  assembleCalibrationTable,
  calibrationTableVersion,
  measureCalibration,
  measurePlannedCell,
} from './calibration/measureCalibration.js';
export type { CellCount, CellMeasurement, CellSpec } from './calibration/measureCalibrationCell.js';
export { measureCalibrationCell } from './calibration/measureCalibrationCell.js';
export type { CalibrationPlan, PlannedCell } from './calibration/planCalibration.js';
export { calibrationDefaults, planCalibration } from './calibration/planCalibration.js';
export { chi2Contingency, chi2ContingencyCounts } from './categorical/chi2Contingency.js';
export type { Chi2PermutationOptions } from './categorical/chi2Permutation.js';
export { chi2Permutation, chi2PermutationCounts } from './categorical/chi2Permutation.js';
export { chiSquare } from './categorical/chiSquare.js';
export { fisherExact } from './categorical/fisherExact.js';
export { gContingency, gContingencyCounts } from './categorical/gContingency.js';
export { gTest } from './categorical/gTest.js';
export { lInfinity } from './categorical/lInfinity.js';
export type { TableSampler } from './categorical/PermutedTables.js';
export { PermutedTables } from './categorical/PermutedTables.js';
export { tvd } from './categorical/tvd.js';
export { zTest } from './categorical/zTest.js';
export { chunkedCheckSeries, referenceBand } from './chunked/chunkedCheckSeries.js';
export { chunkedMetricPoints } from './chunked/chunkedMetricPoints.js';
export { compareInChunks } from './chunked/compareInChunks.js';
export type { AdjustedTest, PValueTest } from './dataset/adjustThresholds.js';
export { adjustThresholds } from './dataset/adjustThresholds.js';
export type { ColumnNames } from './dataset/selectColumns.js';
export { selectColumns } from './dataset/selectColumns.js';
export type { DistanceDriftOptions } from './embedding/distanceDrift.js';
export { distanceDrift } from './embedding/distanceDrift.js';
export type { EmbeddingDriftResult } from './embedding/EmbeddingDriftResult.js';
export type { EmbeddingMatrix } from './embedding/EmbeddingMatrix.js';
export type { EmbeddingMethodName, EmbeddingMethodSpec } from './embedding/EmbeddingMethodSpec.js';
export { embeddingMethodNames } from './embedding/EmbeddingMethodSpec.js';
export { defaultEmbeddingMethod, embeddingDrift } from './embedding/embeddingDrift.js';
export type { MmdDriftOptions } from './embedding/mmdDrift.js';
export { mmdDrift } from './embedding/mmdDrift.js';
export type { ModelDriftOptions } from './embedding/modelDrift.js';
export { modelDrift } from './embedding/modelDrift.js';
export { checkEmbeddingMethod, isEmbeddingMethod, parseEmbeddingMethod } from './embedding/parseEmbeddingMethod.js';
export type { RatioDriftOptions } from './embedding/ratioDrift.js';
export { ratioDrift } from './embedding/ratioDrift.js';
export type { EmbeddingMetric } from './embedding/vectorDistance.js';
export { embeddingMetrics } from './embedding/vectorDistance.js';
export type { ProfiledSide } from './engine/ExactDriftEngine.js';
export { ExactDriftEngine } from './engine/ExactDriftEngine.js';
export type {
  CategoricalSample,
  DriftMethod,
  DriftRule,
  MethodDomain,
  MethodOutput,
  MethodSample,
  NumericSample,
} from './methods/DriftMethod.js';
export { isDrift } from './methods/DriftMethod.js';
export { driftMethods } from './methods/driftMethods.js';
export { runDriftMethod, startDriftMethod } from './methods/runDriftMethod.js';
export type { ModelMonitorEvaluation, ModelMonitorFeatureResult } from './modelMonitor/evaluateModelMonitorConstraints.js';
export { evaluateModelMonitorConstraints } from './modelMonitor/evaluateModelMonitorConstraints.js';
export { KllSketch, modelMonitorKllParameters } from './modelMonitor/KllSketch.js';
export type { ModelMonitorBaseline } from './modelMonitor/modelMonitorBaseline.js';
export {
  modelMonitorBaselineOf,
  modelMonitorConstraintsOf,
  modelMonitorDefaultConfig,
  modelMonitorStatisticsOf,
} from './modelMonitor/modelMonitorBaseline.js';
export type { ChiSquaredFit, LInfinityDistance, WeightedValues } from './modelMonitor/modelMonitorDistances.js';
export {
  categoricalChiSquared,
  categoricalLInfinity,
  numericLInfinity,
  weightedValuesOfBuckets,
  weightedValuesOfSample,
  weightedValuesOfSketch,
} from './modelMonitor/modelMonitorDistances.js';
export type { AttachedModelMonitorBaseline } from './modelMonitor/modelMonitorReferenceFrame.js';
export {
  attachedModelMonitorBaseline,
  modelMonitorBaselineSchema,
  modelMonitorReferenceFrame,
} from './modelMonitor/modelMonitorReferenceFrame.js';
export type {
  ModelMonitorConstraints,
  ModelMonitorInferredType,
  ModelMonitorStatistics,
  ModelMonitorViolation,
  ModelMonitorViolations,
} from './modelMonitor/modelMonitorSchemas.js';
export { modelMonitorCheckTypes } from './modelMonitor/modelMonitorSchemas.js';
export type { ModelMonitorFileKind } from './modelMonitor/parseModelMonitorFile.js';
export { formatJsonPath, parseModelMonitorFile } from './modelMonitor/parseModelMonitorFile.js';
export type { ClassifierDriftOptions } from './multivariate/classifierDrift.js';
export { classifierDefaults, classifierDrift } from './multivariate/classifierDrift.js';
export type { ReconstructionModel } from './multivariate/fitReconstruction.js';
export { defaultVarianceShare, fitReconstruction, reconstructionErrors } from './multivariate/fitReconstruction.js';
export { multivariateDrift } from './multivariate/multivariateDrift.js';
export { multivariateMetricPoints } from './multivariate/multivariateMetricPoints.js';
export type { ReconstructionDriftOptions } from './multivariate/reconstructionDrift.js';
export { reconstructionDrift } from './multivariate/reconstructionDrift.js';
export type { TabularEncoding } from './multivariate/tabularEncoding.js';
export { encodeRows, fitTabularEncoding } from './multivariate/tabularEncoding.js';
export type { MmdOptions, MmdResult } from './numeric/mmd.js';
export { mmd } from './numeric/mmd.js';
export type { WilcoxonResult } from './paired/wilcoxonSignedRank.js';
export { wilcoxonSignedRank } from './paired/wilcoxonSignedRank.js';
export { driftMetricPoints } from './points/driftMetricPoints.js';
export { NumericProfile, profileDistinctCap, profileSampleSize } from './profile/NumericProfile.js';
export { maxCdfEdges, planProfileBins } from './profile/planProfileBins.js';
export type { ProfileOutput } from './profile/profileDrift.js';
export { profileDrift, profileMethods } from './profile/profileDrift.js';
export type { ColumnEvidence } from './selection/selectDefaultMethod.js';
export { meetsCochranRule, selectDefaultMethod } from './selection/selectDefaultMethod.js';
export { sortedCopy } from './special/ascending.js';
export { chi2Sf, normSf, tTwoSided } from './special/distributions.js';
export { numpyStd } from './special/numpySum.js';
export type { AdwinOptions } from './streaming/Adwin.js';
export { Adwin, adwinParams } from './streaming/Adwin.js';
export type { CusumOptions } from './streaming/Cusum.js';
export { Cusum, cusumParams } from './streaming/Cusum.js';
export type { DdmOptions } from './streaming/Ddm.js';
export { Ddm, ddmParams } from './streaming/Ddm.js';
export type { DetectorParam, DetectorParamType } from './streaming/DetectorParam.js';
export { describeRange } from './streaming/DetectorParam.js';
export type { EddmOptions } from './streaming/Eddm.js';
export { Eddm, eddmParams } from './streaming/Eddm.js';
export type { HddmAOptions } from './streaming/HddmA.js';
export { HddmA, hddmAParams } from './streaming/HddmA.js';
export type { HddmWOptions } from './streaming/HddmW.js';
export { HddmW, hddmWParams } from './streaming/HddmW.js';
export type { KswinOptions } from './streaming/Kswin.js';
export { Kswin, kswinParams } from './streaming/Kswin.js';
export type { ChangeMode, PageHinkleyOptions } from './streaming/PageHinkley.js';
export { PageHinkley, pageHinkleyParams } from './streaming/PageHinkley.js';
export type { ReplayResult } from './streaming/replayStream.js';
export { replayBlock, replayStream } from './streaming/replayStream.js';
export type { StreamingDetector } from './streaming/StreamingDetector.js';
export type { StreamingDetectorEntry, StreamingDetectorName, StreamingDetectorOptions } from './streaming/streamingDetectors.js';
export { parseDetectorParams, streamingDetector, streamingDetectors } from './streaming/streamingDetectors.js';
export { textContentMethod } from './text/testTextColumn.js';
export type { TextContentDrift, TextContentDriftOptions } from './text/textContentDrift.js';
export { textContentDrift } from './text/textContentDrift.js';
export type { TextDescriptor, TextDescriptorOptions } from './text/textDescriptors.js';
export { builtinDescriptors, textDescriptors } from './text/textDescriptors.js';
export type { AndersonKSampResult } from './univariate/andersonKSamp.js';
export { andersonKSamp } from './univariate/andersonKSamp.js';
export type { CramerVonMises2sampResult } from './univariate/cramerVonMises2samp.js';
export { cramerVonMises2samp } from './univariate/cramerVonMises2samp.js';
export { energyDistance } from './univariate/energyDistance.js';
export type { EppsSingletonResult } from './univariate/eppsSingleton2samp.js';
export { eppsSingleton2samp } from './univariate/eppsSingleton2samp.js';
export type { Ks2sampResult } from './univariate/ks2samp.js';
export { ks2samp } from './univariate/ks2samp.js';
export type { KsPermutationOptions, KsPermutationResult } from './univariate/ksPermutation.js';
export { ksPermutation } from './univariate/ksPermutation.js';
export type { MannWhitneyUResult } from './univariate/mannWhitneyU.js';
export { mannWhitneyU } from './univariate/mannWhitneyU.js';
export { wassersteinDistance } from './univariate/wassersteinDistance.js';
export type { WelchTTestResult } from './univariate/welchTTest.js';
export { welchTTest } from './univariate/welchTTest.js';
