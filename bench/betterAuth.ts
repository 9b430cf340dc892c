/**
 * better-auth, the peer the HTTP benchmarks measure Monban against in the same run, set up as
 * its documentation describes: the memory adapter (better-auth's own, as `@monban/memory` is
 * Monban's), email and password sign-in with the password hasher replaced by the one Monban's
 * servers use (argon2id at the same parameters, through `emailAndPassword.password`), and the
 * `twoFactor` plugin for TOTP. Mounted with `toNodeHandler` on Express (its Express guide) and
 * with the catch-all route of its Fastify guide; beside them an application route reading the
 * session with `auth.api.getSession`, the server-side call its guides show. Rate limits are
 * off, as in Monban's servers.
 */
import type { PasswordHasher } from '@monban/core/ports';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import { twoFactor } from 'better-auth/plugins';
import type { Express } from 'express';
import type { FastifyInstance } from 'fastify';

/** Where the peer's API is mounted (its default). */
export const PEER_BASE_PATH = '/api/auth';

/** A better-auth instance over its memory adapter, and the adapter's tables (to size them). */
export function createPeerAuth(options: { baseURL: string; hasher: PasswordHasher }) {
  const tables: Record<string, unknown[]> = {
    user: [],
    session: [],
    account: [],
    verification: [],
    twoFactor: [],
  };
  const { hasher } = options;
  const auth = betterAuth({
    appName: 'Monban bench',
    baseURL: options.baseURL,
    basePath: PEER_BASE_PATH,
    secret: 'bench-better-auth-secret-0123456789abcdef',
    database: memoryAdapter(tables),
    emailAndPassword: {
      enabled: true,
      password: {
        hash: (password) => hasher.hash(password),
        verify: ({ hash, password }) => hasher.verify(hash, password),
      },
    },
    plugins: [twoFactor()],
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
  });
  return { auth, tables };
}

export type PeerAuth = ReturnType<typeof createPeerAuth>['auth'];

/** An application route answering the session through the server API, as the guides show. */
export const PEER_SESSION_ROUTE = '/me';

/**
 * Express, as better-auth's Express guide mounts it (Express 5 route syntax), plus an
 * application route reading the session with `auth.api.getSession`.
 */
export function mountPeerOnExpress(app: Express, auth: PeerAuth): void {
  app.all(`${PEER_BASE_PATH}/*splat`, toNodeHandler(auth));
  app.get(PEER_SESSION_ROUTE, async (req, res) => {
    res.json(await auth.api.getSession({ headers: fromNodeHeaders(req.headers) }));
  });
}

/**
 * Fastify, with the catch-all route of better-auth's Fastify guide, plus an application route
 * reading the session with `auth.api.getSession`.
 */
export function mountPeerOnFastify(app: FastifyInstance, auth: PeerAuth): void {
  app.get(PEER_SESSION_ROUTE, (request) =>
    auth.api.getSession({ headers: fromNodeHeaders(request.headers) }),
  );
  app.route({
    method: ['GET', 'POST'],
    url: `${PEER_BASE_PATH}/*`,
    async handler(request, reply) {
      const url = new URL(request.url, `http://${request.headers.host}`);
      const response = await auth.handler(
        new Request(url.toString(), {
          method: request.method,
          headers: fromNodeHeaders(request.headers),
          ...(request.body ? { body: JSON.stringify(request.body) } : {}),
        }),
      );
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        reply.header(key, value);
      });
      return reply.send(response.body ? await response.text() : null);
    },
  });
}

/** `name=value` pairs of the cookies a better-auth answer sets, for the next request. */
export function cookiesOf(headers: Headers, into = new Map<string, string>()): Map<string, string> {
  for (const line of headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? '';
    const eq = pair.indexOf('=');
    if (/Max-Age=0/i.test(line)) into.delete(pair.slice(0, eq));
    else into.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return into;
}

const cookieHeader = (cookies: Map<string, string>) =>
  new Headers({
    cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  });

/**
 * A member signed up with `password` and TOTP enabled and verified (the plugin's enrolment:
 * enable, then a first code); returns its email, TOTP secret (base32) and session cookies.
 */
export async function seedPeerMember(
  auth: PeerAuth,
  email: string,
  password: string,
  codeOf: (base32: string) => string,
): Promise<{ email: string; secret: string; cookies: Map<string, string> }> {
  const signedUp = await auth.api.signUpEmail({
    body: { email, password, name: email.split('@')[0] as string },
    returnHeaders: true,
  });
  const cookies = cookiesOf(signedUp.headers);
  const enabled = await auth.api.enableTwoFactor({
    body: { password },
    headers: cookieHeader(cookies),
  });
  if (!('totpURI' in enabled))
    throw new Error('better-auth enabled a second factor other than TOTP');
  const secret = new URL(enabled.totpURI).searchParams.get('secret') ?? '';
  const verified = await auth.api.verifyTOTP({
    body: { code: codeOf(secret) },
    headers: cookieHeader(cookies),
    returnHeaders: true,
  });
  cookiesOf(verified.headers, cookies);
  return { email, secret, cookies };
}
