import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uniqueNumber } from '../support/fixtures.js';
import { launchChromium, type Browser } from './chromium.js';
import { startBrowserStack, type BrowserStack } from './stack.js';

/** Long enough for a send, its report and a reply on two shared cores; conditions, not sleeps, decide. */
const WAIT = { timeout: 30_000 };

/**
 * The console and Bull Board in real Chromium against a real API, workers and the sandbox
 * provider on loopback: sign in, send from the form, watch the message reach `delivered` with
 * its timeline, visit every page (a screenshot each, under test/browser/out/), and check that
 * no page asks anything of a host beyond loopback and that the key never appears in a URL.
 */
describe('the console in Chromium', { timeout: 90_000 }, () => {
  let stack: BrowserStack;
  let browser: Browser;
  let page: Page;
  let messageId = '';
  let batchId = '';

  beforeAll(async () => {
    stack = await startBrowserStack('browser_console');
    // Some traffic for the batches and gateways pages.
    const batch = await stack.api('POST', '/v1/messages/batch', {
      messages: [0, 1, 2].map((i) => ({ to: uniqueNumber(), content: `batch ${i}`, gateway: stack.gateway })),
    });
    expect(batch.status).toBe(202);
    batchId = String(batch.json['batchId']);
    // Bull Board's pages ask for basic auth: the admin key is the password.
    browser = await launchChromium({ username: 'admin', password: stack.adminKey });
    page = await browser.newPage();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it('sees a request beyond loopback (the check below can fail), and stops it', async () => {
    const probe = await browser.newPage();
    await probe.goto('http://outside.invalid/').catch(() => undefined);
    expect(browser.outside).toEqual(['GET http://outside.invalid/']);
    browser.outside.length = 0;
    await probe.close();
  });

  it('signs in with a key, kept in sessionStorage and sent only as a header', async () => {
    const res = await page.goto(`${stack.url}/console`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('form#signin');
    await browser.screenshot(page, '01-signin');
    await page.fill('#key', 'sk_not_a_key');
    await page.click('form#signin button[type=submit]');
    await page.getByText('This key is not valid.').waitFor(WAIT);
    await page.fill('#key', stack.adminKey);
    await page.click('form#signin button[type=submit]');
    await page.waitForSelector('#messages', WAIT);
    expect(await page.evaluate(() => sessionStorage.getItem('smsgw.apiKey'))).toBe(stack.adminKey);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
  });

  it('counts segments as one types, sends from the form, and shows the message delivered with its timeline', async () => {
    await page.click('nav a[data-page=send]');
    await page.waitForSelector('form#send-form');
    const to = uniqueNumber();
    await page.fill('#to', to);
    await page.fill('#gateway', stack.gateway);
    await page.locator('#content').pressSequentially('Hello from the console');
    await page.waitForSelector('#segments[data-segments="1"]', WAIT);
    expect(await page.textContent('#segments')).toContain('22 characters · GSM-7 · 1 segment');
    // 161 GSM-7 characters: two segments.
    await page.fill('#content', 'x'.repeat(161));
    await page.waitForSelector('#segments[data-segments="2"]', WAIT);
    await page.fill('#content', 'Hello from the console, reply YES');
    await page.waitForSelector('#segments[data-segments="1"]', WAIT);
    await browser.screenshot(page, '02-send');
    await page.click('#send');

    await page.waitForURL(/#\/messages\/msg_/, WAIT);
    messageId = decodeURIComponent(new URL(page.url()).hash.replace('#/messages/', ''));
    await page.waitForSelector('#status[data-status="delivered"]', WAIT);
    // A reply from the phone, through the sandbox's inbound path to the API.
    const inbound = await stack.sandbox.inbound({ from: to, to: 'SMSGW', text: 'YES' });
    expect(inbound.status).toBe(200);
    for (const kind of ['event', 'report', 'reply', 'webhook']) await page.waitForSelector(`#timeline tr[data-kind=${kind}]`, WAIT);
    await page.getByText('message.reply').first().waitFor(WAIT);
    await browser.screenshot(page, '03-message');
  });

  it('lists messages with filters and live status', async () => {
    await page.click('nav a[data-page=messages]');
    await page.waitForSelector(`#messages tr[data-id="${messageId}"]`, WAIT);
    await page.selectOption('#filter-status', 'delivered');
    await page.fill('#filter-batch', batchId);
    await page.click('#filters button[type=submit]');
    // The batch's three messages reach delivered while the page refreshes itself.
    await page.waitForFunction(
      () => document.querySelectorAll('#messages tbody tr .badge[data-status="delivered"]').length === 3,
      undefined,
      WAIT,
    );
    expect(await page.locator(`#messages tr[data-id="${messageId}"]`).count()).toBe(0);
    await page.fill('#filter-batch', '');
    await page.fill('#filter-to', 'not a number');
    await page.click('#filters button[type=submit]');
    await page.waitForSelector('#messages .error', WAIT);
    await page.fill('#filter-to', '');
    await page.click('#filters button[type=submit]');
    await page.waitForSelector(`#messages tr[data-id="${messageId}"] .badge[data-status="delivered"]`, WAIT);
    await browser.screenshot(page, '04-messages');
  });

  it('shows batches with their progress', async () => {
    await page.click('nav a[data-page=batches]');
    await page.waitForSelector(`#batches tr[data-id="${batchId}"]`, WAIT);
    await page.waitForFunction(
      (id) => document.querySelector(`#batches tr[data-id="${id}"] progress`)?.getAttribute('value') === '100',
      batchId,
      WAIT,
    );
    await browser.screenshot(page, '05-batches');
    await page.click(`#batches tr[data-id="${batchId}"] a`);
    await page.waitForSelector('#batch progress', WAIT);
    await page.getByText('3 of 3 final').waitFor(WAIT);
    await browser.screenshot(page, '06-batch');
  });

  it('shows gateways with queue depth, recent sends and balance', async () => {
    await page.click('nav a[data-page=gateways]');
    const row = `#gateways tr[data-gateway="${stack.gateway}"]`;
    await page.waitForSelector(row, WAIT);
    await page.waitForFunction((sel) => /sent [1-9]/.test(document.querySelector(`${sel} td.recent`)?.textContent ?? ''), row, WAIT);
    await browser.screenshot(page, '07-gateways');
  });

  it('shows Bull Board with HTTP credentials, with nothing fetched from outside', async () => {
    const board = await browser.newPage();
    const res = await board.goto(`${stack.url}/admin/queues`);
    expect(res?.status()).toBe(200);
    expect(await res?.text()).not.toMatch(/fonts\.googleapis|https?:\/\/(?!www\.w3\.org)/);
    await board.getByText(`send.${stack.gateway}`).first().waitFor(WAIT);
    await browser.screenshot(board, '08-bull-board');
    // An admin may act: the maintenance queue's scheduled jobs come with their buttons.
    await board.goto(`${stack.url}/admin/queues/queue/maintenance?status=delayed`);
    await board.getByRole('button', { name: 'Clean all' }).waitFor(WAIT);
    await board.close();
  });

  it('serves Bull Board read-only to a key that may read but not act', async () => {
    const board = await browser.newPage();
    // This page's requests carry the read-only key instead of the context's admin credentials.
    await board.setExtraHTTPHeaders({ authorization: `Basic ${Buffer.from(`ro:${stack.readOnlyKey}`).toString('base64')}` });
    await board.goto(`${stack.url}/admin/queues`);
    await board.waitForURL(/\/admin\/queues-read-only\/?$/, WAIT);
    await board.getByText(`send.${stack.gateway}`).first().waitFor(WAIT);
    // The same queue page as the admin's above, by its full-board address: redirected, and without the buttons.
    await board.goto(`${stack.url}/admin/queues/queue/maintenance?status=delayed`);
    await board.waitForURL(/\/admin\/queues-read-only\/queue\/maintenance\?status=delayed$/, WAIT);
    await board.waitForSelector('text=smsgw (read-only)', WAIT);
    // The jobs show (each with its Data tab), the actions do not.
    await board.locator('button', { hasText: 'Data' }).first().waitFor(WAIT);
    await browser.screenshot(board, '09-bull-board-read-only');
    for (const name of [/retry/i, /clean/i, /remove/i, /delete/i, /empty/i, /promote/i])
      expect(await board.getByRole('button', { name }).count(), `a ${String(name)} button`).toBe(0);
    // And the actions themselves are refused, whatever the page shows.
    const statuses = await board.evaluate(
      async (queue) => {
        const post = (path: string) => fetch(path, { method: 'PUT' }).then((r) => r.status);
        return [
          await post(`/admin/queues-read-only/api/queues/${queue}/clean/completed`),
          await post(`/admin/queues/api/queues/${queue}/clean/completed`),
        ];
      },
      encodeURIComponent(`send.${stack.gateway}`),
    );
    expect(statuses).toEqual([403, 403]);
    await board.close();
  });

  it('made no request beyond loopback, never put the key in a URL, and broke no content policy', () => {
    expect(browser.outside).toEqual([]);
    expect(browser.urls.length).toBeGreaterThan(10);
    expect(browser.urls.filter((u) => u.includes(stack.adminKey) || u.includes(stack.readOnlyKey))).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
