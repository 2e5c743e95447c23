import type { AddressInfo } from 'node:net';
import Fastify, { LogController } from 'fastify';
import type { FastifyError } from 'fastify';
import { createBehaviourState, parseBehaviour, parseRules, pickBehaviour } from './behaviour.js';
import { createReplyBook } from './inbound.js';
import { createLedger } from './ledger.js';
import { createLifecycle } from './lifecycle.js';
import { createOutbound } from './outbound.js';
import { createRecorder } from './record.js';
import { createReporter } from './reports.js';
import { registerControlRoutes } from './routes/control.js';
import { registerBalanceRoute } from './routes/balance.js';
import { authorized, registerSendRoute } from './routes/send.js';
import { registerStatusRoute } from './routes/status.js';
import type { Sandbox, SandboxOptions } from './types.js';

/** Clients need a connectable address even when the sandbox listens on every interface. */
function baseUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * Starts a sandbox SMS provider and resolves once it listens. Runs in-process, so any test can
 * own one: `const sbx = await createSandbox({ apiKey: 'k' })`, then `await sbx.close()`.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  // Typed options can still carry nonsense (failureRate 3); fail at start, not mid-test.
  const knobs = parseBehaviour(pickBehaviour(options));
  const rules = parseRules(options.rules ?? {});
  const problems = [...(knobs.ok ? [] : knobs.errors), ...(rules.ok ? [] : rules.errors)];
  if (problems.length > 0) throw new Error(`invalid sandbox options: ${problems.join('; ')}`);
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // close() must also end sockets the sandbox deliberately left hanging (mode "hang").
    forceCloseConnections: true,
    // Every send is in the request record already; a log line per request only slows benchmarks.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const log = app.log;
  const lifecycle = createLifecycle((err) => log.error({ err }, 'sandbox background task failed'));
  const outbound = createOutbound(options.outboundTimeoutMs ?? 2000, lifecycle.signal);
  const recorder = createRecorder(options.maxRecords ?? 50_000);
  const state = createBehaviourState(options, options.rules ?? {});
  const replies = createReplyBook(outbound, options.replyUrl ?? null);
  const ledger = createLedger(options.maxRecords ?? 50_000);
  const reporter = createReporter({
    lifecycle,
    outbound,
    recorder,
    log,
    attempts: Math.max(1, options.reportAttempts ?? 4),
    backoffMs: options.reportBackoffMs ?? 50,
  });
  const reset = (): void => {
    state.reset();
    recorder.clearRequests();
    recorder.clearReports();
    replies.clear();
    ledger.clear();
  };

  // Bodies stay text until a route parses them, so even malformed sends reach the recorder.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.setErrorHandler((err: FastifyError, _request, reply) => {
    const status = err.statusCode !== undefined && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) log.error({ err }, 'sandbox request failed');
    // 5xx details stay in the log; clients only learn that it failed.
    const message = status >= 500 ? 'internal server error' : err.message;
    return reply.code(status).send({ error: { code: status >= 500 ? 'internal_error' : 'bad_request', message } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url}` } }),
  );
  registerSendRoute(app, {
    recorder,
    state,
    reporter,
    replies,
    ledger,
    lifecycle,
    apiKey: options.apiKey !== undefined && options.apiKey !== '' ? options.apiKey : null,
    random: options.random ?? Math.random,
    defaultStatusUrl: options.statusUrl ?? null,
  });
  const apiKey = options.apiKey !== undefined && options.apiKey !== '' ? options.apiKey : null;
  registerBalanceRoute(app, { recorder, authorized: (h) => authorized(h, apiKey), startingBalance: options.startingBalance ?? 100 });
  registerStatusRoute(app, { ledger, authorized: (h) => authorized(h, apiKey) });
  registerControlRoutes(app, { recorder, state, replies, reset });

  await app.listen({ port: options.port ?? 0, host });
  const port = (app.server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;

  return {
    url: baseUrl(host, port),
    port,
    requests: (to) => recorder.requests(to),
    reports: () => recorder.reports(),
    behaviour: () => state.current(),
    setBehaviour: (b) => state.set(b),
    setRule: (to, b) => state.setRule(to, b),
    reset,
    inbound: (msg) => replies.deliver(msg),
    idle: () => lifecycle.idle(),
    close() {
      // Idempotent: test teardown and signal handlers may both call it.
      closing ??= (async () => {
        lifecycle.abort();
        await app.close();
        await outbound.close();
        await lifecycle.idle();
      })();
      return closing;
    },
  };
}
