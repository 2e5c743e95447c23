/** The read routes the console is built on: a message's whole timeline, and the gateways' health. */
import { z } from 'zod';
import { deliverySchema } from './account.js';
import { timestamp } from './common.js';
import { eventSchema } from './messages.js';
import { replySchema } from './replies.js';

/** A delivery report as stored, without the provider's raw body. */
export const reportSchema = z
  .object({
    id: z.number().int(),
    gateway: z.string(),
    status: z.string().nullable().meta({ description: 'Our status the report maps to (delivered, failed, …); null when informational' }),
    providerStatus: z.string(),
    errorCode: z.string().nullable(),
    reportedAt: timestamp.nullable().meta({ description: 'When the provider says it happened' }),
    receivedAt: timestamp,
    charge: z.string().nullable(),
    part: z.object({ index: z.number().int(), count: z.number().int() }).nullable(),
    state: z.string().meta({ description: 'What it did: applied, parked, recorded, ignored or unmatched' }),
  })
  .meta({ id: 'StatusReport' });

/** `GET /v1/messages/:id/timeline`: every record about one message, each list oldest first. */
export const timelineSchema = z
  .object({
    messageId: z.string(),
    events: z.array(eventSchema),
    reports: z.array(reportSchema),
    replies: z.array(replySchema),
    webhookDeliveries: z.array(deliverySchema).meta({ description: 'Webhooks about this message, with their attempts and last error' }),
  })
  .meta({ id: 'MessageTimeline' });

const count = z.number().int();

/** One gateway's health: queue, recent outcomes and the last known balance. */
export const gatewayHealthSchema = z.object({
  name: z.string(),
  enabled: z.boolean(),
  isDefault: z.boolean(),
  queue: z
    .object({ waiting: count, active: count, delayed: count, prioritized: count, failed: count, paused: z.boolean() })
    .meta({ description: "Jobs in the gateway's send queue by state, and whether the queue is paused (throttled)" }),
  recent: z
    .record(z.string(), count)
    .meta({ description: 'Send outcomes (sent, retry, failover, failed, unknown, throttled) among the recent events' }),
  balance: z.object({ amount: z.string(), currency: z.string().nullable() }).nullable(),
  lastBalanceCheck: timestamp.nullable(),
});

export const gatewayHealthList = z
  .object({
    data: z.array(gatewayHealthSchema),
    window: z
      .object({ events: count, minutes: count })
      .meta({ description: '`recent` counts the newest `events` message events no older than `minutes`' }),
  })
  .meta({ id: 'GatewayHealth' });
