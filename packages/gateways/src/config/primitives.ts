import { z } from 'zod';

/** The building blocks of gateway configs: templates, regexes, parameters, auth and extractors. */

export const template = z.string().max(4096);

/** A regular expression that compiles: a broken one would otherwise fail only when a response arrives. */
export const regex = z
  .string()
  .min(1)
  .max(1024)
  .refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

/** A JSON body may nest; every string leaf is a template, other leaves are sent as they are. */
export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue };
export const paramValue: z.ZodType<ParamValue> = z.lazy(() =>
  z.union([template, z.number(), z.boolean(), z.null(), z.array(paramValue), z.record(z.string(), paramValue)]),
);
export const params = z.record(z.string().min(1).max(256), paramValue);

export const authSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('basic'), username: template, password: template }),
  z.object({ type: z.literal('bearer'), token: template }),
  z.object({ type: z.literal('header'), name: z.string().min(1), value: template }),
  z.object({ type: z.literal('query'), params: z.record(z.string().min(1), template) }),
  /**
   * HTTP MAC access authentication (draft-ietf-oauth-v2-http-mac, as SMSGlobal's REST API uses
   * it): `Authorization: MAC id, ts, nonce, mac` over the request line, signed per request.
   */
  z.object({ type: z.literal('mac'), id: template, secret: template }),
]);
export type GatewayAuth = z.infer<typeof authSchema>;

/** Where a value is found in a response or callback. `json` and `field` take dotted paths (`a.b[0].c`). */
export const extractorSchema = z.union([
  z.object({ json: z.string().min(1) }).strict(),
  /** A regex over the raw body with a named group `value` (or the first group). */
  z.object({ regex }).strict(),
  z.object({ header: z.string().min(1) }).strict(),
]);
export type Extractor = z.infer<typeof extractorSchema>;
