import { spawnSync } from 'node:child_process';
import { motoPython } from './motoPython.js';

/** Whether moto can run here; when not, why (for `describe.skipIf` messages). */
export type MotoAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

/**
 * Checks that `python3 -c "import moto.server"` works. Synchronous so a test
 * file can decide at collection time whether to skip.
 */
export function motoAvailability(): MotoAvailability {
  const probe = spawnSync(motoPython, ['-c', 'import moto, moto.server, flask'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error) return { available: false, reason: `${motoPython} cannot be run (${probe.error.message})` };
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split('\n').pop() ?? '';
    return { available: false, reason: `moto[server] is not installed for ${motoPython} (${last}); pip install 'moto[server]'` };
  }
  return { available: true };
}
