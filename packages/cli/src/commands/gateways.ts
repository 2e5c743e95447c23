import type { Gateway } from '@smsgw/client';
import { type Command, int, pairs, positional, required, str } from '../command.js';
import { EXIT } from '../exit.js';
import { details, printJson, table } from '../output.js';
import { watchMessage } from './messages.js';

function summary(g: Gateway): Record<string, unknown> {
  return {
    name: g.name,
    preset: g.preset,
    enabled: g.enabled,
    default: g.isDefault,
    priority: g.priority,
    balance: g.balance ? `${g.balance.amount} ${g.balance.currency ?? ''}`.trim() : null,
    updatedAt: g.updatedAt,
  };
}

/** `--set port=2775` is a number, `--set tls=true` a boolean: what preset settings hold. */
function settingValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text) && text.length < 16) return Number(text);
  return text;
}

export const gatewaysList: Command = {
  name: 'gateways list',
  usage: 'smsgw gateways list',
  summary: 'list gateways',
  options: {},
  async run(ctx) {
    const gateways = await (await ctx.client()).gateways.list();
    if (ctx.io.json) printJson(ctx.io, gateways);
    else table(ctx.io, ['name', 'preset', 'enabled', 'default', 'priority', 'balance', 'updatedAt'], gateways.map(summary));
    return EXIT.ok;
  },
};

export const gatewaysAdd: Command = {
  name: 'gateways add',
  usage: 'smsgw gateways add NAME --preset PRESET [--set NAME=VALUE…] [--credential NAME=VALUE…] [--default] [--priority N] [--disabled]',
  summary: 'add a gateway from a preset (see `smsgw gateways presets`)',
  options: {
    preset: { type: 'string' },
    set: { type: 'string', multiple: true },
    credential: { type: 'string', multiple: true },
    default: { type: 'boolean' },
    priority: { type: 'string' },
    disabled: { type: 'boolean' },
  },
  async run(ctx) {
    const name = positional(ctx, 0, 'gateway name');
    const settings = Object.fromEntries(Object.entries(pairs(ctx.values, 'set')).map(([k, v]) => [k, settingValue(v)]));
    const credentials = pairs(ctx.values, 'credential');
    const priority = str(ctx.values, 'priority');
    const gateway = await (await ctx.client()).gateways.add({
      name,
      preset: required(ctx.values, 'preset'),
      settings,
      ...(Object.keys(credentials).length > 0 ? { credentials } : {}),
      ...(ctx.values['default'] ? { isDefault: true } : {}),
      ...(ctx.values['disabled'] ? { enabled: false } : {}),
      ...(priority !== undefined ? { priority: int(ctx.values, 'priority', 0, -1_000_000, 1_000_000) } : {}),
    });
    if (ctx.io.json) printJson(ctx.io, gateway);
    else
      details(ctx.io, [
        ...Object.entries(summary(gateway)),
        ['status callback', gateway.callbackUrls.status],
        ['reply callback', gateway.callbackUrls.reply],
      ]);
    return EXIT.ok;
  },
};

export const gatewaysPresets: Command = {
  name: 'gateways presets',
  usage: 'smsgw gateways presets',
  summary: 'list the gateway presets',
  options: {},
  async run(ctx) {
    const presets = await (await ctx.client()).gateways.presets();
    if (ctx.io.json) printJson(ctx.io, presets);
    else
      table(
        ctx.io,
        ['name', 'title', 'credentials', 'settings'],
        presets.data.map((p) => ({
          name: p.name,
          title: p.title,
          credentials: p.credentials.map((c) => (c.required ? c.name : `[${c.name}]`)),
          settings: Object.keys(p.settings),
        })),
        60,
      );
    return EXIT.ok;
  },
};

/**
 * Sends one message through the named gateway and follows it to its delivery report: exit 0
 * when delivered, 7 when it failed (the gateway's answer in the status message), 8 on timeout.
 */
export const gatewaysTest: Command = {
  name: 'gateways test',
  usage: 'smsgw gateways test NAME --to NUMBER [--content TEXT] [--timeout SECONDS]',
  summary: 'send one message through a gateway and wait for its delivery report',
  options: { to: { type: 'string' }, content: { type: 'string' }, timeout: { type: 'string' }, interval: { type: 'string' } },
  async run(ctx) {
    const gateway = positional(ctx, 0, 'gateway name');
    const client = await ctx.client();
    const message = await client.messages.send({
      to: required(ctx.values, 'to'),
      content: str(ctx.values, 'content') ?? `smsgw gateway test (${gateway})`,
      gateway,
    });
    return watchMessage(ctx, message.id, int(ctx.values, 'timeout', 60, 1), int(ctx.values, 'interval', 500, 50, 60_000));
  },
};
