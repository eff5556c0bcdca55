import { freePort } from './freePort.js';
import { pushgatewayBinary } from './prometheusBinaries.js';
import { type RunningProgram, startProcess } from './startProcess.js';

/**
 * Starts a real Pushgateway (Debian's `prometheus-pushgateway`) on 127.0.0.1 and `port` (default a free one),
 * without persistence (Debian's default file is /var/lib/prometheus/pushgateway.data), and resolves once its `/-/ready` answers.
 */
export async function startPushgateway(
  options: { timeoutMs?: number; args?: readonly string[]; port?: number } = {},
): Promise<RunningProgram> {
  const port = options.port ?? (await freePort());
  return startProcess(
    pushgatewayBinary,
    [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file=', ...(options.args ?? [])],
    port,
    '/-/ready',
    options.timeoutMs ?? 30_000,
  );
}
