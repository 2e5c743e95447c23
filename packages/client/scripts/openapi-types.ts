/**
 * Generates the client's types from the API's own OpenAPI document: the app is built in process
 * (never listening) and asked for /openapi.json, and openapi-typescript turns that document into
 * `src/openapi.d.ts`. Dev-only: the published package ships the generated file, not this script.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import pino from 'pino';
import { buildApp, loadApiConfig } from '@smsgw/api';

/** The committed output. */
export const TYPES_FILE = fileURLToPath(new URL('../src/openapi.d.ts', import.meta.url));

const HEADER = `/**
 * GENERATED from the API's OpenAPI document by \`npm run client:types\`: do not edit.
 * packages/client/test/openapi-types.test.ts fails when this file no longer matches the API.
 */

`;

/**
 * The document the API serves. The document depends only on the routes' schemas, so any
 * reachable PostgreSQL and Redis do (nothing is read or written); the encryption key is throwaway.
 */
export async function liveSpec(env: { DATABASE_URL?: string | undefined; REDIS_URL?: string | undefined }): Promise<OpenAPI3> {
  const config = loadApiConfig({
    DATABASE_URL: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    REDIS_URL: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    SMSGW_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    SMSGW_KEY_CACHE_TTL_MS: '0',
    LOG_LEVEL: 'silent',
  });
  const app = await buildApp({ config, logger: pino({ level: 'silent' }) });
  try {
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}`);
    return res.json<OpenAPI3>();
  } finally {
    await app.close();
  }
}

/** The TypeScript declarations of a document, as committed (header included). */
export async function typesFromSpec(spec: OpenAPI3): Promise<string> {
  // A copy: openapi-typescript annotates the object it is given.
  const ast = await openapiTS(structuredClone(spec), { alphabetize: true, emptyObjectsUnknown: true });
  return HEADER + astToString(ast);
}
