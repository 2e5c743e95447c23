import type { ApiKey, NewKey, Scope } from '@smsgw/client';
import { type Command, type Context, int, list, positional, required, str } from '../command.js';
import { EXIT } from '../exit.js';
import { details, note, printJson, table } from '../output.js';

const COLUMNS = ['id', 'name', 'prefix', 'scopes', 'createdAt', 'expiresAt', 'revokedAt', 'lastUsedAt'];

function newKey(ctx: Context): NewKey {
  const scopes = list(ctx.values, 'scope')
    .flatMap((s) => s.split(','))
    .filter((s) => s !== '');
  const expires = str(ctx.values, 'expires');
  const rate = str(ctx.values, 'rate-limit');
  return {
    name: required(ctx.values, 'name'),
    // Checked by the API, which names the scopes it knows.
    scopes: scopes as Scope[],
    ...(expires ? { expiresAt: expires } : {}),
    ...(rate !== undefined ? { rateLimitPerMinute: int(ctx.values, 'rate-limit', 60, 1) } : {}),
  };
}

/** The secret on stdout alone (or in the JSON), a warning on stderr: it is shown once. */
function printSecret(ctx: Context, key: ApiKey & { key: string }): void {
  if (ctx.io.json) {
    printJson(ctx.io, key);
    return;
  }
  details(ctx.io, [
    ['id', key.id],
    ['name', key.name],
    ['scopes', key.scopes],
    ['expires', key.expiresAt],
    ['key', key.key],
  ]);
  note(ctx.io, 'The key is shown this once: store it now.');
}

export const keysCreate: Command = {
  name: 'keys create',
  usage: 'smsgw keys create --name NAME --scope SCOPE [--scope …] [--expires ISO] [--rate-limit PER_MINUTE] [--account ID]',
  summary: 'create a key for your account (or, as admin, for --account)',
  options: {
    name: { type: 'string' },
    scope: { type: 'string', multiple: true },
    expires: { type: 'string' },
    'rate-limit': { type: 'string' },
    account: { type: 'string' },
  },
  async run(ctx) {
    const client = await ctx.client();
    const account = str(ctx.values, 'account');
    const body = newKey(ctx);
    const key = account ? await client.accounts.createKey(account, body) : await client.keys.create(body);
    printSecret(ctx, key);
    return EXIT.ok;
  },
};

export const keysList: Command = {
  name: 'keys list',
  usage: 'smsgw keys list [--account ID]',
  summary: "list your account's keys, or as admin another account's (prefixes only)",
  options: { account: { type: 'string' } },
  async run(ctx) {
    const client = await ctx.client();
    const account = str(ctx.values, 'account');
    const keys = account ? await client.accounts.listKeys(account) : await client.keys.list();
    if (ctx.io.json) printJson(ctx.io, keys);
    else
      table(
        ctx.io,
        COLUMNS,
        keys.map((k) => ({ ...k })),
      );
    return EXIT.ok;
  },
};

export const keysRevoke: Command = {
  name: 'keys revoke',
  usage: 'smsgw keys revoke ID [--any-account]',
  summary: 'revoke a key at once (--any-account: as admin, a key of another account)',
  options: { 'any-account': { type: 'boolean' } },
  async run(ctx) {
    const id = positional(ctx, 0, 'key id');
    const client = await ctx.client();
    if (ctx.values['any-account']) await client.accounts.revokeKey(id);
    else await client.keys.revoke(id);
    if (ctx.io.json) printJson(ctx.io, { id, revoked: true });
    else note(ctx.io, `revoked ${id}`);
    return EXIT.ok;
  },
};

export const keysRotate: Command = {
  name: 'keys rotate',
  usage: 'smsgw keys rotate ID [--overlap-until ISO]',
  summary: 'a new secret for a key; the old one stops now, or at --overlap-until',
  options: { 'overlap-until': { type: 'string' } },
  async run(ctx) {
    const until = str(ctx.values, 'overlap-until');
    const key = await (await ctx.client()).keys.rotate(positional(ctx, 0, 'key id'), until ? { expiresOldAt: until } : {});
    printSecret(ctx, key);
    return EXIT.ok;
  },
};
