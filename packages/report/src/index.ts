export type { CategoricalBars, CategorySide } from './binned/categoricalBars.js';
export { categoricalBars } from './binned/categoricalBars.js';
export type { HistogramSide, NumericHistogram } from './binned/numericHistogram.js';
export { maxHistogramBins, numericHistogram } from './binned/numericHistogram.js';
export { embeddingMethodLabel } from './format/embeddingMethodLabel.js';
export { renderHtml } from './html/renderHtml.js';
export type { ReportData } from './html/reportData.js';
export { extractReportData, parseReportData, reportDataSchemaVersion, serializeReportData } from './html/reportData.js';
export { chunkedDriftReportModel, driftSeriesChart, qualityTable } from './model/chunkedDriftReportModel.js';
export type { DatasetDriftFigures } from './model/datasetDriftVerdict.js';
export { datasetDriftVerdict } from './model/datasetDriftVerdict.js';
export { columnDistribution, distributionsOf, driftReportModel, driftRows, textSummaries } from './model/driftReportModel.js';
export { multivariateChart } from './model/multivariateChart.js';
export { alertVerdict, estimationReportModel, metricSeriesChart, performanceReportModel } from './model/performanceReportModel.js';
export type {
  ColumnDistribution,
  DriftFalseAlarms,
  DriftRow,
  MetricRow,
  MetricTable,
  QualityColumn,
  QualityRow,
  QualityTable,
  ReportModel,
  ReportSource,
  ReportVerdict,
  TextColumnSummary,
  TimeSeriesChart,
  TimeSeriesLine,
  VerdictStatus,
} from './model/ReportModel.js';
export type { ReportModelIssue } from './model/validateReportModel.js';
export { validateReportModel } from './model/validateReportModel.js';
