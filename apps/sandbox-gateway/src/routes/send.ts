import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseBehaviour } from '../behaviour.js';
import type { BehaviourState } from '../behaviour.js';
import type { ReplyBook } from '../inbound.js';
import type { Ledger } from '../ledger.js';
import { newId } from '../ids.js';
import { isAbort } from '../lifecycle.js';
import type { Lifecycle } from '../lifecycle.js';
import { normalizeNumber, parseBody, validateSend } from '../params.js';
import type { Recorder } from '../record.js';
import { redactHeaders } from '../record.js';
import type { Reporter } from '../reports.js';
import type { Behaviour, RecordedRequest } from '../types.js';

/** What the send route needs from its sandbox. */
export interface SendDeps {
  recorder: Recorder;
  state: BehaviourState;
  reporter: Reporter;
  replies: ReplyBook;
  /** Accepted messages, for the status lookup. */
  ledger: Ledger;
  lifecycle: Lifecycle;
  apiKey: string | null;
  random: () => number;
  defaultStatusUrl: string | null;
}

function stringFields(query: unknown): Record<string, string> {
  if (typeof query !== 'object' || query === null) return {};
  return Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Answers `{error:{code,message}}` and notes it in the request record. */
type Fail = (status: number, code: string, message: string, headers?: Record<string, string>) => FastifyReply;

const digest = (v: string): Buffer => createHash('sha256').update(v).digest();

/** Checks a bearer token against the sandbox's key (no key configured: everyone passes). */
export function authorized(header: string | undefined, apiKey: string | null): boolean {
  if (apiKey === null) return true;
  const token = /^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '';
  // Hashing first gives equal lengths, which timingSafeEqual requires.
  return timingSafeEqual(digest(token), digest(apiKey));
}

function readHeaderBehaviour(value: string | string[] | undefined): ReturnType<typeof parseBehaviour> {
  if (value === undefined) return { ok: true, value: {} };
  try {
    return parseBehaviour(JSON.parse(Array.isArray(value) ? (value[0] ?? '') : value));
  } catch {
    return { ok: false, errors: ['X-Sandbox-Behaviour is not valid JSON'] };
  }
}

/**
 * The misbehaviour chosen by `mode`, applied before the request is looked at (as a broken load
 * balancer would). Returns true when the request has been dealt with.
 */
async function misbehave(
  b: Behaviour,
  request: FastifyRequest,
  reply: FastifyReply,
  rec: RecordedRequest,
  fail: Fail,
  deps: SendDeps,
): Promise<boolean> {
  switch (b.mode) {
    case 'ok':
    case 'acceptHang':
      // acceptHang misbehaves only once the message is accepted (handleSend).
      return false;
    case 'slow':
      await deps.lifecycle.pause(b.slowMs);
      return false;
    case 'hang':
      // Hijacked and never written to: the socket stays open until the client gives up or close().
      reply.hijack();
      rec.outcome = 'hang';
      return true;
    case 'reset':
      reply.hijack();
      rec.outcome = 'reset';
      request.raw.socket.resetAndDestroy();
      return true;
    case 'http500':
      fail(500, 'internal_error', 'internal server error (sandbox mode http500)');
      return true;
    case 'http503':
      fail(503, 'unavailable', 'service unavailable (sandbox mode http503)');
      return true;
    case 'http429':
      fail(429, 'throttled', 'too many requests (sandbox mode http429)', { 'retry-after': String(b.retryAfterSeconds) });
      return true;
    case 'http401':
      fail(401, 'auth_failed', 'invalid credentials (sandbox mode http401)');
      return true;
    case 'reject':
      fail(400, 'invalid_number', 'the number was rejected (sandbox mode reject)');
      return true;
  }
}

async function handleSend(deps: SendDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const parsed = parseBody(request.headers['content-type'], request.body);
  const bodyError = parsed.error;
  // Query parameters count too (body wins), so a preset may use query-string encoding.
  const params = { ...stringFields(request.query), ...parsed.params };
  const rec = deps.recorder.addRequest({
    method: request.method,
    path: request.url.split('?')[0] ?? request.url,
    headers: redactHeaders(request.headers),
    params,
    to: normalizeNumber(params.to),
  });
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}): FastifyReply => {
    rec.status = status;
    rec.outcome = 'answered';
    return reply.code(status).headers(headers).send(body);
  };
  const fail: Fail = (status, code, message, headers) => {
    rec.errorCode = code;
    return answer(status, { error: { code, message } }, headers);
  };

  if (bodyError !== null) {
    fail(bodyError.code === 'unsupported_media_type' ? 415 : 400, bodyError.code, bodyError.message);
    return;
  }
  const header = readHeaderBehaviour(request.headers['x-sandbox-behaviour']);
  if (!header.ok) {
    fail(400, 'invalid_behaviour', header.errors.join('; '));
    return;
  }
  const b = deps.state.resolve(rec.to, header.value);
  await deps.lifecycle.pause(b.latencyMs);

  if (!authorized(request.headers.authorization, deps.apiKey)) {
    fail(401, 'auth_failed', 'missing or invalid bearer token');
    return;
  }
  if (await misbehave(b, request, reply, rec, fail, deps)) return;
  if (deps.state.takeFailFirst(rec.to, b.failFirst)) {
    fail(503, 'unavailable', 'service unavailable (sandbox failFirst)');
    return;
  }
  if (b.failureRate > 0 && deps.random() < b.failureRate) {
    fail(500, 'internal_error', 'internal server error (sandbox failureRate)');
    return;
  }
  const valid = validateSend(params);
  if (!valid.ok) {
    fail(400, valid.error.code, valid.error.message);
    return;
  }
  const p = valid.value;
  const id = newId('sbx_');
  rec.id = id;
  deps.replies.remember(p.to, p.from, p.replyUrl, p.reference);
  const job = { id, reference: p.reference, url: p.statusUrl ?? deps.defaultStatusUrl, parts: p.parts, behaviour: b };
  deps.ledger.add({ id, reference: p.reference, parts: p.parts, behaviour: b });
  if (b.dlrBeforeResponse) await deps.reporter.run(job);
  else deps.reporter.schedule(job);
  if (b.mode === 'acceptHang') {
    // Taken, and the answer lost: only a status lookup (or a report) can tell the client.
    reply.hijack();
    rec.outcome = 'hang';
    return;
  }
  answer(200, { id, status: 'accepted', parts: p.parts });
}

/** Registers `POST /api/send`, the provider's send endpoint. */
export function registerSendRoute(app: FastifyInstance, deps: SendDeps): void {
  app.post('/api/send', async (request, reply) => {
    try {
      await handleSend(deps, request, reply);
    } catch (err) {
      // Closing cancels pending delays; the socket is being destroyed, so there is no one to answer.
      if (deps.lifecycle.signal.aborted && isAbort(err)) {
        if (!reply.sent) reply.hijack();
        return;
      }
      throw err;
    }
    return reply;
  });
}
