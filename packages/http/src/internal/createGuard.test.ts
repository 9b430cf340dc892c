/**
 * R-INT-1 route protection, framework-neutral: `MonbanHttp.readSession` and `MonbanHttp.guard`
 * against a member signed in through the service, cookies as the layer sets them.
 */
import { isMonbanError } from '@monban/core';
import { walkFirstLogin } from '@monban/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Env, NEW_PASSWORD, setupEnv, TEMP_PASSWORD } from '../../test/harness.js';
import type { HttpRequest } from '../types.js';

async function signIn(env: Env, tenantId: string, userId: string): Promise<string> {
  const { answer } = await walkFirstLogin(env.monban, {
    provision: { email: `${userId}@example.jp` },
    tenantId,
    userId,
    temporaryPassword: TEMP_PASSWORD,
    newPassword: NEW_PASSWORD,
    factor: 'totp',
    setUpFactor: async (begun) => ({
      label: 'iPhone',
      response: await env.prover.enroll(userId, 'totp', begun.client),
    }),
  });
  const token = answer.session?.token;
  if (token === undefined) throw new Error('no session');
  return token;
}

const page = (path: string, cookie?: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'GET',
  path,
  headers: { ...(cookie === undefined ? {} : { cookie }), 'accept-language': 'en' },
  ...extra,
});

