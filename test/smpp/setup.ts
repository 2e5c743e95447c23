import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { countSegments, newId, type MessageStatus } from '@smsgw/core';
import {
  getMessageById,
  insertGateway,
  listEvents,
  type Database,
  type MessageEventRow,
  type MessageRow,
  type NewGatewayRow,
  type NewMessage,
} from '@smsgw/db';
import { encryptSecret, type SmppGatewayConfigInput } from '@smsgw/gateways';
import { createQueues, redisConnection, type Queues } from '@smsgw/queues';
import { loadWorkerConfig, startWorkers, type WorkerRuntime } from '../../apps/worker/src/index.js';
import { eventually, privateDatabase, redisUrl, testAccount, uniquePrefix } from '../support/env.js';
import { seedMessage, uniqueName } from '../support/fixtures.js';

/**
 * Real workers (startWorkers) on a database of this file's own and real Redis, with SMPP gateway
 * rows inserted through packages/db as an operator's tooling would: no API involved. Messages
 * are inserted as the API would accept them and their send job queued by hand.
 */

const KEY_HEX = 'ab'.repeat(32);

export interface SmppHarness {
  database: Database;
  queues: Queues;
  runtime: WorkerRuntime;
  accountId: string;
  /** Inserts an SMPP gateway for `port` (merged over sensible test defaults); resolves once the workers serve it. */
  addGateway(
    port: number,
    config?: Partial<SmppGatewayConfigInput>,
    credentials?: Record<string, string>,
    row?: Partial<NewGatewayRow>,
  ): Promise<string>;
  /** Inserts a message (segments counted as the API would) and queues its send. */
  send(gateway: string, content: string, values?: Partial<NewMessage>): Promise<MessageRow>;
  message(id: string): Promise<MessageRow>;
  events(id: string): Promise<MessageEventRow[]>;
  waitFor(id: string, status: MessageStatus | readonly MessageStatus[], timeoutMs?: number): Promise<MessageRow>;
  /** runtime.close() (what SIGTERM runs), once. */
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

/** Fast timeouts and reconnects, so failures show within a test's patience. */
export const TEST_SMPP: Partial<SmppGatewayConfigInput> = {
  timeouts: { connectMs: 1000, responseMs: 800, enquireLinkMs: 5000 },
  reconnect: { initialMs: 50, maxMs: 400 },
  throttleRetryMs: 100,
};

export async function startSmppHarness(label: string, env: Record<string, string> = {}): Promise<SmppHarness> {
  const own = await privateDatabase(label);
  const database = own.database;
  const prefix = uniquePrefix();
  const connection = redisConnection(redisUrl());
  const config = loadWorkerConfig({
    DATABASE_URL: own.url,
    REDIS_URL: redisUrl(),
    SMSGW_QUEUE_PREFIX: prefix,
    SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
    SMSGW_ENCRYPTION_KEY: KEY_HEX,
    SMSGW_SEND_ATTEMPTS: '3',
    SMSGW_SEND_BACKOFF_MS: '20',
    SMSGW_SWEEP_EVERY_MS: '3600000',
    SMSGW_GATEWAY_POLL_MS: '600000',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const queues = createQueues({ connection, prefix, sendAttempts: config.sendAttempts, sendBackoffMs: config.sendBackoffMs });
  const logger = pino({ level: process.env['SMPP_TEST_LOG'] ?? 'silent' });
  const runtime = await startWorkers({ db: database.db, queues, connection, config, logger });
  const { accountId } = await testAccount(database);
  const message = async (id: string) => {
    const row = await getMessageById(database.db, id);
    if (!row) throw new Error(`message ${id} not found`);
    return row;
  };
  let closed = false;
  let stopping: Promise<void> | undefined;
  const stopWorkers = () => (stopping ??= runtime.close());
  return {
    database,
    queues,
    runtime,
    accountId,
    async addGateway(port, cfg = {}, credentials = { system_id: 'test', password: 'secret' }, row = {}) {
      const name = row.name ?? uniqueName('smpp');
      await insertGateway(database.db, {
        ...row,
        id: newId('gw'),
        name,
        preset: null,
        config: { kind: 'smpp', host: '127.0.0.1', port, ...TEST_SMPP, ...cfg },
        credentialsEncrypted: encryptSecret(JSON.stringify(credentials), config.encryptionKey),
        callbackToken: randomBytes(24).toString('base64url'),
      });
      await runtime.sync();
      return name;
    },
    async send(gateway, content, values = {}) {
      const seg = countSegments(content);
      const row = await seedMessage(database.db, {
        accountId,
        gateway,
        routeGateways: [gateway],
        content,
        encoding: seg.encoding,
        segments: seg.segments,
        ...values,
      });
      await queues.enqueue('send', { messageId: row.id }, { gateway: row.gateway ?? gateway });
      return row;
    },
    message,
    events: (id) => listEvents(database.db, id),
    async waitFor(id, status, timeoutMs = 10_000) {
      const wanted: readonly MessageStatus[] = typeof status === 'string' ? [status] : status;
      let last: MessageStatus | undefined;
      try {
        return await eventually(
          async () => {
            const row = await message(id);
            last = row.status;
            return wanted.includes(row.status) ? row : undefined;
          },
          timeoutMs,
          `message ${id} to be ${wanted.join(' or ')}`,
        );
      } catch (err) {
        throw new Error(`${(err as Error).message} (last status: ${last ?? 'none'})`);
      }
    },
    stopWorkers,
    async close() {
      if (closed) return;
      closed = true;
      await stopWorkers();
      await queues.close();
      await connection.quit();
      await own.drop();
    },
  };
}

export const eventTypes = (events: readonly MessageEventRow[]): string[] => events.map((e) => e.type);
