import { z } from 'zod';

/**
 * The job catalog: every BullMQ job smsgw runs, with its queue, payload schema and retry policy.
 * Producers and processors both go through it, so a payload can only hold what is declared here
 * (ids, never phone numbers, bodies or secrets) and a processor is typed by its job's schema.
 */
const messageRef = z.object({ messageId: z.string().min(1).max(64) }).strict();

export const JOBS = {
  /** Send one message through one gateway (queue `send.<gateway>`). Retries are steered by the processor. */
  send: { queue: 'send', payload: messageRef, attempts: 1 },
  /** Deliver one webhook event to the application. */
  webhook: {
    queue: 'webhooks',
    payload: z.object({ deliveryId: z.string().min(1).max(64) }).strict(),
    attempts: 8,
    backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
  },
  /**
   * A webhook whose endpoint's circuit breaker is open, on a lane of its own with few workers, so
   * a dead endpoint cannot hold the main lane's slots. Same payload and attempt budget as `webhook`.
   */
  webhookSlow: {
    queue: 'webhooks-slow',
    payload: z.object({ deliveryId: z.string().min(1).max(64) }).strict(),
    attempts: 8,
    backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
  },
  /** Run a reply handler for one stored reply. */
  replyHandler: {
    queue: 'reply-handlers',
    payload: z.object({ replyId: z.string().min(1).max(64) }).strict(),
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  },
  /**
   * Housekeeping: re-enqueue lost rows, reconcile stuck sends, promote scheduled, expire, balances;
   * `reconcile` looks `unknown` messages up at their gateway (queued by the sweep when there are some).
   */
  maintenance: {
    queue: 'maintenance',
    payload: z.object({ task: z.enum(['sweep', 'balances', 'reconcile']) }).strict(),
    attempts: 1,
  },
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;

/** Queue name of a gateway's send queue. One queue per gateway, because BullMQ's limiter is per queue. */
export function sendQueueName(gateway: string): string {
  return `send.${gateway}`;
}

/** Parses a job payload against the catalog; a malformed payload is a bug, so this throws. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return JOBS[name].payload.parse(data) as JobPayload<N>;
}

/** Gateway names are used in queue names and URLs: keep them to a safe alphabet. */
export const GATEWAY_NAME_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
