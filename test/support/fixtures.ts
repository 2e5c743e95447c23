/**
 * Small things most test files need, in one place: numbers and names no other test file uses
 * (files run in parallel, some on one shared database), a free TCP port, and a message row
 * stored directly, as if the API had accepted it.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import { newId } from '@smsgw/core';
import { insertMessage, type Db, type MessageRow, type NewMessage } from '@smsgw/db';

/**
 * Ranges libphonenumber does not know as UK mobile (+44 7457…, +44 7509…, +44 7524…): a random
 * number there is refused with 422, or stored without a country (another rate applies).
 */
const NOT_MOBILE = new Set(['7457', '7509', '7524']);

/**
 * A valid UK mobile number (+44 74… unless `head` says 75) nobody else's test uses, so
 * per-recipient rules, routes and rates stay ours.
 */
export function uniqueNumber(head: '74' | '75' = '74'): string {
  for (;;) {
    const rest = String(randomInt(0, 100_000_000)).padStart(8, '0');
    if (!NOT_MOBILE.has(`7${head.slice(1)}${rest.slice(0, 2)}`)) return `+44${head}${rest}`;
  }
}

/** A gateway / route name no other test file will pick. */
export const uniqueName = (prefix = 'gw'): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, for servers whose URL must be known before
 * they listen (someone may take it in between: callers that can, retry on EADDRINUSE).
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const address = server.address();
  await new Promise<void>((ok) => server.close(() => ok()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Inserts a message row without queueing a job: `queued`, GSM-7, one segment, to a unique
 * number, unless `values` say otherwise. A test that needs a job adds it itself.
 */
export async function seedMessage(db: Db, values: Pick<NewMessage, 'accountId'> & Partial<NewMessage>): Promise<MessageRow> {
  const { row } = await insertMessage(db, {
    id: newId('msg'),
    to: uniqueNumber(),
    content: 'seeded by a test',
    encoding: 'gsm7',
    segments: 1,
    status: 'queued',
    ...values,
  });
  return row;
}
