import { beforeAll, describe, expect, it } from 'vitest';
import { messageWebhookData } from '@smsgw/core';
import { getMessageById } from '@smsgw/db';
import { json, useTestApp } from './helpers.js';

const t = useTestApp();
let gw: string;

beforeAll(async () => {
  gw = await t.createGateway();
});

/**
 * Responses are serialized through their schemas, which drop any field they do not declare: a
 * field added to a message's webhook data must be added to the API's schema too, or the two differ.
 */
describe('a message read back carries everything its webhooks carry', () => {
  it('every field of messageWebhookData, with the same values', async () => {
    const sent = await t.request({
      method: 'POST',
      url: '/v1/messages',
      payload: { to: '+447400123456', content: 'x', gateway: gw, metadata: { a: 1 } },
    });
    expect(sent.statusCode).toBe(202);
    const id = String(json(sent)['id']);
    const row = await getMessageById(t.database.db, id);
    if (!row) throw new Error('message not stored');
    const read = json(await t.request({ method: 'GET', url: `/v1/messages/${id}` }));
    expect(read).toMatchObject(messageWebhookData(row));
  });
});
