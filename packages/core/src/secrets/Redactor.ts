/** What replaces a secret in anything Driftwatch prints, logs, sends or stores. */
export const redacted = '***';

// Values shorter than this are not scrubbed from free text: replacing every "1"
// or "eu" in a message would garble it while hiding nothing worth hiding. They
// are still redacted as whole values.
const minTextSecretLength = 4;
// A credential-like environment variable's value is learnt only from this length on, and never
// when it is a word that flags hold ("true", "off"): `TOKENS_DISABLED=false` must not scrub every "false".
const minEnvSecretLength = 6;
const flagWords = /^(true|false|yes|no|on|off|null|none|undefined)$/i;

/**
 * Names of environment variables whose values are credentials: `AWS_SECRET_ACCESS_KEY`,
 * `AWS_SESSION_TOKEN`, `*_TOKEN`, `*_SECRET`, `*_PASSWORD`, `*_PASSWD`, `*_PASSPHRASE`,
 * `*_KEY` (`*_API_KEY`, `*_PRIVATE_KEY`, …), `*_AUTH`, anything with
 * `SECRET` or `PASSWORD` in it. (`AWS_ACCESS_KEY_ID` is an identifier, not a secret; access
 * key ids are scrubbed by their shape, `AKIA…`, wherever they appear.)
 */
export function isCredentialEnvName(name: string): boolean {
  const n = name.toUpperCase();
  return (
    (/SECRET|PASSWORD/.test(n) ||
      /(^|_)(TOKEN|TOKENS|PASSWD|PASSPHRASE|PWD|KEY|APIKEY|ACCESSKEY|SECRETKEY|PRIVATEKEY|AUTH|CREDENTIAL)$/.test(n)) &&
    n !== 'PWD'
  );
}

const credentialKeySuffixes = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'secretkey',
  'privatekey',
  'accesskeyid',
  'authorization',
  'cookie',
  'credential',
  'credentials',
  'signature',
];

/**
 * Option, field and header names whose values are credentials wherever they
 * appear: names ending in password, passwd, passphrase, secret, token, apiKey,
 * accessKey(Id), secretKey, privateKey, authorization, cookie, credential(s),
 * signature — case, `-` and `_` ignored (`X-Api-Key`, `client_secret`,
 * `sessionToken`, `Proxy-Authorization`). `maxTokens`, `keyPrefix` or
 * `passwordless` are not.
 */
export function isCredentialKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_ .]/g, '');
  return credentialKeySuffixes.some((s) => k.endsWith(s));
}

/** HTTP header names whose values are secrets: {@link isCredentialKey}'s, and any name with auth, token, key, secret, password or session in it. */
export function isCredentialHeader(name: string): boolean {
  return isCredentialKey(name) || /auth|token|key|secret|passw|session/i.test(name);
}

// URL schemes whose grammar reads a userinfo without a colon as a user name, never a password or a token.
const userNameSchemes = new Set([
  'postgres',
  'postgresql',
  'mysql',
  'mariadb',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'amqp',
  'amqps',
  'nats',
  'mqtt',
  'mqtts',
]);

// Query (and fragment) parameters that carry credentials: OAuth, API keys, signed URLs (AWS SigV4, GCS, Azure SAS).
const queryNames =
  'access_token|refresh_token|id_token|auth_token|token|api_key|apikey|api-key|key|secret|client_secret|password|passwd|pwd|sig|signature|' +
  'x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|sessiontoken|session_token|code';
