import { isSmsgwError, SmsgwClient } from '@smsgw/client';
import { type Command, required } from '../command.js';
import { configPath, writeConfig } from '../config.js';
import { CliError, EXIT } from '../exit.js';
import { details, printJson } from '../output.js';

/**
 * Stores URL and key in the config file (0600). The key is tried first (`GET /v1/account`): a
 * 401 is refused; a 403 (a key without `account:admin`, e.g. send-only) is a working key.
 */
export const login: Command = {
  name: 'login',
  usage: 'smsgw login --url URL --key KEY [--no-verify]',
  summary: 'store the API URL and key in the config file',
  options: { 'no-verify': { type: 'boolean' } },
  async run(ctx) {
    const url = required(ctx.values, 'url').replace(/\/+$/, '');
    const key = required(ctx.values, 'key');
    if (!/^https?:\/\//.test(url)) throw new CliError('--url must start with http:// or https://');
    let account: { id: string; name: string } | undefined;
    if (!ctx.values['no-verify']) {
      const client = new SmsgwClient({ baseUrl: url, apiKey: key, retries: 1 });
      try {
        const a = await client.account.get();
        account = { id: a.id, name: a.name };
      } catch (err) {
        if (!(isSmsgwError(err) && err.status === 403)) throw err;
      } finally {
        await client.close();
      }
    }
    const file = configPath(ctx.env);
    await writeConfig(file, { url, key });
    if (ctx.io.json) printJson(ctx.io, { url, configFile: file, account: account ?? null });
    else
      details(ctx.io, [
        ['logged in to', url],
        ['account', account ? `${account.name} (${account.id})` : '(not shown to this key)'],
        ['config file', file],
      ]);
    return EXIT.ok;
  },
};
