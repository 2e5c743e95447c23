import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { newId } from '@smsgw/core';
import { getGateway, insertMessage, type Db, type MessageRow, type NewMessage } from '@smsgw/db';
import { uniqueNumber } from '../../../test/support/fixtures.js';

export { uniqueNumber };

/** One callback as a provider's documentation shows it (packages/gateways/presets/fixtures). */
export interface CallbackFixture {
  source: string;
  method: string;
  contentType: string;
  query: string;
  body: string;
}

export interface PresetFixtures {
  statusCallbacks: CallbackFixture[];
  replyCallbacks: CallbackFixture[];
}

/** The documented callbacks of a preset. */
export function presetFixtures(preset: string): PresetFixtures {
  const url = new URL(`../../../packages/gateways/presets/fixtures/${preset}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as PresetFixtures;
}

export function fixture(list: CallbackFixture[], index: number): CallbackFixture {
  const f = list[index];
  if (!f) throw new Error(`no fixture ${index}`);
  return f;
}

/** A valid UK mobile number no other test uses. */

export const uniqueGatewayId = (prefix = 'sbx_'): string => `${prefix}${randomBytes(10).toString('hex')}`;

/** A message stored as if a worker had handled it so far (default: `sent` with a gateway id). */
export async function seedMessage(db: Db, accountId: string, gateway: string, over: Partial<NewMessage> = {}): Promise<MessageRow> {
  const { row } = await insertMessage(db, {
    id: newId('msg'),
    accountId,
    to: uniqueNumber(),
    content: 'hello',
    encoding: 'gsm7',
    segments: 1,
    status: 'sent',
    gateway,
    routeGateways: [gateway],
    gatewayMessageId: uniqueGatewayId(),
    sentAt: new Date(),
    ...over,
  });
  return row;
}

export async function callbackToken(db: Db, gateway: string): Promise<string> {
  const row = await getGateway(db, gateway);
  if (!row) throw new Error(`gateway ${gateway} not found`);
  return row.callbackToken;
}

export interface CallbackCall {
  method?: 'GET' | 'POST';
  contentType?: string;
  body?: string;
  query?: string;
  headers?: Record<string, string>;
}

/** Calls a callback path as a provider would (no API key). */
export function callback(app: FastifyInstance, path: string, c: CallbackCall = {}): Promise<LightMyRequestResponse> {
  const url = c.query ? `${path}?${c.query}` : path;
  return app.inject({
    method: c.method ?? 'POST',
    url,
    headers: { ...(c.contentType ? { 'content-type': c.contentType } : {}), ...c.headers },
    ...(c.body !== undefined ? { payload: c.body } : {}),
  });
}
