import type { Redis } from 'ioredis';
import { redisConnection } from './index.js';

const channel = (prefix: string) => `${prefix}:gateways-changed`;

/** Tells every worker that gateways changed; workers also poll, so a lost message only delays. */
export function gatewayNotifier(connection: Redis, prefix: string) {
  return {
    async gatewaysChanged(): Promise<void> {
      await connection.publish(channel(prefix), String(Date.now()));
    },
  };
}

/** Subscribes on a dedicated connection (a subscribed connection can do nothing else). */
export async function onGatewaysChanged(url: string, prefix: string, listener: () => void): Promise<() => Promise<void>> {
  const sub = redisConnection(url);
  sub.on('message', (ch: string) => {
    if (ch === channel(prefix)) listener();
  });
  await sub.subscribe(channel(prefix));
  return async () => {
    await sub.quit().catch(() => sub.disconnect());
  };
}
