import type { SendMessage } from '@smsgw/client';
import { type Command, int, pairs, str } from '../command.js';
import { CliError, EXIT } from '../exit.js';
import { details, printJson } from '../output.js';
import { sendCsv } from './bulk.js';
import { templateOf } from './template.js';
import { watchMessage } from './messages.js';

export const send: Command = {
  name: 'send',
  usage:
    'smsgw send --to NUMBER (--content TEXT | --template TEXT [--var k=v…]) [--from S] [--gateway G] [--wait [--timeout S]]\n' +
    '       smsgw send --csv FILE [--template TEXT | --template-name NAME] [--rejects FILE] [--chunk-size N] [--idempotency-key PREFIX] [--wait] [--progress|--no-progress]',
  summary: 'send one message, or a CSV of them through the batch endpoint',
  options: {
    to: { type: 'string' },
    content: { type: 'string' },
    from: { type: 'string' },
    gateway: { type: 'string' },
    template: { type: 'string' },
    'template-name': { type: 'string' },
    var: { type: 'string', multiple: true },
    'idempotency-key': { type: 'string' },
    wait: { type: 'boolean' },
    timeout: { type: 'string' },
    csv: { type: 'string' },
    rejects: { type: 'string' },
    'chunk-size': { type: 'string' },
    progress: { type: 'boolean' },
    'no-progress': { type: 'boolean' },
  },
  async run(ctx) {
    if (str(ctx.values, 'csv') !== undefined) return sendCsv(ctx);
    const to = str(ctx.values, 'to');
    if (!to) throw new CliError('--to is required (or --csv FILE)');
    const content = str(ctx.values, 'content');
    const template = templateOf(ctx, pairs(ctx.values, 'var'));
    if ((content === undefined) === (template === undefined)) throw new CliError('give --content or --template / --template-name');
    const from = str(ctx.values, 'from');
    const gateway = str(ctx.values, 'gateway');
    const body: SendMessage = {
      to,
      ...(content !== undefined ? { content } : {}),
      ...(template ? { template } : {}),
      ...(from ? { from } : {}),
      ...(gateway ? { gateway } : {}),
    };
    const key = str(ctx.values, 'idempotency-key');
    const client = await ctx.client();
    const message = await client.messages.send(body, key === undefined ? {} : { idempotencyKey: key });
    if (ctx.values['wait']) return watchMessage(ctx, message.id, int(ctx.values, 'timeout', 0, 0));
    if (ctx.io.json) printJson(ctx.io, message);
    else
      details(ctx.io, [
        ['id', message.id],
        ['status', message.status],
        ['to', message.to],
        ['segments', message.segments],
        ['gateway', message.gateway],
      ]);
    return EXIT.ok;
  },
};
