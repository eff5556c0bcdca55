import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  ConfigError,
  type RunStore,
  runStoreToken,
  type TokenRecord,
  type TokenScope,
  type TokenStore,
  UsageError,
} from '@driftwatch/core';
import { Command, Option } from 'commander';
import { textTable } from '../output/textTable.js';
import { toJson } from '../output/toJson.js';
import { openConfig } from './openConfig.js';

const scopes: readonly TokenScope[] = ['read', 'ingest', 'admin'];

/** A new API token: `dw_` and 32 random bytes in base64url (never stored; only its hash is). */
export function newToken(): string {
  return `dw_${randomBytes(32).toString('base64url')}`;
}

/** The hex SHA-256 the store keeps of a token (the server hashes what it is sent the same way). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `--scopes read,ingest` as a list; a scope not in read, ingest, admin is a usage error. */
export function parseScopes(text: string): TokenScope[] {
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length === 0) throw new UsageError(`--scopes: give one or more of ${scopes.join(', ')}, separated by commas`);
  for (const s of list) {
    if (!scopes.includes(s as TokenScope)) throw new UsageError(`--scopes: unknown scope "${s}" (known: ${scopes.join(', ')})`);
  }
  return [...new Set(list as TokenScope[])];
}

/** What a listing shows of a token: everything but its hash. */
function shown(t: TokenRecord) {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt ?? null,
    revokedAt: t.revokedAt ?? null,
  };
}

async function tokenStore(configFlag: string | undefined): Promise<TokenStore> {
  const { loaded, container } = await openConfig(configFlag);
  const store: RunStore = container.get(runStoreToken);
  if (typeof store.tokens !== 'function') {
    throw new ConfigError(
      `store: API tokens need a store that keeps them; this config's store is "${loaded.config.store.type}" (use store: { type: sqlite }, the default)`,
    );
  }
  return store.tokens();
}

/** `driftwatch tokens create|list|revoke`: the API tokens of `driftwatch serve`. */
export function tokensCommand(): Command {
  const tokens = new Command('tokens')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`driftwatch: ${text}`) })
    .summary('create, list and revoke API tokens of driftwatch serve')
    .description('Creates, lists and revokes the API tokens `driftwatch serve` accepts. The store keeps only their SHA-256.');
  const common = (c: Command) =>
    c
      .exitOverride()
      .option('--config <file>', 'config file', 'driftwatch.yaml')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'));

  tokens.addCommand(
    common(
      new Command('create')
        .summary('create a token; it is printed once')
        .description(
          'Creates an API token with a name and scopes (read: GET routes; ingest: post events and labels; ' +
            'admin: everything, read and ingest included) and prints it once: the store keeps only its SHA-256, ' +
            'so it cannot be shown again. One live token per name.',
        )
        .requiredOption('--name <name>', 'a name for the token (who or what uses it)')
        .requiredOption('--scopes <list>', 'comma-separated: read, ingest, admin'),
    )
      .addHelpText(
        'after',
        `
Examples:
  driftwatch tokens create --name ci --scopes read,ingest
  driftwatch tokens create --name ops --scopes admin --format json

Output: the token on its own line, then its id and scopes on stderr; JSON: { id, name, scopes,
createdAt, token }.

Exit status: 0 created, 2 bad scopes or a store without tokens, 5 a live token has that name.`,
      )
      .action(async (flags: { name: string; scopes: string; config?: string; format: 'table' | 'json' }) => {
        const list = parseScopes(flags.scopes);
        if (flags.name.trim() === '') throw new UsageError('--name: a token needs a name');
        const store = await tokenStore(flags.config);
        const token = newToken();
        const record = { id: randomUUID(), name: flags.name, scopes: list, hash: tokenHash(token), createdAt: new Date().toISOString() };
        await store.create(record);
        if (flags.format === 'json') {
          process.stdout.write(toJson({ id: record.id, name: record.name, scopes: record.scopes, createdAt: record.createdAt, token }));
        } else {
          process.stdout.write(`${token}\n`);
          process.stderr.write(
            `driftwatch: created token "${record.name}" (id ${record.id}, scopes ${list.join(',')}); it is shown only now: keep it secret\n`,
          );
        }
      }),
  );

  tokens.addCommand(
    common(
      new Command('list')
        .summary('list the tokens (never the tokens themselves)')
        .description(
          'Lists every token, revoked ones included: id, name, scopes, when it was created, last used and revoked. The tokens themselves and their hashes are never shown.',
        ),
    )
      .addHelpText(
        'after',
        `
Examples:
  driftwatch tokens list
  driftwatch tokens list --format json

Exit status: 0, 2 a store without tokens.`,
      )
      .action(async (flags: { config?: string; format: 'table' | 'json' }) => {
        const all = (await (await tokenStore(flags.config)).list()).map(shown);
        if (flags.format === 'json') {
          process.stdout.write(toJson(all));
          return;
        }
        if (all.length === 0) {
          process.stdout.write('no tokens (create one with "driftwatch tokens create --name NAME --scopes read")\n');
          return;
        }
        process.stdout.write(
          textTable(
            ['ID', 'NAME', 'SCOPES', 'CREATED', 'LAST USED', 'REVOKED'],
            all.map((t) => [t.id, t.name, t.scopes.join(','), t.createdAt, t.lastUsedAt ?? '-', t.revokedAt ?? '-']),
          ),
        );
      }),
  );

  tokens.addCommand(
    common(
      new Command('revoke')
        .summary('revoke a token by id or name')
        .description('Revokes the live token with this id or name: the server refuses it from then on. The record stays, marked revoked.')
        .argument('<id-or-name>', 'the token id or name'),
    )
      .addHelpText(
        'after',
        `
Examples:
  driftwatch tokens revoke ci
  driftwatch tokens revoke 3f1c2a9e-5b7d-4c1e-9a2f-0d6b8e4c7a13

Exit status: 0 revoked, 2 no live token has that id or name, or a store without tokens.`,
      )
      .action(async (idOrName: string, flags: { config?: string; format: 'table' | 'json' }) => {
        const store = await tokenStore(flags.config);
        const at = new Date().toISOString();
        if (!(await store.revoke(idOrName, at)))
          throw new UsageError(`no live token has the id or name "${idOrName}" (see "driftwatch tokens list")`);
        if (flags.format === 'json') process.stdout.write(toJson({ revoked: idOrName, revokedAt: at }));
        else process.stdout.write(`revoked token "${idOrName}"\n`);
      }),
  );
  return tokens;
}
