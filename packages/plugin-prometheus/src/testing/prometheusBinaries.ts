import { spawnSync } from 'node:child_process';

/** Whether a Prometheus program can run here; when not, why (for `describe.skipIf` messages). */
export type BinaryAvailability =
  | { readonly available: true; readonly version: string }
  | { readonly available: false; readonly reason: string };

/** Debian's Pushgateway program (`apt-get install prometheus-pushgateway`); `DRIFTWATCH_PUSHGATEWAY_BIN` overrides. */
export const pushgatewayBinary = process.env.DRIFTWATCH_PUSHGATEWAY_BIN ?? 'prometheus-pushgateway';

/** Debian's Prometheus server (`apt-get install prometheus`); `DRIFTWATCH_PROMETHEUS_BIN` overrides. */
export const prometheusBinary = process.env.DRIFTWATCH_PROMETHEUS_BIN ?? 'prometheus';

/** Runs `<binary> --version`, synchronously so a test file can decide at collection time whether to skip. */
export function binaryAvailability(binary: string): BinaryAvailability {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error)
    return {
      available: false,
      reason: `${binary} cannot be run (${probe.error.message}); apt-get install prometheus-pushgateway prometheus`,
    };
  if (probe.status !== 0) return { available: false, reason: `${binary} --version exited with ${probe.status}` };
  return { available: true, version: `${probe.stdout}${probe.stderr}`.split('\n')[0]?.trim() ?? '' };
}

/**
 * True when tests that need `availability`'s program must be skipped: it is missing and this is
 * not CI. In CI (`CI` set; `.ci/run` installs both programs) it is never skipped: starting the
 * program then fails the test with the reason.
 */
export function skipWithout(availability: BinaryAvailability): boolean {
  if (availability.available || process.env.CI) return false;
  console.warn(`skipping Prometheus integration tests: ${availability.reason}`);
  return true;
}
