import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { countSegments } from '@smsgw/core';
import { errorResponses } from '../../schemas/errors.js';
import { segmentsBodySchema, segmentsSchema } from '../../schemas/segments.js';

/** What a message costs before it is sent: encoding, segments, and which characters force UCS-2. */
const countSegmentsRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/segments',
    {
      schema: {
        tags: ['messages'],
        summary: 'Count the segments of a text',
        body: segmentsBodySchema,
        response: { 200: segmentsSchema, ...errorResponses(400, 413, 415) },
      },
    },
    async (request) => {
      const info = countSegments(request.body.content);
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
};

export default countSegmentsRoute;
