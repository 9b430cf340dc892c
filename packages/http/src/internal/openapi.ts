import { z } from 'zod';
import type { RouteDef } from './context.js';
import { responses } from './responses.js';
import { schemas } from './schemas.js';

/** A zod schema as JSON Schema: requests as they are read, answers as they are written. */
const json = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};

/**
 * Builds the OpenAPI 3.1 document from the route table and the zod schemas: request bodies from
 * `schemas.ts`, answers from `responses.ts` (`{Name}Response`), nothing written twice.
 */
export function buildOpenApi(
  routes: readonly RouteDef[],
  options: { pathSegmentTenant: boolean },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const prefix = options.pathSegmentTenant ? '/{tenant}' : '';
  const componentsSchemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    componentsSchemas[name] = json(schema, 'input');
  }
  for (const [name, schema] of Object.entries(responses)) {
    componentsSchemas[`${name}Response`] = json(schema, 'output');
  }
  for (const route of routes) {
    const path = `${prefix}${route.path}`;
    const parameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const security =
      route.auth === 'session'
        ? [{ sessionCookie: [] }]
        : route.auth === 'flow'
          ? [{ flowCookie: [] }]
          : route.auth === 'admin'
            ? [{ admin: [] }]
            : [];
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.auth === 'none' ? 'public' : route.auth],
      ...(parameters.length > 0 ? { parameters } : {}),
      security,
      responses: {
        [route.accepted ? '202' : '200']: {
          description: 'Success',
          content: {
            'application/json': {
              schema: { $ref: `#/components/schemas/${route.response}Response` },
            },
          },
        },
        default: {
          description: 'Error: `{ code, message, details? }`',
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } },
          },
        },
      },
    };
    if (route.body !== undefined) {
      operation.requestBody = {
        required: true,
        content: {
          'application/json': { schema: { $ref: `#/components/schemas/${route.body}` } },
        },
      };
      operation.parameters = [
        ...((operation.parameters as unknown[]) ?? []),
        {
          name: 'X-CSRF-Token',
          in: 'header',
          required: true,
          description: 'From GET /csrf or the X-CSRF-Token header of the previous answer',
          schema: { type: 'string' },
        },
      ];
    }
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Monban HTTP API',
      version: '1.0.0',
      description:
        'First login, login, step-up, settings, recovery and administration of Monban. Errors are `{ code, message, details? }` in the language of Accept-Language (ja, en).',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: componentsSchemas,
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'monban-session' },
        flowCookie: { type: 'apiKey', in: 'cookie', name: 'monban-flow' },
        admin: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: "Checked by the application's admin.authorize hook",
        },
      },
    },
  };
}
