// Public surface of @driftwatch/retraining: trigger policy, validation gate, data collection, orchestrator.
export type { RetrainingConfig } from './config/retrainingConfigSchema.js';
export {
  retrainingConfigSchema,
  retrainingDataSchema,
  retrainingGateSchema,
  retrainingPostDeploySchema,
  retrainingTimeoutsSchema,
  retrainingWhenSchema,
} from './config/retrainingConfigSchema.js';
export type { CollectedData, CollectInput, OutputColumns } from './data/collectTrainingData.js';
export { collectTrainingData, withPredictions } from './data/collectTrainingData.js';
export { loadHoldoutLabels } from './data/loadHoldoutLabels.js';
export type { FrameRows, SideFrame, SplitInput, TrainingSplit } from './data/splitTrainingData.js';
export { splitTrainingData } from './data/splitTrainingData.js';
export type { PairedBootstrapOptions, PairedBootstrapResult } from './gate/pairedBootstrap.js';
export { pairedBootstrap } from './gate/pairedBootstrap.js';
export type { ScoreInput } from './gate/prepareModelMetrics.js';
export { scorePredictions } from './gate/scorePredictions.js';
export type { ValidationGateInput, ValidationGateResult } from './gate/validationGate.js';
export { validationGate } from './gate/validationGate.js';
export type { RetrainingContext } from './orchestrator/RetrainingContext.js';
export type { RetrainingDeps } from './orchestrator/RetrainingDeps.js';
export { RetrainingOrchestrator } from './orchestrator/RetrainingOrchestrator.js';
export { retrainingLockName } from './orchestrator/retrainingLockName.js';
export type { RetrainingPolicyInput } from './policy/decideRetraining.js';
export { decideRetraining } from './policy/decideRetraining.js';
export type { MetricAlertSignal, RunSignals } from './policy/RunSignals.js';
export { runSignals } from './signals/runSignals.js';
