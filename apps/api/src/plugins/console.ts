import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';

const BASE = '/console';
const ROOT = fileURLToPath(new URL('../../console/', import.meta.url));

/**
 * Scripts and styles from this origin only, no inline script or style, no frames, and requests
 * only to this origin (the API the pages read): the key in sessionStorage can leave only in an
 * `Authorization` header to the API itself.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** Every file under the console folder, read once: a few small files, no build step, no path from a request ever touches the disk. */
function loadAssets(root: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const type = TYPES[extname(entry.name)];
    if (!entry.isFile() || !type) continue;
    const full = join(entry.parentPath, entry.name);
    const body = readFileSync(full);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    assets.set(relative(root, full).split(sep).join('/'), { body, type, etag });
  }
  return assets;
}

function secure(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONSOLE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

/**
 * The console at /console: static pages (HTML, ES modules, CSS) served from memory. The files are
 * public; every datum comes from the API with the key the person signed in with, so the console
 * holds no privilege of its own.
 */
export const consolePlugin = fp(
  async (app, opts: { root?: string }) => {
    const assets = loadAssets(opts.root ?? ROOT);
    const send = (reply: FastifyReply, name: string, ifNoneMatch: string | undefined) => {
      const asset = assets.get(name);
      if (!asset) return secure(reply).status(404).type('text/plain; charset=utf-8').send('Not found');
      secure(reply).header('cache-control', 'no-cache').header('etag', asset.etag);
      if (ifNoneMatch === asset.etag) return reply.status(304).send();
      return reply.type(asset.type).send(asset.body);
    };
    const config = { public: true };
    const schema = { hide: true };
    // The pages import each other relatively: they need the trailing slash.
    app.get(BASE, { config, schema }, (_request, reply) => secure(reply).redirect(`${BASE}/`, 302));
    app.get(`${BASE}/`, { config, schema }, (request, reply) => send(reply, 'index.html', request.headers['if-none-match']));
    app.get<{ Params: { '*': string } }>(`${BASE}/*`, { config, schema }, (request, reply) =>
      send(reply, request.params['*'], request.headers['if-none-match']),
    );
  },
  { name: 'smsgw-console', fastify: '5.x' },
);
