import type { ServiceIdentifier } from 'inversify';
import type { CheckService } from '../check/CheckService.js';
import type { ChunkedCheck } from '../check/ChunkedCheck.js';
import type { LlmEvaluationService } from '../llm/LlmEvaluationService.js';
import type { LlmPromotionService } from '../llm/LlmPromotionService.js';
import type { MonitorRunner } from '../monitor/MonitorRunner.js';
import type { PerformanceService } from '../performance/PerformanceService.js';
import type { RetrainingService } from '../retraining/RetrainingService.js';
import type { SinkFlushService } from '../sinks/SinkFlushService.js';

// The use cases the apps get from the container. Only the composition root and the apps import this
// file; the use cases inject what tokens.ts names.
export const checkServiceToken = Symbol.for('driftwatch.runtime.CheckService') as ServiceIdentifier<CheckService>;
/** The {@link ChunkedCheck} service (`check --window`). */
export const chunkedCheckToken = Symbol.for('driftwatch.runtime.ChunkedCheck') as ServiceIdentifier<ChunkedCheck>;
export const performanceServiceToken = Symbol.for('driftwatch.runtime.PerformanceService') as ServiceIdentifier<PerformanceService>;
export const monitorRunnerToken = Symbol.for('driftwatch.runtime.MonitorRunner') as ServiceIdentifier<MonitorRunner>;
export const retrainingServiceToken = Symbol.for('driftwatch.runtime.RetrainingService') as ServiceIdentifier<RetrainingService>;
/** The {@link SinkFlushService} (`driftwatch sinks flush`). */
export const sinkFlushServiceToken = Symbol.for('driftwatch.runtime.SinkFlushService') as ServiceIdentifier<SinkFlushService>;
/** The {@link LlmEvaluationService}: the config's golden-set suites run as monitors (`eval`, `run`, the scheduler). */
export const llmEvaluationServiceToken = Symbol.for('driftwatch.runtime.LlmEvaluationService') as ServiceIdentifier<LlmEvaluationService>;
/** The {@link LlmPromotionService}: the suites' `promotion:` loops (`retrain <suite>`, alerts). */
export const llmPromotionServiceToken = Symbol.for('driftwatch.runtime.LlmPromotionService') as ServiceIdentifier<LlmPromotionService>;
