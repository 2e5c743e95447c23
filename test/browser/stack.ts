/**
 * A whole smsgw on loopback for the browser tests, in this process: the API listening on
 * 127.0.0.1, the workers, the sandbox provider and a webhook receiver, on a database and a
 * BullMQ prefix of their own. The browser is the only other process.
 */
import { createApiKey, type Database } from '@smsgw/db';
import type { Sandbox } from '@smsgw/sandbox-gateway';
import { startReceiver, type Receiver } from '../../apps/worker/test/webhooks-receiver.js';
import { apiClient, type ApiCall } from '../support/api-client.js';
import { startLiveStack } from '../support/live-stack.js';

export interface BrowserStack {
  url: string;
  database: Database;
  sandbox: Sandbox;
  receiver: Receiver;
  /** The API as an admin key. */
  api: ApiCall;
  adminKey: string;
  /** A key of the same account that may read gateways and queues, and not act on them. */
  readOnlyKey: string;
  gateway: string;
  close(): Promise<void>;
}

export async function startBrowserStack(label: string): Promise<BrowserStack> {
  const stack = await startLiveStack(label, { sandbox: { dlrDelayMs: 50 }, webhooks: { attempts: 3, backoffMs: 20 } });
  const receiver = await startReceiver();
  const { key: readOnlyKey } = await createApiKey(stack.database.db, {
    accountId: stack.accountId,
    scopes: ['gateways:read', 'messages:read'],
  });
  const api = apiClient(stack.url, stack.adminKey);
  const account = await api('PATCH', '/v1/account', { webhookUrl: receiver.url });
  if (account.status !== 200) throw new Error(`PATCH /v1/account: ${account.status}`);
  return {
    url: stack.url,
    database: stack.database,
    sandbox: stack.sandbox,
    receiver,
    api,
    adminKey: stack.adminKey,
    readOnlyKey,
    gateway: stack.gateway,
    async close() {
      await stack.close();
      await receiver.close();
    },
  };
}
