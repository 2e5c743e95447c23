import { z } from 'zod';
import { badRequest } from '@smsgw/core';
import { assertStorable } from './storable.js';

const MAX_METADATA_BYTES = 4096;

// JavaScript and PostgreSQL disagree on years before 1 AD (a 500 at insert), and a date centuries
// away is a typo: keep dates to years both sides read the same way.
const isoDate = z.iso.datetime({ offset: true }).refine((s) => {
  const year = new Date(s).getUTCFullYear();
  return year >= 1970 && year <= 9999;
}, 'a date from 1970 to 9999');

/** The body of `POST /v1/messages` (and each item of a batch). Unknown fields are refused. */
export const messageInputSchema = z
  .object({
    to: z.string().min(1).max(64),
    content: z.string().max(20_000).optional(),
    template: z
      .object({
        body: z.string().max(20_000).optional(),
        name: z.string().max(128).optional(),
        vars: z.record(z.string(), z.unknown()).default({}),
      })
      .strict()
      .optional(),
    from: z.string().min(1).max(32).optional(),
    gateway: z.string().min(1).max(63).optional(),
    billee: z.object({ type: z.string().min(1).max(64), id: z.union([z.string().min(1).max(128), z.number().int()]) }).strict().optional(),
    replyCallback: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'a handler name: letters, digits, _ . : -').optional(),
    webhookUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
    sendAt: isoDate.optional(),
    validUntil: isoDate.optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type MessageInput = z.infer<typeof messageInputSchema>;

/** Turns zod issues into one readable sentence naming the fields. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : 'body'}: ${i.message}`)
    .slice(0, 10)
    .join('; ');
}

/** Parses a message body; shape errors are 400 `invalid_request` naming every bad field. */
export function parseMessageInput(body: unknown): MessageInput {
  const r = messageInputSchema.safeParse(body);
  if (!r.success) throw badRequest('invalid_request', describeIssues(r.error));
  assertStorable(r.data);
  if (r.data.metadata && Buffer.byteLength(JSON.stringify(r.data.metadata)) > MAX_METADATA_BYTES) {
    throw badRequest('invalid_request', `metadata: at most ${MAX_METADATA_BYTES} bytes of JSON`);
  }
  return r.data;
}
