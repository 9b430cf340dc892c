import type { Credential, FactorContext, JsonObject } from '@monban/core';
import { describe, expect, it } from 'vitest';
import { createTestFactor } from './createTestFactor.js';
import { makeCredential } from './makeCredential.js';
import { testFactorCode } from './testFactorCode.js';

const NOW = 1_700_000_000_000;
const STEP = Math.floor(NOW / 30_000);

const unused = () => {
  throw new Error('the test factor must not use this port');
};

function makeContext(now: number, random = (n: number) => new Uint8Array(n).fill(7)) {
  const drawn: number[] = [];
  const context: FactorContext = {
    tenant: { id: 't1', displayName: 'Tenant One' },
    account: {
      tenantId: 't1',
      accountId: 'a1',
      userId: 'alice',
      email: null,
      emailVerified: false,
    },
    now,
    random: {
      bytes: (n) => {
        drawn.push(n);
        return random(n);
      },
    },
    storage: {
      tokens: { put: unused, consume: unused, get: unused, delete: unused },
      counters: { increment: unused, decrement: unused, get: unused, reset: unused },
    },
    mailer: { send: unused },
    locale: 'en',
    bindingId: 'flow-1',
    purpose: 'login',
  };
  return { context, drawn };
}

async function enroll(now = NOW): Promise<{ secret: string; credential: Credential }> {
  const factor = createTestFactor();
  const { context } = makeContext(now, (n) => crypto.getRandomValues(new Uint8Array(n)));
  const begin = await factor.beginEnrollment(context, { existing: [] });
  const secret = String(begin.client.secret);
  const code = await testFactorCode(secret, now);
  const done = await factor.completeEnrollment(context, {
    pending: begin.pending,
    response: code,
    label: 'Phone',
    existing: [],
  });
  if (!done.ok) throw new Error(`enrollment failed: ${done.code}`);
  return { secret, credential: makeCredential({ id: 'c1', data: done.data }) };
}

describe('createTestFactor', () => {
  it('has the requested kind, totp by default', () => {
    expect(createTestFactor().kind).toBe('totp');
    expect(createTestFactor({ kind: 'passkey' }).kind).toBe('passkey');
    expect(() => createTestFactor({ kind: 'sms' as never })).toThrow(TypeError);
  });

  it('draws a 20-byte secret from context.random and returns it in base32', async () => {
    const { context, drawn } = makeContext(NOW);
    const begin = await createTestFactor().beginEnrollment(context, { existing: [] });
    expect(drawn).toEqual([20]);
    expect(begin.client.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(begin.pending.secret).toBe(begin.client.secret);
    // 20 bytes of 0x07 in base32.
    expect(begin.client.secret).toBe('A4DQOBYHA4DQOBYHA4DQOBYHA4DQOBYH');
  });

  it('completes enrollment with the current code and records the step', async () => {
    const { credential, secret } = await enroll();
    expect(credential.data).toEqual({ secret, lastStep: STEP });
  });

  it('refuses enrollment with a wrong, stale or malformed code', async () => {
    const factor = createTestFactor();
    const { context } = makeContext(NOW);
    const begin = await factor.beginEnrollment(context, { existing: [] });
    const secret = String(begin.client.secret);
    const right = await testFactorCode(secret, NOW);
    const wrong = right === '000000' ? '000001' : '000000';
    const previous = await testFactorCode(secret, NOW - 30_000);
    const input = (response: unknown) => ({
      pending: begin.pending,
      response,
      label: 'Phone',
      existing: [],
    });
    const failure = { ok: false, code: 'CODE_INVALID', countsAsFailure: true };
    expect(await factor.completeEnrollment(context, input(wrong))).toEqual(failure);
    if (previous !== right) {
      expect(await factor.completeEnrollment(context, input(previous))).toEqual(failure);
    }
    expect(await factor.completeEnrollment(context, input('12345'))).toMatchObject({
      ok: false,
      countsAsFailure: false,
    });
    expect(await factor.completeEnrollment(context, input({ code: right }))).toMatchObject({
      ok: true,
    });
  });

  it('ACCEPTANCE 14: a code is accepted once, then refused in the same step', async () => {
    const { credential, secret } = await enroll(NOW - 60_000);
    const factor = createTestFactor();
    const { context } = makeContext(NOW);
    const begin = await factor.beginChallenge(context, { credentials: [credential] });
    if ('ok' in begin) throw new Error('challenge refused');
    const code = await testFactorCode(secret, NOW);
    const input = (c: Credential) => ({ pending: begin.pending, credentials: [c], response: code });
    const first = await factor.verifyChallenge(context, input(credential));
    expect(first).toEqual({
      ok: true,
      credentialId: 'c1',
      data: { secret, lastStep: STEP },
    });
    const used = { ...credential, data: (first as { data: JsonObject }).data };
    expect(await factor.verifyChallenge(context, input(used))).toEqual({
      ok: false,
      code: 'CODE_INVALID',
      countsAsFailure: true,
    });
    // A later step with its own code works again.
    const later = makeContext(NOW + 30_000).context;
    const next = await factor.verifyChallenge(later, {
      pending: begin.pending,
      credentials: [used],
      response: await testFactorCode(secret, NOW + 30_000),
    });
    expect(next).toMatchObject({ ok: true, data: { lastStep: STEP + 1 } });
  });

  it('refuses a wrong code as a counted failure', async () => {
    const { credential, secret } = await enroll(NOW - 60_000);
    const factor = createTestFactor();
    const { context } = makeContext(NOW);
    const right = await testFactorCode(secret, NOW);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const result = await factor.verifyChallenge(context, {
      pending: { credentialId: 'c1' },
      credentials: [credential],
      response: wrong,
    });
    expect(result).toEqual({ ok: false, code: 'CODE_INVALID', countsAsFailure: true });
  });

  it('beginChallenge selects credentialId among several, and refuses unknown ones', async () => {
    const factor = createTestFactor();
    const { context } = makeContext(NOW);
    const credentials = [
      makeCredential({ id: 'c1', label: 'Phone' }),
      makeCredential({ id: 'c2', label: 'Tablet' }),
      makeCredential({ id: 'c3', kind: 'passkey', label: 'Key' }),
    ];
    expect(await factor.beginChallenge(context, { credentials, credentialId: 'c2' })).toEqual({
      pending: { credentialId: 'c2' },
      client: { credentialId: 'c2', label: 'Tablet' },
    });
    expect(await factor.beginChallenge(context, { credentials })).toMatchObject({
      pending: { credentialId: 'c1' },
    });
    expect(await factor.beginChallenge(context, { credentials, credentialId: 'c3' })).toMatchObject(
      { ok: false, code: 'FACTOR_NOT_CONFIGURED' },
    );
    expect(await factor.beginChallenge(context, { credentials: [] })).toMatchObject({ ok: false });
  });

  it('verifies against the challenged credential only', async () => {
    const a = await enroll(NOW - 60_000);
    const b = await enroll(NOW - 60_000);
    const other = { ...b.credential, id: 'c2' };
    const factor = createTestFactor();
    const { context } = makeContext(NOW);
    const result = await factor.verifyChallenge(context, {
      pending: { credentialId: 'c1' },
      credentials: [a.credential, other],
      response: await testFactorCode(b.secret, NOW),
    });
    expect(result).toMatchObject({ ok: false, code: 'CODE_INVALID' });
  });
});
