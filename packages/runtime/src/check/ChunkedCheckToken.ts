import type { ServiceIdentifier } from 'inversify';
import type { ChunkedCheck } from './ChunkedCheck.js';

/** The {@link ChunkedCheck} service; bind it with `container.bind(chunkedCheckToken).to(ChunkedCheck)`. */
export const chunkedCheckToken = Symbol.for('driftwatch.runtime.ChunkedCheck') as ServiceIdentifier<ChunkedCheck>;
