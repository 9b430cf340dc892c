import { z } from 'zod';
import type { RouteDef } from './context.js';
import { schemas } from './schemas.js';

const FlowStep = z.enum([
  'verify-birthdate',
  'accept-terms',
  'choose-method',
  'update-password',
  'update-email',
  'verify-email',
  'configure-factor',
  'second-factor',
]);
const Factor = z.enum(['passkey', 'totp', 'email-otp']);
const SessionMeta = z.object({
  idleExpiresAt: z.number(),
  absoluteExpiresAt: z.number(),
  remember: z.boolean(),
});

/** Response schemas (documentation only: responses are built from the service's own types). */
const responses = {
  Flow: z.object({
    flow: z.object({
      kind: z.enum(['first-login', 'login', 'recovery']),
      status: z.enum(['active', 'completed', 'signed-out']),
      step: FlowStep.nullable().describe('What to show next; null when the flow is over'),
      pending: z.array(FlowStep),
      done: z.array(FlowStep),
      expiresAt: z.number(),
      factors: z.array(Factor),
      chosenFactor: Factor.nullable(),
      devices: z.array(z.object({ id: z.string(), label: z.string(), kind: Factor })),
      emailVerificationSentTo: z.string().nullable(),
      termsVersion: z.string(),
      ceremony: z.object({ mode: z.enum(['enroll', 'challenge']), factor: Factor }).nullable(),
    }),
    client: z.record(z.string(), z.unknown()).optional().describe('Factor ceremony data'),
    session: SessionMeta.optional().describe(
      'Present when the flow completed: the session cookie is set',
    ),
    returnTo: z.string().optional().describe('Where to go once signed in (checked, ACCEPTANCE 38)'),
  }),
  Session: z.object({ session: z.record(z.string(), z.unknown()) }),
  Empty: z.object({}),
  Object: z.record(z.string(), z.unknown()),
  Error: z.object({
    code: z.string().describe('Stable error code'),
    message: z.string().describe("Message in the request's language (Accept-Language ja/en)"),
    details: z
      .object({
        issues: z
          .array(z.object({ code: z.string(), message: z.string() }).catchall(z.unknown()))
          .optional(),
        required: z.array(z.string()).optional(),
        retryAfterSeconds: z.number().optional(),
      })
      .catchall(z.unknown())
      .optional(),
  }),
};

const json = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};

/** Builds the OpenAPI 3.1 document from the route table and the zod schemas. */
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
