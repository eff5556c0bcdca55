import { type ChildProcess, spawn } from 'node:child_process';

/** A program started for a test, answering HTTP on 127.0.0.1. */
export interface RunningProgram {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** Its last 8 000 characters of stdout and stderr, for failure messages. */
  output(): string;
  /** Stops it (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/**
 * Spawns `binary args` and resolves once `GET <url><readyPath>` answers 200 (or 401); rejects with its
 * output when it exits or does not answer within `timeoutMs`.
 */
export async function startProcess(
  binary: string,
  args: readonly string[],
  port: number,
  readyPath: string,
  timeoutMs: number,
): Promise<RunningProgram> {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  child.on('error', (e) => {
    spawnError = e;
  });
  const url = `http://127.0.0.1:${port}`;
  const program: RunningProgram = { url, port, output: () => output, stop: () => stop(child) };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`${binary} could not be started: ${spawnError.message}`);
    if (child.exitCode !== null) throw new Error(`${binary} exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      // 401: up, behind basic auth (a gateway started with --web.config.file).
      if (res.ok || res.status === 401) return program;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await program.stop();
  throw new Error(`${binary} did not answer ${url}${readyPath} within ${timeoutMs} ms:\n${output}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
