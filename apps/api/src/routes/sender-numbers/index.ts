import type { FastifyPluginAsync } from 'fastify';
import create from './create.js';
import remove from './delete.js';
import get from './get.js';
import list from './list.js';

/**
 * Sender numbers (admin keys): a number an account owns. A reply to it belongs to that account
 * whatever other accounts sent to the same phone; without one, a reply whose phone several
 * accounts wrote to is kept unmatched (see findReplyMatch).
 */
export const senderNumberRoutes: FastifyPluginAsync = async (app) => {
  await app.register(list);
  await app.register(create);
  await app.register(get);
  await app.register(remove);
};
