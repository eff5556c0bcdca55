import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Launches moto's standalone server (`python3 -m moto.server`) for
 * integration tests of AWS plugins: real SDK clients talk to it over HTTP.
 * Copy this file into another AWS plugin's `src/__tests__/` as is.
 */
export interface MotoServer {
  /** `http://127.0.0.1:<port>`, for a client's `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL after 2 s). */
  stop(): Promise<void>;
}

/** Whether moto can run here; when not, why (for `describe.skipIf` messages). */
export type MotoAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

const python = process.env.PYTHON ?? 'python3';

/**
 * Checks that `python3 -c "import moto.server"` works. Synchronous so a test
 * file can decide at collection time whether to skip.
 */
export function motoAvailability(): MotoAvailability {
  const probe = spawnSync(python, ['-c', 'import moto, moto.server, flask'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error) return { available: false, reason: `${python} cannot be run (${probe.error.message})` };
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split('\n').pop() ?? '';
    return { available: false, reason: `moto[server] is not installed for ${python} (${last}); pip install 'moto[server]'` };
  }
  return { available: true };
}

/**
 * True when tests that need moto must be skipped: moto is missing and this is
 * not CI. In CI (`CI` set) a missing moto is never skipped: the test's
 * `startMotoServer` then fails with the reason.
 */
export function skipWithoutMoto(availability: MotoAvailability): boolean {
  if (availability.available || process.env.CI) return false;
  console.warn(`skipping moto integration tests: ${availability.reason}`);
  return true;
}

/**
 * The reason moto is missing when it must not be (CI set), else undefined. A
 * test file adds a test that fails with it, so CI counts a failed test rather
 * than only a failed hook.
 */
export function motoMissingInCi(availability: MotoAvailability): string | undefined {
  if (availability.available || !process.env.CI) return undefined;
  return `moto is required when CI is set: ${availability.reason}`;
}

/** A free TCP port on 127.0.0.1, from the OS (listen on port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || address === null) {
        server.close();
        reject(new Error('no port from listen(0)'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/** Starts moto on a free port and resolves once it answers HTTP; rejects with its output if it does not within `timeoutMs`. */
export async function startMotoServer(timeoutMs = 60_000): Promise<MotoServer> {
  const availability = motoAvailability();
  if (!availability.available) throw new Error(`moto is required for these tests: ${availability.reason}`);
  const port = await freePort();
  const child = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
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
