import type { Command } from '../command.js';
import { EXIT } from '../exit.js';
import { details, printJson } from '../output.js';

export const accountShow: Command = {
  name: 'account',
  usage: 'smsgw account',
  summary: "show the key's account (webhook URL and secret)",
  options: {},
  async run(ctx) {
    const account = await (await ctx.client()).account.get();
    if (ctx.io.json) printJson(ctx.io, account);
    else details(ctx.io, Object.entries(account));
    return EXIT.ok;
  },
};
