import { localPlugin } from '@driftwatch/plugin-local';
import { createContainer, type ProviderSpec, providerLifecycleToken } from '@driftwatch/runtime';
import { processRedactor } from '../output/processRedactor.js';
import { adoptLifecycle, cliProviderContext } from '../providerLifecycles.js';

/**
 * The container of a command that works on files without a config (`check`,
 * `metrics`, `estimate`): the local providers, and a JSON Lines sink when
 * `--metrics-out` names one.
 */
export async function fileCommandContainer(metricsOut: string | undefined): ReturnType<typeof createContainer> {
  const sinks: ProviderSpec[] = metricsOut ? [{ type: 'jsonl', options: { path: metricsOut }, configPath: '--metrics-out' }] : [];
  const container = await createContainer({ plugins: [localPlugin], sinks, context: cliProviderContext(process.cwd(), process.env) });
  adoptLifecycle(container.get(providerLifecycleToken));
  return container;
}

/** Writes a report to `--output` (atomically) or stdout, then names each sink that failed on stderr. */
export async function emitReport(
  text: string,
  output: string | undefined,
  failedSinks: readonly { type: string; reason: string }[],
): Promise<void> {
  // Imported here: writing a file atomically loads node:crypto (the temporary name), which stdout does not need.
  if (output) await (await import('../output/writeAtomic.js')).writeAtomic(output, processRedactor().text(text));
  else process.stdout.write(text);
  for (const f of failedSinks) process.stderr.write(`driftwatch: metrics sink ${f.type} failed: ${f.reason}\n`);
}
