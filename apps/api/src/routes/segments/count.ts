import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { countSegments, smartEncode } from '@smsgw/core';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { segmentsBodySchema, segmentsSchema } from '../../schemas/segments.js';

/** What a message costs before it is sent: encoding, segments, which characters force UCS-2, and smart encoding's before/after. */
const countSegmentsRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/segments',
    {
      config: { scope: 'messages:write' },
      schema: {
        tags: ['messages'],
        summary: 'Count the segments of a text',
        description:
          'The top-level fields describe the text as written. `smartEncoding` shows what smart encoding does to it (computed whether or not it ' +
          'is enabled): the text that would be sent and its segments before and after.',
        body: segmentsBodySchema,
        response: { 200: segmentsSchema, ...errorResponses(400, 413, 415) },
      },
    },
    async (request) => {
      const info = countSegments(request.body.content);
      const smart = smartEncode(request.body.content, info);
      // The account's default (PATCH /v1/account) comes between the request's flag and the API's.
      const account = (await app.sendSettings.get(principalOf(request).accountId)).smartEncoding;
      return {
        encoding: info.encoding,
        characters: info.characters,
        units: info.units,
        segments: info.segments,
        perSegment: info.perSegment,
        remaining: info.remaining,
        nonGsmCharacters: info.nonGsmCharacters,
        smartEncoding: {
          enabled: request.body.smartEncoding ?? account ?? app.config.smartEncoding,
          applied: smart.applied,
          skipped: smart.skipped ?? null,
          content: smart.content,
          before: { encoding: smart.before.encoding, segments: smart.before.segments },
          after: {
            encoding: smart.after.encoding,
            segments: smart.after.segments,
            units: smart.after.units,
            remaining: smart.after.remaining,
          },
          replacements: smart.replacements,
        },
      };
    },
  );
};

export default countSegmentsRoute;
