import { randomUUID } from 'node:crypto';
import { type EnqueueResult, type JobHandler, type JobQueue, type JobRequest, StateError } from '@driftwatch/core';

/**
 * The default queue: `enqueue` runs the job in this process and resolves with the handler's
 * result once it ends (so a scheduler's run is the job's run, as before there was a queue). A key
 * already running is not run twice; nothing is stored, so a job of a process that dies is gone.
 */
export class InProcessJobQueue implements JobQueue {
  readonly shared = false;
  #handler: JobHandler | undefined;
  readonly #running = new Map<string, { readonly id: string; readonly controller: AbortController; readonly done: Promise<unknown> }>();
  #stopped = false;

  async enqueue(request: JobRequest, options: { readonly signal?: AbortSignal } = {}): Promise<EnqueueResult> {
    if (this.#stopped) throw new StateError('STATE_CONFLICT', 'the job queue is stopped; no new jobs');
    const handler = this.#handler;
    if (!handler) throw new StateError('STATE_CONFLICT', 'no handler works the in-process job queue');
    const running = this.#running.get(request.key);
    if (running) return { id: running.id, enqueued: false };
    const id = randomUUID();
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal?.reason);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = handler({ ...request, id, retry: 0, signal: controller.signal });
    this.#running.set(request.key, { id, controller, done });
    try {
      return { id, enqueued: true, result: await done };
    } finally {
      this.#running.delete(request.key);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async work(handler: JobHandler): Promise<void> {
    if (this.#handler) throw new StateError('STATE_CONFLICT', 'the in-process job queue already has a handler');
    this.#handler = handler;
  }

  async stop(options: { readonly deadlineMs: number }): Promise<void> {
    this.#stopped = true;
    const running = [...this.#running.values()];
    if (running.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const all = Promise.allSettled(running.map((r) => r.done));
    const inTime = await Promise.race([
      all.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), options.deadlineMs);
      }),
    ]);
    clearTimeout(timer);
    if (inTime) return;
    for (const r of running) r.controller.abort(new StateError('STATE_CONFLICT', 'the job queue stopped'));
    await all;
  }
}
