import type { FastifyPluginAsync } from 'fastify';
import create from './create.js';
import remove from './delete.js';
import get from './get.js';
import getVersion from './get-version.js';
import list from './list.js';
import listVersions from './list-versions.js';
import render from './render.js';
import update from './update.js';

/** `/v1/templates`: named, versioned message templates, sent with `{"template":{"name":"otp","vars":{…}}}`. One file per route. */
export const templateRoutes: FastifyPluginAsync = async (app) => {
  await app.register(list);
  await app.register(create);
  await app.register(get);
  await app.register(listVersions);
  await app.register(getVersion);
  await app.register(update);
  await app.register(remove);
  await app.register(render);
};
