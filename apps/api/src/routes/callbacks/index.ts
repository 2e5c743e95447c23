import type { FastifyPluginAsync } from 'fastify';
import type { HotPath, MessageRow } from '@smsgw/db';
import type { DirectoryCache } from '../../services/directory.js';
import type { ReplyDeps } from '../../services/replies.js';
import { legacyCallbackRoutes } from './legacy.js';
import { replyCallbackRoute } from './reply.js';
import { statusCallbackRoute } from './status.js';

/**
 * Where status callbacks apply reports: the process's hot path (grouped statements that also
 * write the webhook outbox and wake its jobs), and a hook called after a change made by the
 * general path (it wakes the change's webhook).
 */
export interface MessageChangeHook {
  hot: HotPath | undefined;
  onChange(message: MessageRow & { webhookId?: string | null }): Promise<void>;
}

const MAX_CALLBACK_BYTES = 256 * 1024;

/**
 * Provider callbacks. Public (the path token authenticates the gateway), and bodies are kept as
 * raw strings: signatures are computed over the exact bytes, and each gateway's config says
 * whether fields are in the query, a form or JSON.
 */
export const callbackRoutes: FastifyPluginAsync<{
  directory: DirectoryCache;
  hot?: HotPath;
  onChange?: MessageChangeHook['onChange'];
  replies: ReplyDeps;
}> = async (
  scope,
  opts,
) => {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_CALLBACK_BYTES }, (_req, body, done) => done(null, body));
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), public: true };
  });
  const onChange: MessageChangeHook = { hot: opts.hot, onChange: opts.onChange ?? (async () => undefined) };
  statusCallbackRoute(scope, opts.directory, onChange);
  replyCallbackRoute(scope, opts.directory, opts.replies);
  legacyCallbackRoutes(scope, opts.directory, onChange, opts.replies);
};
