import type { Logger } from 'pino';
import type { MessageRow, ReplyRow } from '@smsgw/db';

/** What a reply handler is given: the stored reply, the message it answers, and a logger for its job. */
export interface ReplyHandlerContext {
  reply: ReplyRow;
  message: MessageRow;
  log: Logger;
}

/**
 * The successor of the original's `reply_callback`. It runs in a BullMQ job (queue
 * `reply-handlers`), never in the provider's callback request; a throw fails the attempt, and
 * the job is retried with backoff. It may run more than once for one reply (a retry after a
 * crash), so make it idempotent, e.g. keyed by `reply.id`.
 */
export type ReplyHandler = (ctx: ReplyHandlerContext) => Promise<void> | void;

export interface ReplyHandlerRegistry {
  /** Registers `fn` under `name` (what messages give as `replyCallback`); a name is registered once. */
  register(name: string, fn: ReplyHandler): void;
  get(name: string): ReplyHandler | undefined;
  names(): string[];
}

const NAME_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * A registry of reply handlers, created by the process that runs the workers and passed to
 * `startWorkers({ …, replyHandlers })`. A message names its handler when it is sent
 * (`POST /v1/messages {"replyCallback": "survey", …}`); a reply matched to that message runs it.
 *
 * @example
 * ```ts
 * import { createReplyHandlerRegistry, startWorkers } from '@smsgw/worker';
 *
 * const replyHandlers = createReplyHandlerRegistry();
 * replyHandlers.register('survey', async ({ reply, message, log }) => {
 *   await saveAnswer(message.metadata['surveyId'], reply.from, reply.content);
 *   log.info({ replyId: reply.id }, 'survey answer stored');
 * });
 * const runtime = await startWorkers({ db, queues, connection, config, logger, replyHandlers });
 * ```
 */
export function createReplyHandlerRegistry(): ReplyHandlerRegistry {
  const handlers = new Map<string, ReplyHandler>();
  return {
    register(name, fn) {
      if (!NAME_RE.test(name)) throw new Error(`reply handler name "${name}" must be 1-64 of letters, digits, _ . : -`);
      if (handlers.has(name)) throw new Error(`a reply handler named "${name}" is already registered`);
      handlers.set(name, fn);
    },
    get: (name) => handlers.get(name),
    names: () => [...handlers.keys()].sort(),
  };
}

/** Same as `registry.register(name, fn)`. */
export function registerReplyHandler(registry: ReplyHandlerRegistry, name: string, fn: ReplyHandler): void {
  registry.register(name, fn);
}

/**
 * Loads a module that registers reply handlers (`SMSGW_REPLY_HANDLERS`): its default export is
 * called with the registry. Lets a deployment add handlers without its own worker entry point.
 */
export async function loadReplyHandlers(modulePath: string, registry: ReplyHandlerRegistry): Promise<void> {
  const { pathToFileURL } = await import('node:url');
  const { resolve } = await import('node:path');
  const mod: unknown = await import(pathToFileURL(resolve(modulePath)).href);
  const register = typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : undefined;
  if (typeof register !== 'function') throw new Error(`${modulePath} must export a default function (registry) => void`);
  await (register as (r: ReplyHandlerRegistry) => unknown)(registry);
}
