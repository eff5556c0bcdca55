import { localPlugin } from '@driftwatch/plugin-local';
import { createContainer, type ProviderSpec } from '@driftwatch/runtime';
import { writeAtomic } from '../output/writeAtomic.js';

/**
 * The container of a command that works on files without a config (`check`,
 * `metrics`, `estimate`): the local providers, and a JSON Lines sink when
 * `--metrics-out` names one.
 */
export function fileCommandContainer(metricsOut: string | undefined): ReturnType<typeof createContainer> {
  const sinks: ProviderSpec[] = metricsOut ? [{ type: 'jsonl', options: { path: metricsOut }, configPath: '--metrics-out' }] : [];
  return createContainer({ plugins: [localPlugin], sinks, context: { baseDir: process.cwd(), env: process.env } });
}

/** Writes a report to `--output` (atomically) or stdout, then names each sink that failed on stderr. */
export async function emitReport(
  text: string,
  output: string | undefined,
  failedSinks: readonly { type: string; reason: string }[],
): Promise<void> {
  if (output) await writeAtomic(output, text);
  else process.stdout.write(text);
  for (const f of failedSinks) process.stderr.write(`driftwatch: metrics sink ${f.type} failed: ${f.reason}\n`);
}
