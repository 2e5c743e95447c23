/**
 * `npm run client:types`: rewrites packages/client/src/openapi.d.ts from the API's routes.
 * Needs the PostgreSQL and Redis the tests use (DATABASE_URL / REDIS_URL, or the local defaults).
 */
import { writeFile } from 'node:fs/promises';
import { liveSpec, TYPES_FILE, typesFromSpec } from './openapi-types.js';

const text = await typesFromSpec(await liveSpec({ DATABASE_URL: process.env['DATABASE_URL'], REDIS_URL: process.env['REDIS_URL'] }));
await writeFile(TYPES_FILE, text);
process.stdout.write(`wrote ${TYPES_FILE} (${text.length} characters)\n`);
