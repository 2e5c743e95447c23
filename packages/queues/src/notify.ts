import type { RedisTarget } from '@smsgw/core';
import { duplicateConnection, isClient, redisConnection, type RedisClient } from './connection.js';

const channel = (prefix: string) => `${prefix}:gateways-changed`;

/** Tells every worker that gateways changed; workers also poll, so a lost message only delays. */
export function gatewayNotifier(connection: RedisClient, prefix: string) {
  return {
    async gatewaysChanged(): Promise<void> {
      await connection.publish(channel(prefix), String(Date.now()));
    },
  };
}

/**
 * Subscribes on a dedicated connection (a subscribed connection can do nothing else): a URL, a
 * configured target (Cluster, Sentinel) or a connection to duplicate.
 */
export async function onGatewaysChanged(
  url: string | RedisTarget | RedisClient,
  prefix: string,
  listener: () => void,
): Promise<() => Promise<void>> {
  const sub = isClient(url) ? duplicateConnection(url) : redisConnection(url);
  sub.on('message', (ch: string) => {
    if (ch === channel(prefix)) listener();
  });
  await sub.subscribe(channel(prefix));
  return async () => {
    await sub.quit().catch(() => sub.disconnect());
  };
}

const keysChannel = (prefix: string) => `${prefix}:keys-changed`;

/** What `notifyKeysChanged` sends: one key's id, or every key. */
export type KeysChange = string | '*';

/**
 * Tells every API process that a key was revoked or changed (`'*'`: any number of keys, e.g. an
 * account was deleted), so their key caches drop it now instead of at the end of their TTL.
 * Only the key's id travels: Redis never sees a key or its hash.
 */
export async function notifyKeysChanged(connection: RedisClient, prefix: string, change: KeysChange): Promise<void> {
  await connection.publish(keysChannel(prefix), change);
}

export interface KeysChangedHandlers {
  /** A key changed (its id), or `'*'` for all of them. */
  changed(change: KeysChange): void;
  /**
   * `true` once the subscription is confirmed (and again after every reconnect), `false` as soon
   * as the connection drops: messages published in between are lost, so a listener that caches
   * must not trust what it holds until it hears `true` again.
   */
  listening(on: boolean): void;
  /** The connection's errors (one per failed reconnect while Redis is away). */
  error?(err: Error): void;
}

/**
 * Subscribes to key changes on a connection of its own (a duplicate of `source`, as a subscribed
 * connection can do nothing else). Unlike `onGatewaysChanged` it returns at once and subscribes
 * in the background, reporting through `listening`: an API must start (and answer from the
 * database) while Redis is down, not wait for it.
 */
export function onKeysChanged(source: RedisClient, prefix: string, handlers: KeysChangedHandlers): { close(): Promise<void> } {
  const ch = keysChannel(prefix);
  // Our own subscribe on every `ready` is what tells us we listen again (ioredis's automatic
  // resubscription would not tell us when it is done); named, so `CLIENT LIST` shows what it is.
  const sub = duplicateConnection(source, { autoResubscribe: false, maxRetriesPerRequest: null, connectionName: `${ch}-subscriber` });
  let closed = false;
  sub.on('message', (channel: string, message: string) => {
    if (channel === ch && !closed) handlers.changed(message === '' ? '*' : message);
  });
  sub.on('ready', () => {
    sub.subscribe(ch).then(
      () => {
        if (!closed) handlers.listening(true);
      },
      // A failed subscribe leaves us not listening; the next reconnect tries again.
      () => undefined,
    );
  });
  sub.on('close', () => {
    if (!closed) handlers.listening(false);
  });
  // Without a listener ioredis prints every reconnect failure to stderr; the owner decides what to log.
  sub.on('error', (err: Error) => {
    if (!closed) handlers.error?.(err);
  });
  return {
    async close() {
      // Handlers hear nothing more, not even `listening(false)`: the owner is shutting down.
      closed = true;
      // QUIT on a connection that is not up would wait in the offline queue for Redis to return.
      if (sub.status === 'ready') await sub.quit().catch(() => sub.disconnect());
      else sub.disconnect();
    },
  };
}
