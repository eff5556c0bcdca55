import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './freePort.js';
import { motoAvailability } from './motoAvailability.js';
import { motoPython } from './motoPython.js';

/**
 * moto's standalone server (`python3 -m moto.server`), for integration tests
 * of AWS plugins and apps: real SDK clients talk to it over HTTP.
 */
export interface MotoServer {
  /** `http://127.0.0.1:<port>`, for a client's `endpoint`. */
  readonly endpoint: string;
  /** The TCP port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL after 2 s). */
  stop(): Promise<void>;
}

/** Starts moto on a free port and resolves once it answers HTTP; rejects with its output if it does not within `timeoutMs`. */
export async function startMotoServer(timeoutMs = 60_000): Promise<MotoServer> {
  const availability = motoAvailability();
  if (!availability.available) throw new Error(`moto is required for these tests: ${availability.reason}`);
  const port = await freePort();
  const child = spawn(motoPython, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const endpoint = `http://127.0.0.1:${port}`;
  const server: MotoServer = { endpoint, port, stop: () => stop(child) };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto.server exited with ${child.exitCode}:\n${output}`);
    try {
      // moto's own API answers any GET once the server is up.
      const res = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      return server;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await server.stop();
  throw new Error(`moto.server did not answer on ${endpoint} within ${timeoutMs} ms:\n${output}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
