import { builtinNodeCrypto } from '@monban/core/internal';
import { base64url, constantTimeEqual, randomToken, utf8 } from './encoding.js';

/** The part of `node:crypto` used for the tokens. */
interface NodeHmac {
  createHmac(
    algorithm: 'sha256',
    key: Uint8Array,
  ): {
    update(data: Uint8Array): { digest(): Uint8Array };
  };
}

/**
 * HMAC-SHA-256 with `key`: through node:crypto where the runtime has it (for an input this
 * short a WebCrypto HMAC costs about ten times the CPU, a job handed to the thread pool and
 * back), through WebCrypto elsewhere.
 */
function hmacSha256(
  key: Uint8Array<ArrayBuffer>,
): (input: Uint8Array<ArrayBuffer>) => Promise<Uint8Array> {
  const node = builtinNodeCrypto<NodeHmac>('createHmac');
  if (node !== undefined) {
    return async (input) => node.createHmac('sha256', key).update(input).digest();
  }
  const imported = crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return async (input) => new Uint8Array(await crypto.subtle.sign('HMAC', await imported, input));
}

/** Fewest different characters of a secret: `'changeme'` or one character repeated is weak. */
const MIN_DISTINCT = 8;

/**
 * Refuses a missing or weak secret (R-INT-3): under 32 characters or under 8 different ones. A
 * random secret passes: 32 random hex digits have fewer than 8 different ones about 4 times in
 * 10^8, base64 far less often.
 */
function checkSecret(secret: string | undefined): void {
  const hint =
    '(openssl rand -base64 32), the same on every instance; or pass development: true on a development machine';
  if (secret === undefined || secret === '') {
    throw new TypeError(`createMonbanHttp: csrf.secret is required: a random string ${hint}`);
  }
  if (secret.length < 32 || new Set(secret).size < MIN_DISTINCT) {
    throw new TypeError(
      `createMonbanHttp: csrf.secret is weak: it needs at least 32 characters, ${MIN_DISTINCT} of them different: a random string ${hint}`,
    );
  }
}

/**
 * Signed double-submit CSRF tokens: HMAC-SHA-256 over the tenant and the cookie the browser
 * holds (session, else flow, else an anonymous CSRF cookie), so a token is tied to one session
 * and dies when the session rotates. Nothing is kept between requests.
 */
export function createCsrf(secret: string | undefined, development: boolean) {
  if (secret !== undefined && typeof secret !== 'string') {
    throw new TypeError('createMonbanHttp: csrf.secret must be a string');
  }
  if (!development) checkSecret(secret);
  const sign = hmacSha256(utf8.encode(secret ?? randomToken(32)));

  /** The token of a tenant and the cookie it is bound to. */
  async function tokenFor(tenantId: string, binding: string): Promise<string> {
    return base64url(await sign(utf8.encode(`${tenantId}\u0000${binding}`)));
  }

  /** Whether `token` is the one of this tenant and binding. */
  async function verify(tenantId: string, binding: string, token: string): Promise<boolean> {
    if (binding === '' || token === '' || token.length > 100) return false;
    return constantTimeEqual(await tokenFor(tenantId, binding), token);
  }

  return { tokenFor, verify };
}
