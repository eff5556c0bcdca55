/**
 * A connection URL as it may be shown: the password (in the userinfo or a `password` query
 * parameter) replaced by `***`, the user and everything else kept so the message still says where.
 * Text that is not a URL comes back as `postgres://(unparsable url)`.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'postgres://(unparsable url)';
  }
  if (parsed.password !== '') parsed.password = '***';
  for (const key of [...parsed.searchParams.keys()]) {
    if (/^(password|passwd|pwd|sslpassword)$/i.test(key)) parsed.searchParams.set(key, '***');
  }
  return parsed.toString().replace(/%2A%2A%2A/g, '***');
}
