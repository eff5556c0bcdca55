import { type OpenedInput, openInput } from './openInput.js';

/**
 * One open of a file, shared by the reads of one data source: the head read
 * for the schema and then the whole file go through the same handle (reads
 * are positional), so a run opens each file once. {@link close} releases it;
 * a read after that opens the file again.
 */
export class SharedInput {
  #opened: Promise<OpenedInput> | undefined;

  constructor(readonly file: string) {}

  /** The open file, opened on first use; a failed open is not kept, so the next call tries again. */
  open(): Promise<OpenedInput> {
    if (!this.#opened) {
      const opening = openInput(this.file);
      this.#opened = opening;
      opening.catch(() => {
        if (this.#opened === opening) this.#opened = undefined;
      });
    }
    return this.#opened;
  }

  /** Closes the file if it is open. Idempotent. */
  async close(): Promise<void> {
    const opened = this.#opened;
    this.#opened = undefined;
    if (!opened) return;
    const input = await opened.catch(() => undefined);
    await input?.handle.close();
  }
}

/** The file of a read: the shared input when one is given (left open for the next read), else opened and closed here. */
export async function withInput<T>(file: string, shared: SharedInput | undefined, use: (input: OpenedInput) => Promise<T>): Promise<T> {
  if (shared) return use(await shared.open());
  const input = await openInput(file);
  try {
    return await use(input);
  } finally {
    await input.handle.close();
  }
}
