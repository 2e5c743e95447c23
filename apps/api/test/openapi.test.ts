import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@smsgw/core';
import { useTestApp } from './helpers.js';

const t = useTestApp();

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { enum?: unknown[] } & Record<string, unknown>> };
}
interface Operation {
  requestBody?: { content: Record<string, { schema: unknown; example?: unknown; examples?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

async function document(): Promise<Doc> {
  const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  return res.json<Doc>();
}

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await document();
    expect(doc.openapi).toMatch(/^3\.1\./);
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('lists every error code, and every error response refers to the one error schema', async () => {
    const doc = await document();
    expect(doc.components.schemas['ErrorCode']?.enum).toEqual(ERROR_CODES);
    const post = doc.paths['/v1/messages']?.['post'];
    for (const status of ['400', '401', '409', '422', '500', '503']) {
      expect(post?.responses[status]?.content?.['application/json']?.schema, status).toEqual({ $ref: '#/components/schemas/Error' });
    }
  });

  it('documents request and response of every route, with examples on the main ones', async () => {
    const doc = await document();
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
        expect(success.length, `${method} ${path} documents its success`).toBeGreaterThan(0);
        expect(op.responses['500'], `${method} ${path} documents errors`).toBeDefined();
      }
    }
    const schemas = JSON.stringify(doc.components.schemas);
    for (const [path, method] of [
      ['/v1/messages', 'post'],
      ['/v1/gateways', 'post'],
    ] as const) {
      const media = doc.paths[path]?.[method]?.requestBody?.content['application/json'];
      expect(media?.example ?? media?.examples, `${method} ${path} request example`).toBeDefined();
    }
    // The main responses are components with examples: Message, MessageDetail (GET /v1/messages/:id), Gateway.
    for (const id of ['Message', 'MessageDetail', 'Gateway']) expect(doc.components.schemas[id]?.['examples'], id).toBeDefined();
    expect(schemas).toContain('"metadata"');
  });
});