const textPatterns: readonly [RegExp, string][] = [
  // URL userinfo: scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, `$1${redacted}@`],
  // Credential-like query and fragment parameters.
  [new RegExp(`([?&#;])(${queryNames})=[^&#\\s"'<>]*`, 'gi'), `$1$2=${redacted}`],
  // Header lines and fields, as text or JSON: Authorization: Bearer …, "cookie":"…", x-api-key=…
  [
    /\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-amz-security-token|x-goog-api-key)(["']?\s*[:=]\s*["']?)[^"'\r\n]*/gi,
    `$1$2${redacted}`,
  ],
  // Schemes of an Authorization value met without its header name.
  // (A token has a digit or a base64 sign, so "Basic authentication" stays as written.)
  [/\b(Bearer|Basic)\s+(?=[A-Za-z._~-]*[0-9+/=])[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${redacted}`],
  // SigV4 parts echoed by a provider's error: Credential=AKIA…/date/region/service/aws4_request, Signature=…
  [/\b(Credential|Signature)=[^,\s"'&]+/g, `$1=${redacted}`],
  // AWS access key ids (long-term AKIA, temporary ASIA) by their shape.
  [/\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, redacted],
];

/**
 * The one redactor of a process: keeps secrets out of everything Driftwatch
 * prints, logs, sends, or writes to its store and outputs. It knows the
 * secret values it was given (options marked secret, values under
 * credential-like keys, the values of credential-like environment variables)
 * and recognises credentials by their shape: header values of
 * `Authorization`, `Proxy-Authorization`, `Cookie`, `X-Api-Key`; URL
 * userinfo; credential-like query parameters (`token`, `access_token`,
 * `api_key`, `key`, `sig`, `X-Amz-Signature`, `X-Amz-Credential`, …); SigV4
 * `Credential=`/`Signature=`; AWS access key ids. Each becomes `***`.
 */
export class Redactor {
  /** Every secret value, whatever its length: a whole value equal to one is redacted. */
  readonly #all = new Set<string>();
  /** Secrets long enough to scrub from free text, longest first (so one containing another goes whole). */
  #scrub: string[] = [];

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.add(s);
  }

  /** A redactor that knows the credential-like variables of `env` (see {@link isCredentialEnvName}). */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): Redactor {
    return new Redactor().addEnv(env);
  }

  /** A secret value to redact wherever it appears (an option marked secret, a header value, a token). */
  add(secret: string): this {
    if (secret === '' || this.#all.has(secret)) return this;
    this.#all.add(secret);
    if (secret.length < minTextSecretLength) return this;
    // A secret also travels URL-encoded (in a query) and JSON-escaped (in a record or a log line).
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) this.#scrub.push(form);
    this.#scrub = [...new Set(this.#scrub)].sort((a, b) => b.length - a.length);
    return this;
  }

  /** Learns the values of the credential-like variables of `env`. */
  addEnv(env: Readonly<Record<string, string | undefined>>): this {
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined || value.length < minEnvSecretLength || flagWords.test(value)) continue;
      if (isCredentialEnvName(name)) this.add(value);
    }
    return this;
  }

  /**
   * Learns the secrets inside a value (a config, a provider's options): strings
   * under credential-like keys and header names, and the credential parts of
   * URLs (userinfo, credential-like query values).
   */
  learn(value: unknown): this {
    const walk = (v: unknown, secret: boolean, headers: boolean): void => {
      if (typeof v === 'string') {
        if (!secret) this.#learnUrl(v);
        else {
          this.add(v);
          // The credential of `Bearer <token>` also travels without its scheme.
          const scheme = /^(?:Bearer|Basic|Token|Digest)\s+(\S.*)$/i.exec(v);
          if (scheme) this.add(scheme[1]!);
        }
      } else if (typeof v === 'number' && secret) this.add(String(v));
      else if (Array.isArray(v)) for (const item of v) walk(item, secret, false);
      else if (v !== null && typeof v === 'object')
        for (const [k, item] of Object.entries(v))
          walk(item, secret || (headers ? isCredentialHeader(k) : isCredentialKey(k)), k.toLowerCase() === 'headers');
    };
    walk(value, false, false);
    return this;
  }

  /** `text` with every known secret and every credential-shaped part replaced by `***`. */
  text(text: string): string {
    let out = text;
    for (const s of this.#scrub) if (out.includes(s)) out = out.split(s).join(redacted);
    for (const [pattern, replacement] of textPatterns) out = out.replace(pattern, replacement);
    return out;
  }

  /**
   * A redacted copy of a value (a config to echo, a record to store, a
   * payload to send): values under credential-like keys (and header names
   * under `headers`) and values equal to a known secret become `***`; every
   * other string goes through {@link text}. Keys, numbers and booleans are
   * kept; the value itself is not changed.
   */
  value<T>(value: T): T {
    const walk = (v: unknown, secret: boolean, headers: boolean): unknown => {
      if (Array.isArray(v)) return v.map((item) => walk(item, secret, false));
      if (isPlainObject(v)) {
        const out: Record<string, unknown> = {};
        for (const [k, item] of Object.entries(v))
          out[k] = walk(item, secret || (headers ? isCredentialHeader(k) : isCredentialKey(k)), k.toLowerCase() === 'headers');
        return out;
      }
      if (v === undefined || v === null || typeof v === 'boolean') return v;
      if (secret) return redacted;
      if (typeof v !== 'string') return v;
      return this.#all.has(v) ? redacted : this.text(v);
    };
    return walk(value, false, false) as T;
  }

  /**
   * A copy of a record (a run, an attempt, a payload) with every string, at any
   * depth, through {@link text}. Keys and structure are kept, and nothing is
   * redacted for its key alone: a record's keys are data (a column named
   * `token`), and every secret it could hold is known or has a shape.
   */
  strings<T>(value: T): T {
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.text(v);
      if (Array.isArray(v)) return v.map(walk);
      if (!isPlainObject(v)) return v;
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = walk(item);
      return out;
    };
    return walk(value) as T;
  }

  #learnUrl(text: string): void {
    if (!text.includes('://') && !text.includes('?')) return;
    for (const m of text.matchAll(/\b([a-z][a-z0-9+.-]*):\/\/([^\s/?#@"'<>]+)@/gi)) {
      const userinfo = m[2]!;
      const colon = userinfo.indexOf(':');
      if (colon >= 0) this.add(safeDecode(userinfo.slice(colon + 1)));
      // A lone userinfo is a token where the scheme allows one there (https://ghp_…@github.com); in a
      // database or broker URL it is the user name (postgres://postgres@db), and learning it would mask
      // that word wherever the output says it ("store ***"). The URL itself is masked whole either way.
      else if (!userNameSchemes.has(m[1]!.toLowerCase())) this.add(safeDecode(userinfo));
    }
    for (const m of text.matchAll(new RegExp(`[?&#;](?:${queryNames})=([^&#\\s"'<>]+)`, 'gi'))) this.add(safeDecode(m[1]!));
  }
}

/** An object literal (or `JSON.parse` result), not a typed array, a date, a map or a class instance: those are kept as they are. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
