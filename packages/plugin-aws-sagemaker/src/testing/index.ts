export type { SageMakerCall, SageMakerReply, SageMakerWireServer } from '../__tests__/sageMakerWireServer.js';
export { startSageMakerWireServer } from '../__tests__/sageMakerWireServer.js';
