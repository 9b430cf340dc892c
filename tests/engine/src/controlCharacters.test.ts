import type { Storage } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { describe, expect, it } from 'vitest';
import { callRecorder, completeFirstLogin, NEW_PASSWORD, setup } from './harness.js';

/** `storage` with every method call, nested stores included, pushed onto `calls` by name. */
function watched(storage: Storage, count: ReturnType<typeof callRecorder>['count']): Storage {
  const wrap = <T extends object>(target: T, path: string): T =>
    new Proxy(target, {
      get(object, key) {
        const value: unknown = Reflect.get(object, key);
        const name = `${path}${String(key)}`;
        if (typeof value === 'function') return count(name, value.bind(object));
        if (typeof value === 'object' && value !== null) return wrap(value, `${name}.`);
        return value;
      },
    });
  return wrap(storage, '');
}

describe('control characters in a login user ID', () => {
  it('ACCEPTANCE 51: a user ID holding NUL or another control character is INVALID_CREDENTIALS after the dummy hash, and storage is never asked', async () => {
    const { calls, count } = callRecorder();
    const h = setup({ storage: watched(createMemoryStorage(), count) });
    const member = await completeFirstLogin(h);
    const controls = ['\u0000', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f', '\u0085'];
    const userIds = [
      ...controls.map((ch) => `${member.userId}${ch}`),
      `\u0000${member.userId}`,
      `test\u0000user01`,
      '\u0000',
    ];
    calls.length = 0;
    for (const userId of userIds) {
      const before = h.calls.verify;
      const answer = await h.monban.login({ tenantId: 't', userId, password: NEW_PASSWORD });
      expect(answer, JSON.stringify(userId)).toEqual({
        ok: false,
        error: { code: 'INVALID_CREDENTIALS' },
      });
      expect(h.calls.verify - before, JSON.stringify(userId)).toBe(1); // the dummy hash
    }
    expect(calls).toEqual([]);
    // The member's own ID still signs in through the same storage.
    const signedIn = await h.monban.login({
      tenantId: 't',
      userId: member.userId,
      password: NEW_PASSWORD,
    });
    expect(signedIn.ok).toBe(true);
    expect(calls.length).toBeGreaterThan(0);
  });

  it('ACCEPTANCE 51: a reset request with a control character asks storage nothing; provisioning refuses one', async () => {
    const { calls, count } = callRecorder();
    const h = setup({ storage: watched(createMemoryStorage(), count) });
    calls.length = 0;
    for (const userId of ['test\u0000user01', 'testuser01\n', '\u007f']) {
      expect(await h.monban.requestPasswordReset({ tenantId: 't', userId })).toEqual({ ok: true });
    }
    expect(calls).toEqual([]);
    const provisioned = await h.monban.provisionMember({
      tenantId: 't',
      userId: 'legacy\u0000id',
      temporaryPassword: 'Tmp-Pass#2026',
      birthDate: '19801201',
    });
    expect(provisioned).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        issues: [{ code: 'USER_ID_INVALID_CHARACTER', characters: ['U+0000'] }],
      },
    });
    expect(calls).toEqual([]);
  });
});
