import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { MessageRow, ReplyRow } from '@smsgw/db';
import { createReplyHandlerRegistry, loadReplyHandlers } from '../src/reply-handlers.js';

describe('SMSGW_REPLY_HANDLERS: handlers from a module', () => {
  it('loads the example module, whose handlers then run', async () => {
    const registry = createReplyHandlerRegistry();
    await loadReplyHandlers('examples/reply-handlers.ts', registry);
    expect(registry.names()).toEqual(['log-reply', 'yes-no']);
    const ctx = (content: string) => ({
      reply: { id: 'rpl_1', content, keyword: null } as unknown as ReplyRow,
      message: { id: 'msg_1' } as unknown as MessageRow,
      log: pino({ level: 'silent' }),
    });
    await expect(Promise.resolve(registry.get('yes-no')?.(ctx(' YES ')))).resolves.toBeUndefined();
    await expect(Promise.resolve(registry.get('yes-no')?.(ctx('maybe')))).rejects.toThrow(/not a yes\/no answer/);
  });

  it('a module without a default function is refused with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsgw-handlers-'));
    const file = join(dir, 'bad.mjs');
    writeFileSync(file, 'export const register = () => {};\n');
    await expect(loadReplyHandlers(file, createReplyHandlerRegistry())).rejects.toThrow(/must export a default function/);
  });
});
