export { bedrockPlugin, bedrockPlugin as default } from './bedrockPlugin.js';
export type { ChampionValue } from './deploy/championValue.js';
export { SsmParameterDeployer } from './deploy/SsmParameterDeployer.js';
export type { SsmParameterOptions } from './deploy/ssmParameterOptions.js';
export { createBedrockRuntimeClient } from './runtime-client/createBedrockRuntimeClient.js';
export { BedrockCustomizationProvider } from './training/BedrockCustomizationProvider.js';
export type { BedrockCustomizationOptions } from './training/bedrockCustomizationOptions.js';
