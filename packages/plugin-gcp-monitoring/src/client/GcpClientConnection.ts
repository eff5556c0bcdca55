import { ProviderError } from '@driftwatch/core';
import { gcpProvider } from '../errors/gcpProviderError.js';

/** What the connection needs of a generated client (`MetricServiceClient`, `AlertPolicyServiceClient`). */
export interface GaxServiceClient {
  /** Authenticates and opens the gRPC stub; rejects when no credentials can be found. */
  initialize(): Promise<unknown>;
  close(): Promise<void>;
}

/** How users give the client credentials, for the message of a failed authentication. */
export const credentialsHelp =
  'provide credentials with GOOGLE_APPLICATION_CREDENTIALS=<service-account key file>, ' +
  '`gcloud auth application-default login`, or the keyFilename option ' +
  '(a local emulator: apiEndpoint host:port with plaintext: true)';

/** google-auth-library's message when the Application Default Credentials chain finds nothing. */
const noAdcFound = 'Could not load the default credentials';

/**
 * A client that is authenticated before any call is made on it. The generated
 * clients authenticate lazily inside every call, and when that fails each call
 * also rethrows the failure from a detached promise (`initialize().catch((e) =>
 * { throw e })`), which is an unhandled rejection that kills the process. So the
 * connection awaits `initialize()` itself, bounded by a deadline (the metadata
 * server lookup of the credentials chain must not hang a run), and never hands
 * out a client whose authentication failed: the failure becomes a ProviderError
 * (operation `Authenticate`) saying how to provide credentials, that client is
 * dropped, and the next {@link ready} tries again with a new one.
 */
export class GcpClientConnection<C extends GaxServiceClient> {
  readonly #make: () => C;
  readonly #deadlineMs: number;
  #client: C | undefined;
  #ready: Promise<C> | undefined;
  #closed = false;

  /** `make` creates a client; `deadlineMs` bounds its authentication. */
  constructor(make: () => C, deadlineMs: number) {
    this.#make = make;
    this.#deadlineMs = deadlineMs;
  }

  /** The authenticated client; rejects with a ProviderError (`Authenticate`) when it cannot be. */
  ready(): Promise<C> {
    if (this.#closed) return Promise.reject(new ProviderError(gcpProvider, 'Authenticate', 'the provider was shut down'));
    this.#ready ??= this.#connect().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  /** Closes the gRPC channel of an authenticated client; never rejects for one that failed. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    const ready = this.#ready;
    this.#ready = undefined;
    if (ready === undefined) return;
    const client = await ready.catch(() => undefined);
    if (client !== undefined) await client.close();
  }

  async #connect(): Promise<C> {
    this.#client ??= this.#make();
    const client = this.#client;
    const initialized = client.initialize();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.#deadlineMs);
    });
    try {
      const outcome = await Promise.race([initialized.then(() => 'ready' as const), deadline]);
      if (outcome === 'ready') return client;
      throw new ProviderError(
        gcpProvider,
        'Authenticate',
        `could not authenticate within ${this.#deadlineMs} ms (looking for Application Default Credentials); ${credentialsHelp}`,
      );
    } catch (error) {
      // The failed stub stays in the client and would fail (unhandled) every later call: start over next time.
      this.#client = undefined;
      initialized.then(
        () => client.close().catch(() => {}),
        () => {},
      );
      if (error instanceof ProviderError) throw error;
      const message = (error as Error)?.message ?? String(error);
      const what = message.startsWith(noAdcFound)
        ? 'no Google Cloud credentials found (Application Default Credentials)'
        : `could not authenticate: ${message}`;
      throw new ProviderError(gcpProvider, 'Authenticate', `${what}; ${credentialsHelp}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
