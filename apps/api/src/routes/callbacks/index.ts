import type { FastifyPluginAsync } from 'fastify';
import type { MessageRow } from '@smsgw/db';
import type { DirectoryCache } from '../../services/directory.js';
import type { ReplyDeps } from '../../services/replies.js';
import { legacyCallbackRoutes } from './legacy.js';
import { replyCallbackRoute } from './reply.js';
import { statusCallbackRoute } from './status.js';

/** Called after a callback changed a message's status (webhooks hang here). */
export type MessageChangeHook = (message: MessageRow) => Promise<void>;

const MAX_CALLBACK_BYTES = 256 * 1024;

/**
 * Provider callbacks. Public (the path token authenticates the gateway), and bodies are kept as
 * raw strings: signatures are computed over the exact bytes, and each gateway's config says
 * whether fields are in the query, a form or JSON.
 */
export const callbackRoutes: FastifyPluginAsync<{ directory: DirectoryCache; onChange?: MessageChangeHook; replies: ReplyDeps }> = async (
  scope,
  opts,
) => {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_CALLBACK_BYTES }, (_req, body, done) => done(null, body));
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), public: true };
  });
  const onChange = opts.onChange ?? (async () => undefined);
  statusCallbackRoute(scope, opts.directory, onChange);
  replyCallbackRoute(scope, opts.directory, opts.replies);
  legacyCallbackRoutes(scope, opts.directory, onChange, opts.replies);
};
