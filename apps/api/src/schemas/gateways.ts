/** Gateways as admins write them and read them back; presets; a balance answer. */
import { z } from 'zod';
import { GATEWAY_NAME_RE } from '@smsgw/core';
import { timestamp } from './common.js';
import { storable } from './storable.js';

const scalar = z.union([z.string().max(2048), z.number(), z.boolean()]);

const common = {
  config: z.record(z.string(), z.unknown()).optional().meta({ description: 'A full config, or overrides merged over the preset' }),
  credentials: z
    .record(z.string().min(1).max(64), z.string().max(4096).nullable())
    .optional()
    .meta({ description: 'Write-only; stored encrypted. On a change, null removes one' }),
  settings: z
    .record(z.string().min(1).max(64), scalar.nullable())
    .optional()
    .meta({ description: 'baseUrl, sender id…; on a change, null removes one' }),
  enabled: z.boolean().optional(),
  isDefault: z.boolean().optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
  rateLimit: z
    .object({
      max: z.number().int().min(1).max(100_000),
      intervalMs: z.number().int().min(1).max(3_600_000),
      perSegment: z.boolean().default(false),
    })
    .strict()
    .nullable()
    .optional(),
};

export const gatewayName = z.string().regex(GATEWAY_NAME_RE, 'lowercase letters, digits, _ and -, up to 63');

export const createGatewaySchema = storable(
  z.object({ name: gatewayName, preset: z.string().max(64).optional(), ...common }).strict(),
).meta({
  examples: [
    {
      name: 'twilio-uk',
      preset: 'twilio',
      credentials: { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'your-auth-token' },
      settings: { messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' },
    },
    {
      name: 'backup',
      preset: 'vonage',
      credentials: { apiKey: 'key', apiSecret: 'secret' },
      rateLimit: { max: 30, intervalMs: 1000 },
      priority: 10,
    },
  ],
});
export const patchGatewaySchema = storable(z.object(common).strict());

export type CreateGatewayInput = z.infer<typeof createGatewaySchema>;
export type PatchGatewayInput = z.infer<typeof patchGatewaySchema>;

/** A gateway as admins read it: credentials are write-only, so only their names show. */
export const gatewaySchema = z
  .object({
    name: z.string(),
    preset: z.string().nullable(),
    config: z.record(z.string(), z.unknown()).nullable(),
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    credentials: z.array(z.string()).meta({ description: 'The names of the credentials set (their values are never shown)' }),
    enabled: z.boolean(),
    isDefault: z.boolean(),
    priority: z.number().int(),
    rateLimit: z.object({ max: z.number().int(), intervalMs: z.number().int(), perSegment: z.boolean() }).nullable(),
    callbackUrls: z
      .object({ status: z.string(), reply: z.string() })
      .meta({ description: 'Give these to the provider: delivery reports and inbound messages' }),
    balance: z.object({ amount: z.string(), currency: z.string().nullable() }).nullable(),
    lastBalanceCheck: timestamp.nullable(),
    version: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({
    id: 'Gateway',
    examples: [
      {
        name: 'twilio-uk',
        preset: 'twilio',
        config: null,
        settings: { messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' },
        credentials: ['accountSid', 'authToken'],
        enabled: true,
        isDefault: false,
        priority: 0,
        rateLimit: null,
        callbackUrls: {
          status: 'https://sms.example.com/callbacks/twilio-uk/6d1c…/status',
          reply: 'https://sms.example.com/callbacks/twilio-uk/6d1c…/reply',
        },
        balance: null,
        lastBalanceCheck: null,
        version: 1,
        createdAt: '2025-01-15T09:00:00.000Z',
        updatedAt: '2025-01-15T09:00:00.000Z',
      },
    ],
  });

export const gatewayList = z.object({ data: z.array(gatewaySchema) });

export const presetSchema = z.object({
  name: z.string(),
  title: z.string(),
  docs: z.string().optional(),
  credentials: z.array(z.object({ name: z.string(), description: z.string(), required: z.boolean() })),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  capabilities: z.object({
    statusCallback: z.boolean(),
    replyCallback: z.boolean(),
    balance: z.boolean(),
    numberCheck: z.boolean(),
    unicode: z.boolean(),
  }),
});

export const presetList = z.object({ data: z.array(presetSchema) });

export const lookupQuery = z
  .object({
    to: z.string().min(1).max(64).meta({ description: 'The number to check: E.164, or national with SMSGW_DEFAULT_COUNTRY' }),
  })
  .strict();

/** A number check's answer (the original's check_availability_to_send). */
export const lookupSchema = z
  .object({
    gateway: z.string(),
    number: z.string().meta({ description: 'The number checked, in E.164' }),
    status: z
      .enum(['valid', 'invalid', 'unknown'])
      .meta({ description: "The provider's verdict through the gateway's statusMap; `unknown` when its word is not mapped" }),
    providerStatus: z.string().meta({ description: "The provider's own word or code" }),
    charge: z.string().nullable().meta({ description: 'What the provider says one message to the number costs, when it says' }),
    currency: z.string().nullable(),
    checkedAt: timestamp,
  })
  .meta({
    examples: [
      {
        gateway: 'clickatell',
        number: '+27999123456',
        status: 'valid',
        providerStatus: 'OK',
        charge: '1',
        currency: null,
        checkedAt: '2025-01-15T09:00:00.000Z',
      },
    ],
  });

export const balanceSchema = z.object({
  gateway: z.string(),
  balance: z.string(),
  currency: z.string().nullable(),
  checkedAt: timestamp,
});
