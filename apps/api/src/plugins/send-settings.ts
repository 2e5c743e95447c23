import fp from 'fastify-plugin';
import { createSendSettings, type SendSettingsCache } from '../services/send-settings.js';
import { createTemplateStore, type TemplateStore } from '../services/template-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Per-account smart-encoding default and billee defaults, cached: every accepted message reads them. */
    sendSettings: SendSettingsCache;
    /** Stored templates, cached: a send by template name reads one. */
    templateStore: TemplateStore;
  }
}

/** One cache of each per process, so a route's write (`invalidate()`) is seen by the accept path at once. */
export const sendSettingsPlugin = fp(
  async (app) => {
    app.decorate('sendSettings', createSendSettings(app.db));
    app.decorate('templateStore', createTemplateStore(app.db));
  },
  { name: 'smsgw-send-settings', fastify: '5.x', dependencies: ['smsgw-database'] },
);
