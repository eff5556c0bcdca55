import { createRequire } from 'node:module';

/** A `ChannelCredentials` of the client library's own copy of `@grpc/grpc-js`. */
export type ChannelCredentials = { readonly _isSecure?: () => boolean } & object;

let insecure: ChannelCredentials | undefined;

/**
 * Plaintext channel credentials for a local emulator, made by the
 * `@grpc/grpc-js` that google-gax itself uses: grpc-js checks credentials with
 * `instanceof`, so those of another copy would be refused. Passed as
 * `sslCreds`, they also make google-gax skip Google credentials entirely.
 */
export function insecureCredentials(): ChannelCredentials {
  if (insecure === undefined) {
    const fromMonitoring = createRequire(createRequire(import.meta.url).resolve('@google-cloud/monitoring'));
    const gax = fromMonitoring('google-gax') as { grpc: { credentials: { createInsecure(): ChannelCredentials } } };
    insecure = gax.grpc.credentials.createInsecure();
  }
  return insecure;
}
