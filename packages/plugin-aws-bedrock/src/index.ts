export { createBedrockRuntimeClient } from './runtime-client/createBedrockRuntimeClient.js';
