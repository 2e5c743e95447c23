import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { assertConnectionBudget, openDatabase, type Db } from '@smsgw/db';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /**
     * Where list and read routes read: a PostgreSQL read replica (SMSGW_DATABASE_READ_URL), or
     * `db` itself when none is configured. It may lag behind `db`: never write through it, and
     * never read from it what a client has just written and expects to see (fall back to `db`).
     */
    readDb: Db;
  }
}

export interface DatabasePluginOptions {
  /**
   * A database the caller opened and will close (tests, the one-process demo sharing it with
   * workers). Without one the plugin opens the pool of `DATABASE_URL` and closes it with the app.
   */
  db?: Db | undefined;
  /** A read database the caller opened and will close; without one, SMSGW_DATABASE_READ_URL's pool or `db`. */
  readDb?: Db | undefined;
}

/** PostgreSQL as `app.db`, and the read replica (or the same database) as `app.readDb`. */
export const databasePlugin = fp<DatabasePluginOptions>(
  async (app, opts) => {
    if (opts.db) {
      app.decorate('db', opts.db);
      app.decorate('readDb', opts.readDb ?? (await openReadDatabase(app, opts.db)));
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
    app.decorate('readDb', opts.readDb ?? (await openReadDatabase(app, database.db)));
  },
  { name: 'smsgw-database', fastify: '5.x', dependencies: ['smsgw-config'] },
);

/**
 * The read replica's pool when SMSGW_DATABASE_READ_URL is set, closed with the app; `primary`
 * otherwise. Its size is the primary's (SMSGW_DB_POOL_MAX), on the replica's own connection limit.
 */
async function openReadDatabase(app: FastifyInstance, primary: Db): Promise<Db> {
  const { databaseReadUrl, dbPoolMax } = app.config;
  if (!databaseReadUrl) return primary;
  const replica = await openDatabase({ url: databaseReadUrl, max: dbPoolMax });
  app.addHook('onClose', () => replica.close());
  return replica.db;
}
