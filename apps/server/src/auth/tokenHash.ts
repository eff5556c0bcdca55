import { createHash } from 'node:crypto';

/** Hex SHA-256 of an API token: what the token store keeps. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
