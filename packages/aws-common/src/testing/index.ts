export { freePort } from './freePort.js';
export type { MotoAvailability } from './motoAvailability.js';
export { motoAvailability } from './motoAvailability.js';
export { motoMissingInCi } from './motoMissingInCi.js';
export { skipWithoutMoto } from './skipWithoutMoto.js';
export type { MotoServer } from './startMotoServer.js';
export { startMotoServer } from './startMotoServer.js';
