/** `host`, `host:port` or `[IPv6]:port`; no scheme, no path. */
const endpointPattern = /^(?<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:(?<port>\d{1,5}))?$/;

/** Google's endpoint, on its TLS port. */
export const defaultApiEndpoint = 'monitoring.googleapis.com';
const defaultPort = 443;

/** Where the client connects: the gRPC host (`servicePath` to google-gax) and port. */
export interface ApiAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Splits an `apiEndpoint` option into host and port (443 when none is given).
 * google-gax takes them apart: given `127.0.0.1:38479` as its `apiEndpoint`, it
 * appends its own port and dials `dns:127.0.0.1:38479:443`.
 * Returns `undefined` for a value that is not `host[:port]` with a port in 1–65 535.
 */
export function parseApiEndpoint(endpoint: string): ApiAddress | undefined {
  const m = endpointPattern.exec(endpoint);
  if (m?.groups === undefined) return undefined;
  const host = m.groups.host.startsWith('[') ? m.groups.host.slice(1, -1) : m.groups.host;
  if (m.groups.port === undefined) return { host, port: defaultPort };
  const port = Number(m.groups.port);
  return port >= 1 && port <= 65_535 ? { host, port } : undefined;
}
