import { ConfigError } from '@driftwatch/core';

/**
 * A check that scores 1 when `pattern` (JavaScript syntax, with `flags`) matches somewhere in the
 * answer, else 0 (or the reverse with `negate`, for "must not mention" checks). An invalid
 * pattern fails at once with a ConfigError naming `configPath`.
 */
export function regexCheck(
  pattern: string,
  options: { readonly flags?: string; readonly negate?: boolean; readonly configPath?: string } = {},
): (answer: string) => number {
  let re: RegExp;
  try {
    // Never global or sticky: `test` would then carry lastIndex from one answer to the next.
    re = new RegExp(pattern, (options.flags ?? '').replace(/[gy]/gu, ''));
  } catch (error) {
    const path = options.configPath ?? 'pattern';
    throw new ConfigError(`${path}: invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`, {
      cause: error,
      issues: [{ path, message: `invalid regular expression: ${(error as Error).message}` }],
    });
  }
  const negate = options.negate === true;
  return (answer) => (re.test(answer) !== negate ? 1 : 0);
}
