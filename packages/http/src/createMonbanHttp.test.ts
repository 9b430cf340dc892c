import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORIGIN, setupEnv } from '../test/harness.js';
import { inProcessBrowser as browser } from '../test/inProcess.js';
import { createAnswerCheck } from '../test/openapiCheck.js';

const ok = <T extends { ok: boolean }>(r: T): T => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r;
};

import { createMonbanHttp } from './createMonbanHttp.js';

describe('createMonbanHttp', () => {
  it('throws TypeError on bad configuration at construction', () => {
    const { monban } = setupEnv();
    expect(() => createMonbanHttp(monban, { tenant: 'nope' })).toThrow(TypeError);
    expect(() => createMonbanHttp(monban, { tenant: { hosts: { 'a.jp': 'nope' } } })).toThrow(
      /unknown tenant/,
    );
    expect(() => createMonbanHttp(monban, { tenant: 'daiwa', csrf: { secret: 'short' } })).toThrow(
      TypeError,
    );
    expect(() => createMonbanHttp(monban, { tenant: 'daiwa', bodyLimitBytes: 1 })).toThrow(
      TypeError,
    );
  });

  it('resolves tenants by host', async () => {
    const { monban } = setupEnv();
    const http = createMonbanHttp(monban, {
      tenant: { hosts: { 'jsw.example.jp': 'jsw' } },
      development: true,
    });
    const ok = await http.handle({
      method: 'GET',
      path: '/csrf',
      headers: { host: 'jsw.example.jp' },
    });
    const no = await http.handle({ method: 'GET', path: '/csrf', headers: { host: 'evil.jp' } });
    expect(ok.status).toBe(200);
    expect(no.status).toBe(404);
  });

  it('resolves tenants by the first path segment, percent-decoded, and nothing else', async () => {
    const { monban } = setupEnv();
    const http = createMonbanHttp(monban, { tenant: { pathSegment: true }, development: true });
    const answer = async (path: string) => {
      const response = await http.handle({ method: 'GET', path, headers: {} });
      return `${response.status} ${JSON.parse(response.body).code ?? 'ok'}`;
    };
    expect(await answer('/daiwa/csrf')).toBe('200 ok');
    expect(await answer('/daiwa/csrf?x=1')).toBe('200 ok');
    expect(await answer('/dai%77a/csrf')).toBe('200 ok');
    expect(await answer('/daiwa/')).toBe('404 ROUTE_NOT_FOUND');
    expect(await answer('/daiwa')).toBe('404 ROUTE_NOT_FOUND');
    expect(await answer('/jsw/csrf')).toBe('200 ok');
    for (const path of ['/', '', '//daiwa/csrf', 'daiwa/csrf', '/nope/csrf', '/%E0%A4%A/csrf']) {
      expect(await answer(path)).toBe('404 TENANT_NOT_FOUND');
    }
  });

  it('does not answer a flow under another tenant’s path (a flow belongs to one tenant)', async () => {
    const { monban } = setupEnv();
    ok(
      await monban.provisionMember({
        tenantId: 'daiwa',
        userId: 'testuser01',
        temporaryPassword: 'Tmp-Pass#2026',
        birthDate: '19801201',
      }),
    );
    const http = createMonbanHttp(monban, {
      tenant: { pathSegment: true },
      development: true,
      csrf: { allowedOrigins: [ORIGIN] },
    });
    const go = browser((r) => http.handle(r), { check: createAnswerCheck(http.openapi()) });
    await go('GET', '/daiwa/csrf');
    const login = await go('POST', '/daiwa/login', {
      userId: 'testuser01',
      password: 'Tmp-Pass#2026',
    });
    expect(login.status).toBe(200);
    expect((await go('GET', '/daiwa/flow')).status).toBe(200);
    const foreign = await go('GET', '/jsw/flow');
    expect(foreign.status).toBe(401);
    expect(JSON.parse(foreign.body as string)).toMatchObject({ code: 'FLOW_NOT_FOUND' });
  });

  it('answers 500 without details when a handler fails unexpectedly, and reports the error', async () => {
    const env = setupEnv();
    const broken = { ...env.monban, getFlow: () => Promise.reject(new Error('secret detail')) };
    const seen: unknown[] = [];
    const http = createMonbanHttp(broken as typeof env.monban, {
      tenant: 'daiwa',
      development: true,
      logger: false,
      onError: (e) => seen.push(e),
    });
    const response = await http.handle({
      method: 'GET',
      path: '/flow',
      headers: { cookie: 'monban-flow=abc' },
    });
    expect(response.status).toBe(500);
    expect(response.body).not.toMatch(/secret detail/);
    expect(seen).toHaveLength(1);
  });

  it('still answers 500 when the error hook itself throws, or the request cannot be read', async () => {
    const env = setupEnv();
    const broken = { ...env.monban, getFlow: () => Promise.reject(new Error('secret detail')) };
    const http = createMonbanHttp(broken as typeof env.monban, {
      tenant: 'daiwa',
      development: true,
      logger: false,
      onError: () => {
        throw new Error('hook failed');
      },
    });
    const failing = await http.handle({
      method: 'GET',
      path: '/flow',
      headers: { cookie: 'monban-flow=abc' },
    });
    expect(failing.status).toBe(500);
    expect(JSON.parse(failing.body as string)).toMatchObject({ code: 'INTERNAL_ERROR' });
    // Headers that throw when read: no Exchange can be built, the answer is the bare 500.
    const seen: unknown[] = [];
    const plain = createMonbanHttp(env.monban, {
      tenant: 'daiwa',
      development: true,
      logger: false,
      onError: (e) => seen.push(e),
    });
    const unreadable = new Proxy(
      {},
      {
        get() {
          throw new Error('unreadable header');
        },
      },
    );
    const answer = await plain.handle({ method: 'GET', path: '/csrf', headers: unreadable });
    expect(answer).toMatchObject({ status: 500, cookies: [] });
    expect(answer.body).not.toMatch(/unreadable/);
    expect(seen).toHaveLength(1);
  });
});

