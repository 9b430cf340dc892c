/**
 * What the attack replays (`attacks.ts`) share: a site served by the adapter under test, browsers
 * on it, and the mails the attacker or the member receive.
 */
import { afterEach, expect } from 'vitest';
import type { MonbanHttpOptions } from '../src/types.js';
import { type Answer, type Client, checkedBrowsers, type OpenBrowser } from './client.js';
import type { StartServer } from './contract.js';
import { expectOk, firstLogin, provision } from './flows.js';
import { type Env, type EnvConfig, setupEnv } from './harness.js';

/** A site under attack: the environment behind it and its browsers. */
export interface Site {
  env: Env;
  openBrowser: OpenBrowser;
  /** The API's base URL (`http://127.0.0.1:<port>/auth`), tenants below it. */
  base: string;
}

export type Boot = (
  options?: Partial<Omit<MonbanHttpOptions, 'tenant'>>,
  extra?: EnvConfig,
) => Promise<Site>;

/** Serves a fresh environment per call through `start`; closed after each test. */
export function serveSites(start: StartServer): Boot {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (options = {}, extra = {}) => {
    const env = setupEnv(options, extra);
    const server = await start(env.http);
    servers.push(server);
    return {
      env,
      openBrowser: checkedBrowsers(server.baseUrl, env.http.openapi()),
      base: server.baseUrl,
    };
  };
}

/** A new browser on `tenant` that has fetched its CSRF token. */
export async function browserOn(site: Site, tenant: string): Promise<Client> {
  const client = site.openBrowser(tenant);
  expectOk(await client.call('GET', '/csrf'));
  return client;
}

/** A member who finished the first login (the honest test factor unless the site is real). */
export async function signedIn(
  site: Site,
  tenant: string,
  userId: string,
  factor?: 'totp' | 'passkey' | 'email-otp',
) {
  return firstLogin(site.env, site.openBrowser, tenant, userId, factor ? { factor } : {});
}

/** A provisioned member (temporary password) and a browser at the login screen. */
export async function provisioned(site: Site, tenant: string, userId: string) {
  const accountId = await provision(site.env, tenant, userId);
  return { accountId, client: await browserOn(site, tenant) };
}

/**
 * The link token of the first mail tagged `tag` sent after the `since`-th mail (mails of the
 * reset request leave after the answer, so the outbox is polled briefly).
 */
export async function mailedToken(env: Env, tag: string, since = 0): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const mail = env.outbox.slice(since).find((m) => m.tag === tag);
    const token = mail?.text.match(/token=([\w-]+)/)?.[1];
    if (token !== undefined) return token;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ${tag} mail with a link`);
}

/** The mails tagged `tag` so far. */
export const mailsTagged = (env: Env, tag: string) => env.outbox.filter((m) => m.tag === tag);

/** Asks for a reset link for `userId` from a browser of its own, as anyone may; its token. */
export async function resetLink(site: Site, tenant: string, userId: string): Promise<string> {
  const since = site.env.outbox.length;
  const asker = await browserOn(site, tenant);
  expectOk(await asker.call('POST', '/recovery/password', { userId }), 202);
  return mailedToken(site.env, 'passwordReset', since);
}

/** Expects a refusal with this status and code. */
export function expectRefused(answer: Answer, status: number, code: string) {
  expect({ status: answer.status, code: answer.body?.code }, answer.text).toEqual({ status, code });
}

/** The device labels stored for an account (the recovery-code set is not a device). */
export async function deviceLabels(env: Env, tenant: string, accountId: string) {
  const all = await env.storage.credentials.listByAccount(tenant, accountId);
  return all.filter((c) => c.kind !== 'recovery-code').map((c) => c.label);
}

/** The time budget of a test on PGlite with the real factors (as the PGlite suites have). */
export const PGLITE_TEST_MS = 180_000;
