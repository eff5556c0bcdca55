/**
 * The path of a Pushgateway group below the gateway's base URL: `/metrics/job/<job>` then
 * `/<label>/<value>` per grouping label, in the given order. A value that is empty or holds
 * anything outside `[A-Za-z0-9._~-]` (a `/` above all) is written the way the Pushgateway's API
 * defines for it: the label name with `@base64` and the value in base64url (`=` for empty).
 */
export function pushgatewayGroupPath(job: string, labels: readonly (readonly [string, string])[]): string {
  const part = (name: string, value: string) =>
    /^[A-Za-z0-9._~-]+$/.test(value)
      ? `/${name}/${value}`
      : `/${name}@base64/${value === '' ? '=' : Buffer.from(value, 'utf8').toString('base64url')}`;
  return `/metrics${part('job', job)}${labels.map(([n, v]) => part(n, v)).join('')}`;
}
