import type { AdminAccount } from '@smsgw/client';
import { type Command, type Context, int, positional, required, str } from '../command.js';
import { EXIT } from '../exit.js';
import { details, line, printJson, table } from '../output.js';

function show(ctx: Context, account: AdminAccount): number {
  if (ctx.io.json) printJson(ctx.io, account);
  else details(ctx.io, Object.entries(account));
  return EXIT.ok;
}

export const accountsCreate: Command = {
  name: 'accounts create',
  usage: 'smsgw accounts create --name NAME [--webhook-url URL]',
  summary: 'create an account (admin); then `smsgw keys create --account ID …`',
  options: { name: { type: 'string' }, 'webhook-url': { type: 'string' } },
  async run(ctx) {
    const webhookUrl = str(ctx.values, 'webhook-url');
    const account = await (await ctx.client()).accounts.create({
      name: required(ctx.values, 'name'),
      ...(webhookUrl ? { webhookUrl } : {}),
    });
    return show(ctx, account);
  },
};

export const accountsList: Command = {
  name: 'accounts list',
  usage: 'smsgw accounts list [--limit N] [--cursor C]',
  summary: 'list accounts (admin)',
  options: { limit: { type: 'string' }, cursor: { type: 'string' } },
  async run(ctx) {
    const cursor = str(ctx.values, 'cursor');
    const page = await (await ctx.client()).accounts.list({ limit: int(ctx.values, 'limit', 50, 1, 1000), ...(cursor ? { cursor } : {}) });
    if (ctx.io.json) printJson(ctx.io, page);
    else {
      table(
        ctx.io,
        ['id', 'name', 'disabled', 'createdAt'],
        page.data.map((a) => ({ ...a })),
      );
      if (page.nextCursor) line(ctx.io, `more: --cursor ${page.nextCursor}`);
    }
    return EXIT.ok;
  },
};

export const accountsGet: Command = {
  name: 'accounts get',
  usage: 'smsgw accounts get ID',
  summary: 'show an account (admin)',
  options: {},
  run: async (ctx) => show(ctx, await (await ctx.client()).accounts.get(positional(ctx, 0, 'account id'))),
};

export const accountsDisable: Command = {
  name: 'accounts disable',
  usage: 'smsgw accounts disable ID',
  summary: 'disable an account: its keys stop working at once (admin)',
  options: {},
  run: async (ctx) => show(ctx, await (await ctx.client()).accounts.disable(positional(ctx, 0, 'account id'))),
};

export const accountsEnable: Command = {
  name: 'accounts enable',
  usage: 'smsgw accounts enable ID',
  summary: 'enable a disabled account (admin)',
  options: {},
  run: async (ctx) => show(ctx, await (await ctx.client()).accounts.enable(positional(ctx, 0, 'account id'))),
};
