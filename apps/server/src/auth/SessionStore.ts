import { randomBytes } from 'node:crypto';
import type { TokenScope } from '@driftwatch/core';

/** A dashboard session: signed in with a token, identified by a random id in an httpOnly cookie. */
export interface Session {
  readonly id: string;
  readonly tokenId: string;
  /** The token's hash: each request checks the token is still live (a revoked token ends its sessions). */
  readonly tokenHash: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  readonly csrfToken: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** Sessions in the server's memory (a restart signs everyone out), each until its expiry. */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** Opens a session for a verified token. */
  create(token: { readonly id: string; readonly hash: string; readonly name: string; readonly scopes: readonly TokenScope[] }): Session {
    this.#prune();
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      tokenId: token.id,
      tokenHash: token.hash,
      name: token.name,
      scopes: token.scopes,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: this.now() + this.ttlMs,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id. */
  get(id: string): Session | undefined {
    const session = this.#sessions.get(id);
    if (session === undefined) return undefined;
    if (session.expiresAt <= this.now()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string): void {
    this.#sessions.delete(id);
  }

  get size(): number {
    return this.#sessions.size;
  }

  #prune(): void {
    const now = this.now();
    for (const [id, s] of this.#sessions) if (s.expiresAt <= now) this.#sessions.delete(id);
  }
}
