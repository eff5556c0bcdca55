import type { MetricServiceClient } from '@google-cloud/monitoring';
import { parseApiEndpoint } from './apiEndpoint.js';
import type { GcpRetryOptions } from './gcpConnectionOptions.js';
import { insecureCredentials } from './insecureCredentials.js';

/** Options of the client library's constructors (google-gax `ClientOptions`). */
export type GaxClientOptions = NonNullable<ConstructorParameters<typeof MetricServiceClient>[0]>;

/** What {@link gaxClientOptions} needs. */
export interface GaxClientSettings {
  readonly projectId?: string;
  /** `host[:port]` (validated by the options schema). */
  readonly apiEndpoint?: string;
  /** Clear text and no Google credentials, for a local emulator. */
  readonly plaintext?: boolean;
  readonly keyFilename?: string;
  readonly timeoutMs: number;
  readonly retry: GcpRetryOptions;
  /** Extra client options (custom transport, credentials…); they win over the computed ones. */
  readonly clientOptions?: GaxClientOptions;
}

/**
 * Client options for one service: connection settings (the endpoint's host
 * and port apart; plaintext credentials for an emulator) plus a google-gax
 * `clientConfig` override that gives `methods` our retry codes and backoff.
 * Retrying is left to google-gax rather than done by hand so that deadlines,
 * jitter-free backoff and status handling match every other Google client.
 * CreateTimeSeries is non-idempotent by default in the library's config; we
 * retry it on UNAVAILABLE because the service did not accept the request then,
 * and a repeated point after DEADLINE_EXCEEDED is rejected rather than duplicated.
 */
export function gaxClientOptions(service: string, methods: readonly string[], settings: GaxClientSettings): GaxClientOptions {
  const { retry } = settings;
  const methodConfig = Object.fromEntries(
    methods.map((m) => [m, { timeout_millis: settings.timeoutMs, retry_codes_name: 'driftwatch', retry_params_name: 'driftwatch' }]),
  );
  const clientConfig = {
    interfaces: {
      [service]: {
        retry_codes: { driftwatch: [...retry.codes] },
        retry_params: {
          driftwatch: {
            initial_retry_delay_millis: retry.initialDelayMs,
            retry_delay_multiplier: retry.multiplier,
            max_retry_delay_millis: retry.maxDelayMs,
            initial_rpc_timeout_millis: settings.timeoutMs,
            rpc_timeout_multiplier: 1,
            max_rpc_timeout_millis: settings.timeoutMs,
            total_timeout_millis: retry.totalTimeoutMs,
          },
        },
        methods: methodConfig,
      },
    },
  };
  const options: GaxClientOptions = { clientConfig };
  if (settings.projectId !== undefined) options.projectId = settings.projectId;
  if (settings.apiEndpoint !== undefined) {
    // Host and port apart: google-gax would dial `dns:<host:port>:443` for an apiEndpoint with a port.
    const address = parseApiEndpoint(settings.apiEndpoint);
    if (address === undefined) throw new Error(`apiEndpoint "${settings.apiEndpoint}" is not host or host:port`);
    options.servicePath = address.host;
    options.port = address.port;
  }
  if (settings.plaintext === true) {
    options.sslCreds = insecureCredentials() as GaxClientOptions['sslCreds'];
    // With the universe domain given, google-auth-library does not look for credentials to learn it.
    options.universeDomain = 'googleapis.com';
  }
  if (settings.keyFilename !== undefined) options.keyFilename = settings.keyFilename;
  return { ...options, ...settings.clientOptions };
}
