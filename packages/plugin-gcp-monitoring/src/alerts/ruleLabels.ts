import { createHash } from 'node:crypto';
import { gcpLimits } from '../mapping/gcpLimits.js';

/** User label that identifies the policy of one rule. */
export const ruleLabelKey = 'driftwatch_rule';
/** User label that groups the policies of one monitor, for listing. */
export const monitorLabelKey = 'driftwatch_monitor';

const hashLength = 8;

/**
 * A user-label value for `parts`: a readable slug (lower-case letters, digits,
 * `_` and `-`, as user labels allow) cut so that, with `-` and 8 hex digits of a
 * SHA-256 of the exact parts, it fits the 63-character limit. The hash keeps
 * names that slug alike (`Credit Risk` / `credit-risk`) apart.
 */
export function labelValueFor(...parts: string[]): string {
  const slug = parts
    .join('--')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, hashLength);
  const room = gcpLimits.userLabelLength - hashLength - 1;
  return slug.length === 0 ? hash : `${slug.slice(0, room)}-${hash}`;
}

/** The identifying user labels of the policy for `rule` of `monitor`. */
export function ruleLabels(monitor: string, rule: string): Record<string, string> {
  return { [monitorLabelKey]: labelValueFor(monitor), [ruleLabelKey]: labelValueFor(monitor, rule) };
}
