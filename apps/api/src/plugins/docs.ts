import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type TransformObject = typeof jsonSchemaTransformObject;

/** The parts of an OpenAPI document the pruning reads (the transform's type also covers Swagger 2). */
interface SchemaHolder {
  paths?: unknown;
  components?: { schemas?: Record<string, unknown> };
}

/**
 * The components the document refers to, and no others. The zod transform emits every named
 * schema twice, as read (`Message`) and as written (`MessageInput`); ours are all answers, so the
 * written twins would only be noise (and a `MessageInput` that is no message input misleads).
 */
function withoutUnusedSchemas<T extends SchemaHolder>(doc: T): T {
  const schemas = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const pending = [JSON.stringify(doc.paths ?? {})];
  for (let text = pending.pop(); text !== undefined; text = pending.pop()) {
    for (const [, id] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (id === undefined || used.has(id) || !(id in schemas)) continue;
      used.add(id);
      pending.push(JSON.stringify(schemas[id]));
    }
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([id]) => used.has(id)));
  return { ...doc, components: { ...doc.components, schemas: kept } };
}

const transformObject: TransformObject = (input) =>
  withoutUnusedSchemas(jsonSchemaTransformObject(input) as SchemaHolder) as ReturnType<TransformObject>;

/**
 * OpenAPI 3.1 at /openapi.json and a browsable UI at /docs, both public. The document is made
 * from the routes' zod schemas (the ones that validate requests and serialize responses), so it
 * cannot drift from what the API does; 3.1 because its schemas are JSON Schema 2020-12, which
 * can say what 3.0 cannot (records: `metadata`, `template.vars`, `config`, `credentials`…).
 */
export const docsPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'smsgw',
          version: '0.1.0',
          description: 'Send SMS through any HTTP gateway, with retries, failover and delivery reports.',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject,
    });
    // The UI's own routes are public. The hook must exist before the UI registers its routes:
    // onRoute only sees routes added after it.
    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), public: true };
    });
    await app.register(swaggerUi, { routePrefix: '/docs', uiHooks: {}, staticCSP: true });
    app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'smsgw-docs', fastify: '5.x' },
);
