import { StateError } from '../errors/DriftwatchError.js';
import type { TokenRecord, TokenStore } from '../ports/ServerStores.js';

/** A {@link TokenStore} in memory, for tests. */
export class InMemoryTokenStore implements TokenStore {
  /** Every token, revoked ones included, in the order created. */
  readonly tokens: TokenRecord[] = [];

  async create(token: Omit<TokenRecord, 'lastUsedAt' | 'revokedAt'>): Promise<void> {
    if (this.tokens.some((t) => t.id === token.id)) throw new StateError('STATE_CONFLICT', `a token with id "${token.id}" exists`);
    if (this.tokens.some((t) => t.name === token.name && t.revokedAt === undefined)) {
      throw new StateError('STATE_CONFLICT', `a token named "${token.name}" exists; revoke it first or choose another name`);
    }
    this.tokens.push(structuredClone(token));
  }

  async findByHash(hash: string): Promise<TokenRecord | undefined> {
    const found = this.tokens.find((t) => t.hash === hash);
    return found && structuredClone(found);
  }

  async list(): Promise<TokenRecord[]> {
    return this.tokens.map((t) => structuredClone(t));
  }

  async revoke(idOrName: string, at: string): Promise<boolean> {
    let matched = false;
    for (const [i, t] of this.tokens.entries()) {
      if (t.revokedAt === undefined && (t.id === idOrName || t.name === idOrName)) {
        this.tokens[i] = { ...t, revokedAt: at };
        matched = true;
      }
    }
    return matched;
  }

  async touch(id: string, at: string): Promise<void> {
    const i = this.tokens.findIndex((t) => t.id === id);
    if (i >= 0) this.tokens[i] = { ...(this.tokens[i] as TokenRecord), lastUsedAt: at };
  }
}