describe('R-INT-1 readSession', () => {
  it('finds the session of the request’s tenant under the cookie name of its scheme', async () => {
    const env = setupEnv();
    const token = await signIn(env, 'daiwa', 'readsession1');
    const session = await env.http.readSession(page('/daiwa/home', `monban-session=${token}`));
    expect(session).toMatchObject({ tenantId: 'daiwa', userId: 'readsession1' });
    expect(session?.authTimes.password).toBeTypeOf('number');
    // Over HTTPS the layer names the cookie `__Host-monban-session`, and reads only that name.
    const https = { secure: true };
    expect(
      await env.http.readSession(page('/daiwa/home', `__Host-monban-session=${token}`, https)),
    ).toMatchObject({ userId: 'readsession1' });
    expect(
      await env.http.readSession(page('/daiwa/home', `monban-session=${token}`, https)),
    ).toBeNull();
    expect(
      await env.http.readSession(page('/daiwa/home', `__Host-monban-session=${token}`)),
    ).toBeNull();
  });

  it('gives null for no, a garbage, another tenant’s or an ended session cookie', async () => {
    const env = setupEnv();
    const token = await signIn(env, 'daiwa', 'readsession2');
    const read = (path: string, cookie?: string) => env.http.readSession(page(path, cookie));
    expect(await read('/daiwa/home')).toBeNull();
    expect(await read('/daiwa/home', 'monban-session=garbage')).toBeNull();
    expect(await read('/daiwa/home', `monban-session=${'x'.repeat(600)}`)).toBeNull();
    expect(await read('/jsw/home', `monban-session=${token}`)).toBeNull();
    expect(await read('/nope/home', `monban-session=${token}`)).toBeNull();
    expect(await read('/%E0%A4%A/home', `monban-session=${token}`)).toBeNull();
    expect(await read('/daiwa/home', `monban-session=${token}`)).not.toBeNull();
    expect((await env.monban.logout({ sessionToken: token })).ok).toBe(true);
    expect(await read('/daiwa/home', `monban-session=${token}`)).toBeNull();
  });

  it('rejects with the storage outage instead of calling the member signed out', async () => {
    const env = setupEnv();
    const token = await signIn(env, 'daiwa', 'readsession3');
    env.writes.down = true;
    const error = await env.http.readSession(page('/daiwa/home', `monban-session=${token}`)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isMonbanError(error, 'STORAGE_UNAVAILABLE')).toBe(true);
  });

  it('never rejects on any cookie header, path or language it is sent', async () => {
    const env = setupEnv();
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.string(),
        fc.option(fc.string()),
        fc.boolean(),
        async (cookie, path, language, secure) => {
          const request: HttpRequest = {
            method: 'GET',
            path,
            headers: { cookie, ...(language === null ? {} : { 'accept-language': language }) },
            secure,
          };
          expect(await env.http.readSession(request)).toBeNull();
          const result = await env.http.guard()(request);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.response.status).toBe(401);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('R-INT-1 guard', () => {
  it('answers 401 SESSION_INVALID in the request’s language and clears a refused cookie', async () => {
    const env = setupEnv();
    const guard = env.http.guard();
    const none = await guard(page('/daiwa/home'));
    expect(none.ok).toBe(false);
    if (none.ok) return;
    expect(none.response.status).toBe(401);
    expect(none.response.cookies).toEqual([]);
    expect(JSON.parse(none.response.body)).toEqual({
      code: 'SESSION_INVALID',
      message: 'Your session has ended. Please sign in again.',
    });
    const refused = await guard({
      method: 'GET',
      path: '/daiwa/home',
      headers: { cookie: 'monban-session=garbage', 'accept-language': 'ja' },
    });
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.response.headers['content-language']).toBe('ja');
    expect(JSON.parse(refused.response.body).message).toMatch(/もう一度ログインしてください/);
    expect(refused.response.cookies).toEqual([
      expect.objectContaining({ name: 'monban-session', value: '', maxAgeSeconds: 0 }),
    ]);
  });

  it('redirects page routes with 303 and a checked returnTo', async () => {
    const env = setupEnv();
    const location = async (redirectTo: string, path: string) => {
      const result = await env.http.guard({ redirectTo })(page(path));
      if (result.ok) throw new Error('expected a refusal');
      expect(result.response.status).toBe(303);
      expect(result.response.body).toBe('');
      return result.response.headers.location;
    };
    expect(await location('/login', '/daiwa/home?tab=2')).toBe(
      '/login?returnTo=%2Fdaiwa%2Fhome%3Ftab%3D2',
    );
    expect(await location('/login?lang=ja#top', '/daiwa/home')).toBe(
      '/login?lang=ja&returnTo=%2Fdaiwa%2Fhome#top',
    );
    // A path that would lead off the site goes back to the fallback (`returnTo.fallback`).
    expect(await location('/login', '//evil.example/daiwa')).toBe('/login?returnTo=%2F');
  });

  it('lets a fresh session through a step-up action and asks a stale one to step up', async () => {
    const env = setupEnv();
    const token = await signIn(env, 'daiwa', 'guardstepup');
    const request = page('/daiwa/email', `monban-session=${token}`);
    const changeEmail = env.http.guard({ action: 'change-email' });
    const fresh = await changeEmail(request);
    expect(fresh).toMatchObject({ ok: true, session: { userId: 'guardstepup' } });
    env.clock.advance(301_000); // The preset's rule: password and second factor within 5 minutes.
    const stale = await changeEmail(request);
    if (stale.ok) throw new Error('expected a refusal');
    expect(stale.response.status).toBe(401);
    expect(stale.response.cookies).toEqual([]);
    expect(JSON.parse(stale.response.body)).toEqual({
      code: 'REAUTHENTICATION_REQUIRED',
      message: 'Please authenticate again to continue.',
      details: { required: ['password', 'totp'], action: 'change-email' },
    });
    // The session itself is still good, and list-sessions asks for a factor within an hour.
    expect((await env.http.guard()(request)).ok).toBe(true);
    expect((await env.http.guard({ action: 'list-sessions' })(request)).ok).toBe(true);
    const redirected = await env.http.guard({ action: 'change-email', redirectTo: '/step-up' })(
      request,
    );
    if (redirected.ok) throw new Error('expected a refusal');
    expect(redirected.response.headers.location).toBe(
      '/step-up?returnTo=%2Fdaiwa%2Femail&action=change-email',
    );
  });

  it('answers a storage outage 503 and reports it, instead of calling the member signed out', async () => {
    const env = setupEnv();
    const token = await signIn(env, 'daiwa', 'guardoutage');
    env.writes.down = true;
    const result = await env.http.guard({ redirectTo: '/login' })(
      page('/daiwa/home', `monban-session=${token}`),
    );
    if (result.ok) throw new Error('expected a refusal');
    expect(result.response.status).toBe(503);
    expect(result.response.cookies).toEqual([]);
    expect(JSON.parse(result.response.body).code).toBe('STORAGE_UNAVAILABLE');
    expect(env.errors).toHaveLength(1);
  });

  it('throws TypeError for options it cannot serve', () => {
    const { http } = setupEnv();
    const wrong: [unknown, RegExp][] = [
      [null, /options must be an object/],
      [{ action: 'delete-everything' }, /unknown step-up action "delete-everything"/],
      [{ redirectTo: 'login' }, /redirectTo must be a path/],
      [{ redirectTo: '//evil.example/login' }, /redirectTo must be a path/],
      [{ redirectTo: 'javascript:alert(1)' }, /redirectTo must be a path/],
    ];
    for (const [options, message] of wrong) {
      expect(() => http.guard(options as never)).toThrow(TypeError);
      expect(() => http.guard(options as never)).toThrow(message);
    }
    expect(() => http.guard({ redirectTo: 'https://portal.example.jp/login' })).not.toThrow();
  });
});
