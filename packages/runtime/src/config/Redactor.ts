import { formatConfigPath } from './formatConfigPath.js';

/** Option and config keys whose values are secrets, wherever they appear. */
export const secretKeyPattern = /secret|token|password|key/i;

/** What replaces a secret in echoed config and messages. */
export const redacted = '***';

// Values shorter than this are not scrubbed from free text: replacing every "1"
// or "eu" in a message would garble it while hiding nothing worth hiding. They
// are still redacted as whole config values.
const minTextSecretLength = 4;

/**
 * Keeps secrets out of logs, errors and outputs. Knows the values that came
 * from environment variables and the config paths that held them; redacts
 * values under secret-looking keys and values of options marked secret.
 */
export class Redactor {
  readonly #secrets: string[];
  readonly #paths: ReadonlySet<string>;

  constructor(secrets: Iterable<string> = [], substitutedPaths: Iterable<string> = []) {
    // Longest first, so a secret containing another is replaced whole.
    this.#secrets = [...new Set(secrets)].filter((s) => s.length >= minTextSecretLength).sort((a, b) => b.length - a.length);
    this.#paths = new Set(substitutedPaths);
  }

  /** A secret value learnt after loading (e.g. an option marked secret in a provider's schema). */
  add(secret: string): void {
    if (secret.length >= minTextSecretLength && !this.#secrets.includes(secret)) {
      this.#secrets.push(secret);
      this.#secrets.sort((a, b) => b.length - a.length);
    }
  }

  /** `text` with every known secret replaced by `***`. */
  text(text: string): string {
    let out = text;
    for (const s of this.#secrets) out = out.split(s).join(redacted);
    return out;
  }

  /**
   * A copy of a config value fit to print: values under secret-looking keys (and everything below them),
   * values substituted from the environment and any string containing a known
   * secret become `***`.
   */
  value<T>(value: T): T {
    const walk = (v: unknown, path: PropertyKey[], secretKey: boolean): unknown => {
      if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i], secretKey));
      if (v !== null && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, item] of Object.entries(v)) out[k] = walk(item, [...path, k], secretKey || secretKeyPattern.test(k));
        return out;
      }
      if (v === undefined || v === null || typeof v === 'boolean') return v;
      if (secretKey || this.#paths.has(formatConfigPath(path))) return redacted;
      return typeof v === 'string' ? this.text(v) : v;
    };
    return walk(value, [], false) as T;
  }
}
