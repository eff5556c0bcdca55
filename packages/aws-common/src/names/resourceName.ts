import { createHash } from 'node:crypto';

/**
 * An AWS resource name as SageMaker and Bedrock take them (training job, model, endpoint config, model
 * package group, customization job, custom model: at most 63 characters of `[a-zA-Z0-9-]`, starting and
 * ending with a letter or digit) made from `raw`. Other characters become
 * `-`; when anything had to change or the name is too long, it is cut and
 * an 8-character hash of `raw` is appended, so distinct inputs keep
 * distinct names.
 */
export function resourceName(raw: string, maxLength = 63): string {
  const cleaned = raw
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  if (cleaned === raw && cleaned.length <= maxLength && cleaned.length > 0) return cleaned;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  const head = cleaned.slice(0, maxLength - hash.length - 1).replace(/-+$/, '');
  return head.length > 0 ? `${head}-${hash}` : hash;
}
