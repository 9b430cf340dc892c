import { describe, expect, it } from 'vitest';
import { serializeSetCookie } from './serializeSetCookie.js';

describe('serializeSetCookie', () => {
  it('writes HttpOnly, SameSite=Lax and Secure (ACCEPTANCE 37)', () => {
    expect(
      serializeSetCookie({
        name: '__Host-monban-session',
        value: 'abc',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
      }),
    ).toBe('__Host-monban-session=abc; Path=/; HttpOnly; SameSite=Lax; Secure');
  });

  it('deletes with Max-Age=0 and a past Expires', () => {
    const header = serializeSetCookie({
      name: 'monban-flow',
      value: '',
      path: '/',
      domain: 'example.jp',
      maxAgeSeconds: 0,
      secure: false,
      httpOnly: true,
      sameSite: 'Lax',
    });
    expect(header).toBe(
      'monban-flow=; Path=/; Domain=example.jp; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    );
  });
});
