/**
 * Debian's Chromium driven by playwright-core (no browser download): headless, no sandbox (the
 * tests run as root), none of Chromium's own background traffic, and a fresh profile directory
 * per launch. Every request any page makes passes `context.route`: one to a host that is not
 * loopback is aborted and recorded, so a test can fail on it (the loopback guard of the test
 * process does not reach into the browser).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const OUT_DIR = fileURLToPath(new URL('./out/', import.meta.url));

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface Browser {
  context: BrowserContext;
  /** `METHOD url` of every request that went (or tried to go) beyond loopback. */
  outside: string[];
  /** Every URL a page requested, for checks such as "the key never appears in a URL". */
  urls: string[];
  /** Content-Security-Policy refusals and uncaught page errors (HTTP errors a test provokes are not problems). */
  problems: string[];
  newPage(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** Chromium with HTTP credentials for basic auth (Bull Board), its requests held to loopback. */
export async function launchChromium(httpCredentials?: { username: string; password: string }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  const profile = mkdtempSync(join(tmpdir(), 'smsgw-chromium-'));
  // launchPersistentContext puts `--user-data-dir=<profile>` on the command line itself (it refuses the flag in `args`).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 860 },
    ...(httpCredentials ? { httpCredentials } : {}),
  });
  const outside: string[] = [];
  const urls: string[] = [];
  const problems: string[] = [];
  const note = (entry: string) => {
    if (!outside.includes(entry)) outside.push(entry);
  };
  await context.route('**/*', async (route) => {
    const request = route.request();
    urls.push(request.url());
    const url = new URL(request.url());
    if (
      (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') &&
      !LOOPBACK.has(url.hostname)
    ) {
      note(`${request.method()} ${request.url()}`);
      await route.abort('blockedbyclient');
      return;
    }
    await route.continue();
  });
  // Requests that never reach `route` (a service worker's, a prefetch) are still seen here.
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && !LOOPBACK.has(url.hostname)) note(`${request.method()} ${request.url()}`);
  });
  mkdirSync(OUT_DIR, { recursive: true });
  return {
    context,
    outside,
    urls,
    problems,
    async newPage() {
      const page = await context.newPage();
      page.on('console', (msg) => {
        if (/Content Security Policy/i.test(msg.text())) problems.push(`${page.url()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`${page.url()}: ${err.message}`));
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(OUT_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