describe('OpenAPI 3.1 document', () => {
  const { http } = setupEnv();
  const doc = http.openapi() as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
    components: { schemas: Record<string, unknown> };
  };

  it('lists every registered route, and only those', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const registered = http.routes.map((r) => `${r.method} /{tenant}${r.path}`);
    expect(documented.sort()).toEqual(registered.sort());
    expect(new Set(http.routes.map((r) => r.operationId)).size).toBe(http.routes.length);
  });

  it('is OpenAPI 3.1 with a JSON Schema for every request body, taken from the zod schemas', () => {
    expect(doc.openapi).toBe('3.1.0');
    const login = doc.paths['/{tenant}/login']?.post;
    expect(login?.requestBody).toBeDefined();
    expect(doc.components.schemas.Login).toMatchObject({
      type: 'object',
      required: ['userId', 'password'],
      additionalProperties: false,
    });
    for (const route of http.routes.filter((r) => r.method !== 'GET')) {
      const op = doc.paths[`/{tenant}${route.path}`]?.[route.method.toLowerCase()];
      expect(op?.requestBody, route.path).toBeDefined();
    }
    // Every $ref resolves.
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of refs) {
      expect(doc.components.schemas[ref.split('/').at(-1) as string], ref).toBeDefined();
    }
  });

  it('is served at GET /openapi.json', async () => {
    const response = await http.handle({ method: 'GET', path: '/daiwa/openapi.json', headers: {} });
    expect(JSON.parse(response.body)).toEqual(doc);
  });
});

describe('fuzzing every body (fast-check)', () => {
  const jsonValue = fc.jsonValue({ maxDepth: 3 });
  const bodyArb = fc.oneof(
    fc.dictionary(
      fc.constantFrom(
        'userId',
        'password',
        'confirmation',
        'remember',
        'returnTo',
        'birthDate',
        'version',
        'factor',
        'email',
        'token',
        'label',
        'response',
        'credentialId',
        'keepCurrent',
        'currentPassword',
        'confirm',
        'temporaryPassword',
        'accountId',
        '__proto__',
      ),
      fc.oneof(jsonValue, fc.string({ maxLength: 40 }), fc.constantFrom('totp', 'passkey')),
      { maxKeys: 5 },
    ),
    jsonValue,
    fc.string({ maxLength: 60 }),
  );

  it('never answers 5xx; every 4xx has a code and a message; a refusal writes nothing', async () => {
    const env = setupEnv();
    await env.monban.provisionMember({
      tenantId: 'daiwa',
      userId: 'fuzzuser01',
      temporaryPassword: 'Tmp-Pass#2026',
      birthDate: '19801201',
    });
    const call = browser(env.http.handle, { check: createAnswerCheck(env.http.openapi()) });
    await call('GET', '/daiwa/csrf');
    const routes = env.http.routes.filter((r) => r.method !== 'GET');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        bodyArb,
        fc.boolean(),
        async (route, body, raw) => {
          const writes = env.writes.writes;
          const audits = env.audit.length;
          const path = `/daiwa${route.path.replace(/\{\w+\}/g, 'someid')}`;
          // A string is sent as a JSON string literal; `raw` sends no body at all.
          const response = await call(
            route.method,
            path,
            raw && typeof body === 'string'
              ? undefined
              : typeof body === 'string'
                ? JSON.stringify(body)
                : body,
          );
          expect(response.status).toBeLessThan(500);
          const parsed = JSON.parse(response.body);
          if (response.status >= 400) {
            expect(parsed.code).toMatch(/^[A-Z_]+$/);
            expect(typeof parsed.message).toBe('string');
            if (response.status === 400 || response.status === 403 || response.status === 404) {
              // Refused before anything happened: only the per-IP rate-limit counter may move.
              expect(env.writes.writes - writes).toBeLessThanOrEqual(1);
              expect(env.audit.length).toBe(audits);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(env.errors).toEqual([]);
  });
});
