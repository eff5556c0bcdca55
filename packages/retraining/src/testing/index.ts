// Public surface of @driftwatch/retraining/testing: in-memory fakes of the retraining ports.
export { InMemoryModelRegistry } from './InMemoryModelRegistry.js';
export type { DeployerCall } from './RecordingDeployer.js';
export { RecordingDeployer } from './RecordingDeployer.js';
export type { ScriptedJob, ScriptedOutcome } from './ScriptedTrainingProvider.js';
export { ScriptedTrainingProvider } from './ScriptedTrainingProvider.js';
export type { EvaluatorCall, TableAnswer, TableEntry } from './TableEvaluator.js';
export { TableEvaluator } from './TableEvaluator.js';
