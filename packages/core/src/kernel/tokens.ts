/**
 * Bearer tokens: flow, session and mailed-link tokens are 256-bit random strings, stored only as
 * their SHA-256; single-use link tokens are consumed atomically.
 * @module
 */
import { hashToken, newToken } from '../internal/secrets.js';
import type { TokenRecord } from '../types.js';
import type { Kernel } from './Kernel.js';

export { hashToken, newToken };

/** Whether a string has the shape of a token (anything else is not looked up). */
export function isTokenShaped(token: unknown): token is string {
  return typeof token === 'string' && token.length >= 20 && token.length <= 200;
}

/** Stores a single-use token under its hash and returns the token to mail. */
export async function issueToken(
  kernel: Kernel,
  record: Omit<TokenRecord, 'key' | 'expiresAt'> & { ttlMs: number },
): Promise<string> {
  const token = newToken(kernel.random);
  const { ttlMs, ...rest } = record;
  await kernel.storage.tokens.put({
    ...rest,
    key: await hashToken(token),
    expiresAt: kernel.clock.now() + ttlMs,
  });
  return token;
}

/** Consumes a single-use token of this purpose: its record, or `null` (unknown, used, expired). */
export async function consumeToken(
  kernel: Kernel,
  token: unknown,
  purpose: string,
): Promise<TokenRecord | null> {
  if (!isTokenShaped(token)) return null;
  return kernel.storage.tokens.consume(await hashToken(token), purpose, kernel.clock.now());
}
