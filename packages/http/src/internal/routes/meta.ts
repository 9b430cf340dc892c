import type { RouteDef } from '../context.js';

/** The routes about the API itself: the CSRF token and the OpenAPI document. */
export const META_ROUTES: readonly RouteDef[] = [
  {
    method: 'GET',
    path: '/csrf',
    operationId: 'getCsrfToken',
    summary:
      'A CSRF token for the next state-changing request (also sent as X-CSRF-Token on every answer).',
    auth: 'none',
    response: 'CsrfToken',
    run: async (ctx) => ({ body: { csrfToken: await ctx.csrfToken() } }),
  },
  {
    method: 'GET',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This OpenAPI 3.1 document.',
    auth: 'none',
    response: 'OpenApi',
    run: async (ctx) => ({ body: ctx.openapi() }),
  },
];
