import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { hasScope, JOBS, sendQueueName, statusOf, type ErrorCode, type Scope } from '@smsgw/core';
import { hashApiKey, listGateways } from '@smsgw/db';
import { basicCredentials } from '../services/authorization-header.js';

/** The full board (retry, clean, delete, pause…): admin keys. */
export const BULL_BOARD_PATH = '/admin/queues';
/** The same board with every queue read-only: keys with `gateways:read`. */
export const BULL_BOARD_READ_ONLY_PATH = '/admin/queues-read-only';

/**
 * Bull Board's pages and API talk to this origin only. Its page asks for web fonts from the
 * public internet (a `<link>` in its index.ejs), which hangs the page on an offline network:
 * the link is cut from the HTML below, and this policy refuses any other outside request a
 * future version might add (the fonts fall back to the system's). Styles may be inline (the
 * page's loading spinner is); scripts may not.
 */
export const BULL_BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `<link … href="http(s)://…">`: a stylesheet, font or icon from another origin. */
const OUTSIDE_LINK = /<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?\/\/[^>]*>\s*/gi;

/** The board's HTML without the links it would fetch from elsewhere. */
export function stripOutsideLinks(html: string): string {
  return html.replace(OUTSIDE_LINK, '');
}

interface Board {
  base: string;
  readOnly: boolean;
  scope: Scope;
  replaceQueues: (queues: BullMQAdapter[]) => void;
  adapter: FastifyAdapter;
}

function makeBoard(base: string, readOnly: boolean): Board {
  const adapter = new FastifyAdapter();
  adapter.setBasePath(base);
  const { replaceQueues } = createBullBoard({
    queues: [],
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: readOnly ? 'smsgw (read-only)' : 'smsgw' } },
  });
  return { base, readOnly, scope: readOnly ? 'gateways:read' : 'admin', replaceQueues, adapter };
}

const READS = new Set(['GET', 'HEAD']);

function challenge(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  if (code === 'unauthorized') reply.header('www-authenticate', 'Basic realm="smsgw", charset="UTF-8"');
  return reply.status(statusOf(code)).send({ error: { code, message } });
}

/** The key of a request: the password of HTTP basic auth, what a browser can send. */
const keyOf = (request: FastifyRequest) => basicCredentials(request.headers.authorization)?.password;

/**
 * Bull Board, twice over the same queues: at /admin/queues with every action for admin keys, and
 * at /admin/queues-read-only with `readOnlyMode` on every queue for keys with `gateways:read`.
 * Two boards rather than one that decides per request: `readOnlyMode` is a property of the
 * queue adapters a board shares between all its requests, so flipping it per request would
 * let one request's mode leak into another running at the same time. A key that may read but
 * not act is redirected from the full board to the read-only one; the read-only board also
 * refuses every request that is not a read (403), whatever Bull Board itself would allow.
 *
 * Both sit behind HTTP basic auth with an API key as the password (a browser cannot send a
 * Bearer header); a key without `gateways:read` is asked again (401). The queue list follows the gateways table,
 * refreshed on each page load, so a gateway added at run time shows up without a restart.
 */
export const bullBoardPlugin = fp(
  async (app) => {
    const full = makeBoard(BULL_BOARD_PATH, false);
    const readOnly = makeBoard(BULL_BOARD_READ_ONLY_PATH, true);
    const { queues, db } = app;

    const refresh = async () => {
      // Every queue of the job catalog: a gateway's send queue each, and the fixed ones once.
      const names = [
        ...(await listGateways(db)).map((g) => sendQueueName(g.name)),
        ...new Set(Object.values(JOBS).flatMap((j) => (j.perGateway ? [] : [j.queue]))),
      ];
      for (const board of [full, readOnly])
        board.replaceQueues(names.map((n) => new BullMQAdapter(queues.get(n), { readOnlyMode: board.readOnly })));
    };

    const guard = (board: Board) => async (request: FastifyRequest, reply: FastifyReply) => {
      const key = keyOf(request);
      // Through the key cache, as every route: revoked, expired and disabled keys are refused at once.
      const principal = key ? await app.keyCache.get(hashApiKey(key)) : undefined;
      // A key that may not even read asks again (401, not 403): the browser then offers to try another key.
      if (!principal || !hasScope(principal, 'gateways:read'))
        return challenge(reply, 'unauthorized', 'A key with the "gateways:read" scope is needed (basic auth, the key as the password)');
      if (board.readOnly && !READS.has(request.method))
        return challenge(reply, 'forbidden', `This board is read-only: acting on jobs needs an admin key, at ${BULL_BOARD_PATH}`);
      if (!hasScope(principal, board.scope)) {
        if (!READS.has(request.method)) return challenge(reply, 'forbidden', `This needs a key with the "${board.scope}" scope`);
        // May read, may not act: the same page, read-only.
        return reply.redirect(BULL_BOARD_READ_ONLY_PATH + request.url.slice(board.base.length), 302);
      }
      const path = request.url.slice(board.base.length);
      if (path === '' || path === '/' || path.startsWith('?') || path.startsWith('/?') || path.startsWith('/api/queues')) await refresh();
      return undefined;
    };

    const mount = async (board: Board) =>
      app.register(async (scope: FastifyInstance) => {
        scope.addHook('onRoute', (route) => {
          route.config = { ...(route.config ?? {}), public: true };
          route.schema = { ...(route.schema ?? {}), hide: true };
        });
        scope.addHook('onRequest', guard(board));
        scope.addHook('onSend', async (_request, reply, payload) => {
          reply.header('content-security-policy', BULL_BOARD_CSP);
          reply.header('x-content-type-options', 'nosniff');
          reply.header('referrer-policy', 'no-referrer');
          const type = reply.getHeader('content-type');
          if (typeof payload === 'string' && typeof type === 'string' && type.startsWith('text/html')) return stripOutsideLinks(payload);
          return payload;
        });
        await scope.register(board.adapter.registerPlugin(), { prefix: board.base });
      });

    await mount(full);
    await mount(readOnly);
  },
  { name: 'smsgw-bull-board', fastify: '5.x', dependencies: ['smsgw-database', 'smsgw-queues', 'smsgw-auth'] },
);
