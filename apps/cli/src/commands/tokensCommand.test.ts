import { isDriftwatchError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { newToken, parseScopes, tokenHash } from './tokensCommand.js';

describe('API tokens', () => {
  it('are dw_ and 32 random bytes in base64url, never twice the same', () => {
    const tokens = Array.from({ length: 200 }, newToken);
    for (const t of tokens) {
      expect(t).toMatch(/^dw_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t.slice(3), 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(200);
  });

  it('are kept as their hex SHA-256 (FIPS 180-2 test vector "abc")', () => {
    expect(tokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('take scopes as a comma-separated list of read, ingest, admin; anything else is a usage error', () => {
    expect(parseScopes('read, ingest,read')).toEqual(['read', 'ingest']);
    expect(parseScopes('admin')).toEqual(['admin']);
    for (const [text, message] of [
      ['read,write', /unknown scope "write" \(known: read, ingest, admin\)/],
      [' , ', /give one or more of read, ingest, admin/],
    ] as const) {
      const error = (() => {
        try {
          parseScopes(text);
        } catch (e) {
          return e;
        }
      })();
      expect(isDriftwatchError(error) && error.code).toBe('USAGE');
      expect((error as Error).message).toMatch(message);
    }
  });
});
