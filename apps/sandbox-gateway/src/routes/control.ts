import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseBehaviour, parseRules } from '../behaviour.js';
import type { BehaviourState } from '../behaviour.js';
import type { ReplyBook } from '../inbound.js';
import { InboundError } from '../inbound.js';
import type { Recorder } from '../record.js';
import type { InboundMessage } from '../types.js';

/** What the control routes need from their sandbox. */
export interface ControlDeps {
  recorder: Recorder;
  state: BehaviourState;
  replies: ReplyBook;
  /** The sandbox's own reset, which clears more than the parts listed here. */
  reset(): void;
}

function fail(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}

/** Control bodies are JSON; the send route's permissive parser hands them over as text. */
function readJson(body: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof body !== 'string' || body.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * Registers the `/control/*` routes that tests and the demo use to steer and inspect the
 * sandbox. They are unauthenticated: the sandbox only listens on loopback by default.
 */
export function registerControlRoutes(app: FastifyInstance, deps: ControlDeps): void {
  const { recorder, state, replies } = deps;
  const current = () => ({ behaviour: state.current(), rules: state.rules() });

  app.get('/control/health', async () => ({ status: 'ok' }));

  app.get('/control/behaviour', async () => current());

  app.put('/control/behaviour', async (request, reply) => {
    const json = readJson(request.body);
    if (!json.ok || !isRecord(json.value)) return fail(reply, 400, 'invalid_body', 'send a JSON object');
    const { rules, ...knobs } = json.value;
    const parsed = parseBehaviour(knobs);
    const parsedRules = rules === undefined ? ({ ok: true, value: {} } as const) : parseRules(rules);
    const errors = [...(parsed.ok ? [] : parsed.errors), ...(parsedRules.ok ? [] : parsedRules.errors)];
    if (!parsed.ok || !parsedRules.ok) return fail(reply, 400, 'invalid_behaviour', errors.join('; '));
    state.set(parsed.value);
    for (const [to, rule] of Object.entries(parsedRules.value)) state.setRule(to, rule);
    return current();
  });

  app.post('/control/reset', async () => {
    deps.reset();
    return current();
  });

  app.get<{ Querystring: Record<string, unknown> }>('/control/requests', async (request) => {
    const to = request.query.to;
    return { requests: recorder.requests(typeof to === 'string' ? to : undefined) };
  });

  app.delete('/control/requests', async () => {
    recorder.clearRequests();
    return { cleared: true };
  });

  app.get('/control/reports', async () => ({ reports: recorder.reports() }));

  app.delete('/control/reports', async () => {
    recorder.clearReports();
    return { cleared: true };
  });

  app.post('/control/inbound', async (request, reply) => {
    const json = readJson(request.body);
    if (!json.ok || !isRecord(json.value)) return fail(reply, 400, 'invalid_body', 'send a JSON object');
    const v = json.value;
    const msg: InboundMessage = {
      from: typeof v.from === 'string' ? v.from : '',
      to: typeof v.to === 'string' ? v.to : '',
      text: typeof v.text === 'string' ? v.text : '',
      reference: optionalString(v.reference),
      reply_url: optionalString(v.reply_url),
    };
    try {
      const res = await replies.deliver(msg);
      return { status: res.status, body: res.body, message_id: res.messageId, url: res.url };
    } catch (err) {
      if (!(err instanceof InboundError)) throw err;
      const status = err.code === 'receiver_unreachable' ? 502 : 400;
      return fail(reply, status, err.code, err.message);
    }
  });
}
