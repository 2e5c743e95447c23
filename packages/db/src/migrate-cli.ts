/** `npm run migrate`: applies the committed migrations to DATABASE_URL (or the embedded database). */
import { openDatabase } from './client.js';

const database = await openDatabase({ url: process.env['DATABASE_URL'], pgliteDir: process.env['SMSGW_DATA_DIR'] ?? '.data/pglite' });
await database.migrate();
await database.close();
process.stdout.write(`migrations applied (${database.kind})\n`);
