import postgres from 'postgres';
import { openDatabase } from '@smsgw/db';

export interface BenchDatabase {
  /** Connection URL of the bench's own database. */
  url: string;
  name: string;
  serverVersion: string;
  /** Drops the database, closing any connection still open on it. */
  drop(): Promise<void>;
}

/**
 * Creates and migrates a database of the bench's own on the server of `adminUrl`, so the bench
 * never reads or writes anyone else's rows and leaves nothing behind.
 */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  const name = `smsgw_bench_${Date.now()}_${process.pid}`;
  try {
    const [row] = await admin<{ v: string }[]>`SELECT current_setting('server_version') AS v`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const bench: BenchDatabase = {
      url: url.toString(),
      name,
      serverVersion: row?.v ?? 'unknown',
      async drop() {
        try {
          await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await admin.end({ timeout: 5 });
        }
      },
    };
    try {
      const database = await openDatabase({ url: bench.url, max: 1 });
      try {
        await database.migrate();
      } finally {
        await database.close();
      }
    } catch (err) {
      await bench.drop();
      throw err;
    }
    return bench;
  } catch (err) {
    await admin.end({ timeout: 5 }).catch(() => undefined);
    throw err;
  }
}
