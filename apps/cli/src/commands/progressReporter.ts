/**
 * Shows read progress of both sides on one stderr line, only when stderr is a
 * terminal, at most ten times a second; `done()` clears the line.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): {
  update: (side: 'reference' | 'current', bytesRead: number, totalBytes: number | undefined) => void;
  done: () => void;
} {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const state: Record<string, string> = {};
  let last = 0;
  let shown = false;
  return {
    update(side, bytesRead, totalBytes) {
      state[side] = totalBytes ? `${Math.floor((100 * bytesRead) / totalBytes)}%` : `${(bytesRead / 1048576).toFixed(0)} MiB`;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      stream.write(
        `\r\x1b[2Kreading ${Object.entries(state)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
