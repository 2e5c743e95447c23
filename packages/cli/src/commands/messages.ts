import type { Message, MessageDetail, MessageQuery } from '@smsgw/client';
import { type Command, type Context, int, positional, str } from '../command.js';
import { EXIT } from '../exit.js';
import { details, line, printJson, table } from '../output.js';

const COLUMNS = ['id', 'status', 'to', 'gateway', 'segments', 'createdAt', 'content'];

function row(m: Message): Record<string, unknown> {
  return { ...m };
}

export const messagesList: Command = {
  name: 'messages list',
  usage: 'smsgw messages list [--status S] [--to NUMBER] [--gateway G] [--limit N] [--cursor C]',
  summary: 'list messages, newest first',
  options: {
    status: { type: 'string' },
    to: { type: 'string' },
    gateway: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
  },
  async run(ctx) {
    const query: MessageQuery = { limit: int(ctx.values, 'limit', 20, 1, 1000) };
    for (const name of ['to', 'gateway', 'cursor'] as const) {
      const v = str(ctx.values, name);
      if (v !== undefined) query[name] = v;
    }
    const status = str(ctx.values, 'status');
    if (status !== undefined) query.status = status as MessageQuery['status'];
    const page = await (await ctx.client()).messages.list(query);
    if (ctx.io.json) printJson(ctx.io, page);
    else {
      table(ctx.io, COLUMNS, page.data.map(row));
      if (page.nextCursor) line(ctx.io, `more: --cursor ${page.nextCursor}`);
    }
    return EXIT.ok;
  },
};

function printDetail(ctx: Context, m: MessageDetail): void {
  details(ctx.io, [
    ['id', m.id],
    ['status', m.status],
    ['to', m.to],
    ['from', m.from],
    ['gateway', m.gateway],
    ['segments', `${m.segments} (${m.encoding})`],
    ['content', m.content],
    ['created', m.createdAt],
    ['sent', m.sentAt],
    ['delivered', m.deliveredAt],
    ['status message', m.statusMessage],
    ['batch', m.batchId],
  ]);
  if (m.events.length > 0) {
    line(ctx.io, '');
    table(
      ctx.io,
      ['at', 'type', 'status', 'gateway', 'attempt'],
      m.events.map((e) => ({ ...e })),
    );
  }
  if (m.replies.length > 0) {
    line(ctx.io, '');
    table(
      ctx.io,
      ['receivedAt', 'from', 'content'],
      m.replies.map((r) => ({ ...r })),
    );
  }
}

export const messagesGet: Command = {
  name: 'messages get',
  usage: 'smsgw messages get ID',
  summary: 'show a message with its events and replies',
  options: {},
  async run(ctx) {
    const m = await (await ctx.client()).messages.get(positional(ctx, 0, 'message id'));
    if (ctx.io.json) printJson(ctx.io, m);
    else printDetail(ctx, m);
    return EXIT.ok;
  },
};

/**
 * Follows a message to a final status, a line per change (NDJSON with --json: each line the
 * message). Exit 0 when delivered, 7 when failed / expired / cancelled, 8 on --timeout.
 */
export async function watchMessage(ctx: Context, id: string, timeoutSeconds: number, intervalMs = 1000): Promise<number> {
  const client = await ctx.client();
  const final = await client.messages.watch(id, {
    intervalMs,
    ...(timeoutSeconds > 0 ? { timeoutMs: timeoutSeconds * 1000 } : {}),
    onChange(m) {
      if (ctx.io.json) printJson(ctx.io, m);
      else line(ctx.io, `${new Date().toISOString()}  ${m.id}  ${m.status}${m.statusMessage ? `  ${m.statusMessage}` : ''}`);
    },
  });
  return final.status === 'delivered' ? EXIT.ok : EXIT.undelivered;
}

export const messagesWatch: Command = {
  name: 'messages watch',
  usage: 'smsgw messages watch ID [--interval MS] [--timeout SECONDS]',
  summary: 'follow a message until delivered, failed, expired or cancelled',
  options: { interval: { type: 'string' }, timeout: { type: 'string' } },
  run: (ctx) =>
    watchMessage(ctx, positional(ctx, 0, 'message id'), int(ctx.values, 'timeout', 0, 0), int(ctx.values, 'interval', 1000, 50, 60_000)),
};
