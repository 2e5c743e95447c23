import fp from 'fastify-plugin';
import { assertConnectionBudget, openDatabase, type Db } from '@smsgw/db';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export interface DatabasePluginOptions {
  /**
   * A database the caller opened and will close (tests, the one-process demo sharing it with
   * workers). Without one the plugin opens the pool of `DATABASE_URL` and closes it with the app.
   */
  db?: Db | undefined;
}

/** PostgreSQL as `app.db`. */
export const databasePlugin = fp<DatabasePluginOptions>(
  async (app, opts) => {
    if (opts.db) {
      app.decorate('db', opts.db);
      return;
    }
    const { databaseUrl, dbPoolMax } = app.config;
    // API and workers must share one database: the embedded one is for `npm start` only.
    if (!databaseUrl)
      throw new Error('DATABASE_URL is required for a separate API process (`npm start` runs everything on an embedded database)');
    const database = await openDatabase({ url: databaseUrl, max: dbPoolMax });
    try {
      await assertConnectionBudget(database, dbPoolMax);
    } catch (err) {
      // The app never becomes ready, so nobody would close this pool and the process would not exit.
      await database.close();
      throw err;
    }
    app.decorate('db', database.db);
    app.addHook('onClose', () => database.close());
  },
  { name: 'smsgw-database', fastify: '5.x', dependencies: ['smsgw-config'] },
);
