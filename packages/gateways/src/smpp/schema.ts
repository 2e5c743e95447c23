import { z } from 'zod';
import { REPORT_STATUSES } from '@smsgw/core';

/**
 * An SMPP gateway (`kind: "smpp"`): a long-lived bind to an SMSC instead of an HTTP request per
 * message. The worker owns the bind (apps/worker/src/smpp); this is what it needs to know.
 * Credentials (`system_id`, `password`) are stored encrypted with the gateway row like any other
 * gateway's, never in the config.
 */

const octet = z.number().int().min(0).max(255);

/** TON/NPI of an address; absent: chosen per address (addressing in encode.ts). */
const addressSchema = z.object({ ton: octet.optional(), npi: octet.optional() }).strict();

const tlsSchema = z.union([
  z.boolean(),
  z
    .object({
      /** SNI and certificate name when `host` is an IP address or differs from the certificate. */
      servername: z.string().min(1).optional(),
      /** PEM of a private CA the SMSC's certificate chains to. */
      ca: z.string().min(1).optional(),
      rejectUnauthorized: z.boolean().default(true),
    })
    .strict(),
]);
export type SmppTls = z.output<typeof tlsSchema>;

/** Outcomes a command status may be given (a response is never `accepted` unless it is 0). */
const FAILURE_OUTCOMES = ['permanent', 'temporary', 'throttled', 'ambiguous'] as const;

const statusRuleSchema = z
  .object({
    /** `command_status` values (vendor codes 0x400–0x4FF above all) this rule decides. */
    status: z.union([z.number().int().min(1), z.array(z.number().int().min(1)).min(1)]),
    outcome: z.enum(FAILURE_OUTCOMES),
    /** The failure is the gateway's (account, config): another gateway of the route may do better. */
    gatewayFault: z.boolean().optional(),
  })
  .strict();
export type SmppStatusRule = z.output<typeof statusRuleSchema>;

const credentialSpec = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
    description: z.string().default(''),
    required: z.boolean().default(true),
  })
  .strict();

const DEFAULT_CREDENTIALS = [
  { name: 'system_id', description: 'SMPP system_id (at most 15 characters)', required: true },
  { name: 'password', description: 'SMPP password (at most 8 characters)', required: true },
];

export const smppGatewayConfigSchema = z
  .object({
    kind: z.literal('smpp'),
    version: z.literal(1).default(1),
    title: z.string().default(''),
    docs: z.string().optional(),
    credentials: z.array(credentialSpec).default(DEFAULT_CREDENTIALS),
    /** Default settings (`from`, the sender when a message names none); the row's override them. */
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(2775),
    tls: tlsSchema.default(false),
    systemType: z.string().max(12).default(''),
    /** One transceiver bind, or a transmitter for sending plus a receiver for reports and replies. */
    bindMode: z.enum(['transceiver', 'transmitter+receiver']).default('transceiver'),
    source: addressSchema.default({}),
    /** Recipients are E.164: international / ISDN unless the SMSC wants otherwise. */
    destination: z
      .object({ ton: octet.default(1), npi: octet.default(1) })
      .strict()
      .default({ ton: 1, npi: 1 }),
    /** Unacknowledged submit_sm PDUs per bind at most. */
    window: z.number().int().min(1).max(1000).default(10),
    serviceType: z.string().max(5).default(''),
    /**
     * data_coding per alphabet: GSM-7 text is sent as unpacked GSM 03.38 septets with `gsm7`
     * (0, the SMSC default alphabet, unless the SMSC documents another value for it).
     */
    dataCoding: z
      .object({ gsm7: octet.default(0), ucs2: octet.default(8) })
      .strict()
      .default({ gsm7: 0, ucs2: 8 }),
    /** Long messages: concatenated parts with a UDH (8-bit reference), or one PDU with message_payload. */
    longMessages: z.enum(['udh', 'payload']).default('udh'),
    /** Ask for delivery receipts (registered_delivery = 1). */
    registeredDelivery: z.boolean().default(true),
    /** False: the SMSC cannot take UCS-2; such content is refused before sending. */
    unicode: z.boolean().default(true),
    maxSegments: z.number().int().min(1).max(255).optional(),
    /**
     * Bind as soon as the worker serves the gateway (reports and replies arrive even while
     * nothing is sent); false: bind on the first send.
     */
    keepBound: z.boolean().default(true),
    timeouts: z
      .object({
        connectMs: z.number().int().min(50).max(120_000).default(5000),
        /** A submit_sm (or bind, enquire_link, unbind) without its response this long is lost. */
        responseMs: z.number().int().min(50).max(300_000).default(10_000),
        enquireLinkMs: z.number().int().min(100).max(3_600_000).default(30_000),
      })
      .strict()
      .default({ connectMs: 5000, responseMs: 10_000, enquireLinkMs: 30_000 }),
    /** Reconnect delays: exponential from `initialMs` up to `maxMs`, with jitter. */
    reconnect: z
      .object({
        initialMs: z.number().int().min(10).max(600_000).default(1000),
        maxMs: z.number().int().min(10).max(3_600_000).default(60_000),
      })
      .strict()
      .default({ initialMs: 1000, maxMs: 60_000 }),
    /** How long a throttled gateway's queue pauses (ESME_RTHROTTLED / ESME_RMSGQFUL carry no delay). */
    throttleRetryMs: z.number().int().min(0).max(3_600_000).default(1000),
    /** Checked before the built-in classes of command statuses (status.ts). */
    statusRules: z.array(statusRuleSchema).default([]),
    /** Receipt `stat:` words → ours, over the standard ones (DELIVRD, UNDELIV, EXPIRED…). */
    receiptStatusMap: z.record(z.string(), z.enum(REPORT_STATUSES)).default({}),
    /**
     * How long the parts of a long inbound message are awaited (their deliver_sm answered only
     * once the whole reply is stored). 0: each part is stored as a reply of its own.
     */
    moReassemblyMs: z.number().int().min(0).max(120_000).default(5000),
  })
  .strict();

export type SmppGatewayConfig = z.output<typeof smppGatewayConfigSchema>;
export type SmppGatewayConfigInput = z.input<typeof smppGatewayConfigSchema>;
