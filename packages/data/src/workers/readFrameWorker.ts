// Worker entry of `readFrames`: reads one file and posts the frame back,
// moving its typed arrays (transfer list), or posts the error as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import type { DataReadOptions } from '../DataReadOptions.js';
import { readDataFile } from '../source/readDataFile.js';
import { frameTransferList } from './frameTransferList.js';
import { serializeError } from './serializeError.js';

/** What `readFrames` passes to each worker. */
export interface ReadFrameJob {
  readonly path: string;
  readonly options: Omit<DataReadOptions, 'onProgress' | 'signal'>;
  readonly progress: boolean;
}

const port = parentPort;
if (port) {
  const job = workerData as ReadFrameJob;
  try {
    const frame = await readDataFile(job.path, {
      ...job.options,
      onProgress: job.progress ? (bytesRead, totalBytes) => port.postMessage({ type: 'progress', bytesRead, totalBytes }) : undefined,
    });
    port.postMessage({ type: 'frame', frame }, frameTransferList(frame));
  } catch (error) {
    port.postMessage({ type: 'error', error: serializeError(error) });
  }
}
