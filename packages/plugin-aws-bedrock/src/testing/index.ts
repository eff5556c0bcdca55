export type { DegradingModelOptions } from './degradingModel.js';
export { degradedRefusal, degradingModel } from './degradingModel.js';
export { hashEmbedding } from './hashEmbedding.js';
export type { RubricJudgeOptions } from './rubricJudge.js';
export { rubricJudge } from './rubricJudge.js';
export type { BedrockErrorName, ConverseWireRequest, ModelAnswer, ScriptedModel, WireContentBlock, WireMessage } from './ScriptedModel.js';
export { lastUserText, textOf } from './ScriptedModel.js';
export type { BedrockRuntimeServer, BedrockRuntimeServerOptions, RecordedCall } from './startBedrockRuntimeServer.js';
export { startBedrockRuntimeServer, titanEmbedTextV2 } from './startBedrockRuntimeServer.js';
