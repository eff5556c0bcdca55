/** The standard output streams {@link onStdioCreated} can watch. */
export type StdioName = 'stdout' | 'stderr';

/**
 * Runs `hook` with `process[name]` when something first reads it, instead of reading it now.
 * Node creates `process.stdout` and `process.stderr` on first access, and for a pipe (a CLI's
 * usual stdout) that loads `net` and the whole stream stack: ~10% of a small command's start-up,
 * spent even by a command that prints through {@link writeStdout} or prints nothing. Wraps the
 * current getter, so hooks chain; the returned function restores the getter this call replaced
 * (call in reverse order of installation), not what the hook did to the stream.
 */
export function onStdioCreated(name: StdioName, hook: (stream: NodeJS.WriteStream) => void): () => void {
  const original = Object.getOwnPropertyDescriptor(process, name);
  const get = original?.get;
  if (original === undefined || get === undefined || !original.configurable) {
    hook(process[name]);
    return () => {};
  }
  let seen = false;
  Object.defineProperty(process, name, {
    ...original,
    get() {
      const stream = get.call(process) as NodeJS.WriteStream;
      if (!seen) {
        seen = true;
        hook(stream);
      }
      return stream;
    },
  });
  return () => {
    Object.defineProperty(process, name, original);
  };
}
