// Worker thread of `readDataFileOffThread`: waits for its job (started ahead of the read, it loads these
// modules meanwhile), reads the one file and moves the frame's arrays to the thread that asked
// (transfer, no copy).
import { parentPort } from 'node:worker_threads';
import { describeFailure, frameBuffers, frameMessage, type ReadFileJob, type ReadFileReply } from './ReadFileJob.js';
import { readDataFile } from './readDataFile.js';

const port = parentPort;
const send = (reply: ReadFileReply, transfer: ArrayBuffer[] = []) => port?.postMessage(reply, transfer);

port?.once('message', async (job: ReadFileJob) => {
  try {
    // This thread does nothing else while it reads: synchronous reads spare each chunk a thread-pool trip.
    const frame = await readDataFile(job.file, {
      ...job.options,
      syncReads: true,
      onProgress: (bytesRead, totalBytes) => send({ type: 'progress', bytesRead, totalBytes }),
    });
    const message = frameMessage(frame);
    send({ type: 'done', frame: message }, frameBuffers(message));
  } catch (error) {
    send({ type: 'failed', error: describeFailure(error) });
  }
});
