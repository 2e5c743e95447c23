import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, countSegments } from '@smsgw/core';
import { describeIssues } from '../services/message-input.js';

const body = z.object({ content: z.string().max(20_000) }).strict();

/** What a message costs before it is sent: encoding, segments, and which characters force UCS-2. */
export function segmentsRoute(app: FastifyInstance): void {
  app.post(
    '/v1/segments',
    { schema: { tags: ['messages'], summary: 'Count the segments of a text', body: z.toJSONSchema(body) } },
    async (request) => {
      const r = body.safeParse(request.body);
      if (!r.success) throw badRequest('invalid_request', describeIssues(r.error));
      const info = countSegments(r.data.content);
      return {
        encoding: info.encoding,
        characters: info.characters,
        units: info.units,
        segments: info.segments,
        perSegment: info.perSegment,
        remaining: info.remaining,
        nonGsmCharacters: info.nonGsmCharacters,
      };
    },
  );
}
