export type { MotoAvailability, MotoServer } from './motoServer.js';
export { freePort, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from './motoServer.js';
