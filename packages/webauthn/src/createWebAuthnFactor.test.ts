/**
 * Unit tests of the passkey factor with a software authenticator producing real attestations
 * and signatures (ACCEPTANCE 20, 22-24), on the memory token store.
 */
import type { Credential, FactorContext, FactorFailure, JsonObject } from '@monban/core';
import type { RandomSource } from '@monban/core/ports';
import { cryptoRandom } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { formatIssue } from '@monban/policy';
import {
  createSoftwareAuthenticator,
  makeFactorContext,
  type SoftwareAuthenticator,
  type SoftwareAuthenticatorOptions,
  type SoftwareCreateOverrides,
  type SoftwareGetOverrides,
} from '@monban/test-utils';
import { generateRegistrationOptions } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { createWebAuthnFactor } from './createWebAuthnFactor.js';
import type { PasskeyCredentialData } from './internal/credentialData.js';
import { messages } from './messages.js';

const RP_ID = 'portal.example.jp';
const ORIGIN = 'https://portal.example.jp';
const APP_ORIGIN = 'https://app.portal.example.jp';
const START = Date.UTC(2026, 3, 1);
const TENANT = { id: 'daiwa', displayName: '大和証券グループ健康保険組合' };

type Storage = ReturnType<typeof createMemoryStorage>;

function makeHarness(
  authenticatorOptions: SoftwareAuthenticatorOptions = {},
  assertionVerifier: 'auto' | 'simplewebauthn' = 'auto',
) {
  const storage = createMemoryStorage();
  const factor = createWebAuthnFactor({
    rpId: RP_ID,
    origins: [ORIGIN, APP_ORIGIN],
    assertionVerifier,
  });
  const authenticator = createSoftwareAuthenticator(authenticatorOptions);
  const credentials: Credential[] = [];
  return { storage, factor, authenticator, credentials };
}

const harness = (options: SoftwareAuthenticatorOptions = {}) => makeHarness(options);

function context(
  storage: Storage,
  overrides: Partial<FactorContext> & { accountId?: string } = {},
): FactorContext {
  const { accountId = 'acc-1', ...rest } = overrides;
  return makeFactorContext({
    storage,
    now: START,
    account: { tenantId: 'daiwa', accountId, userId: 'taro01', email: null, emailVerified: false },
    ...rest,
  });
}

type H = ReturnType<typeof harness>;

/** Registers a passkey through the factor and keeps it as core would. */
async function register(
  h: H,
  overrides: Partial<SoftwareCreateOverrides> = {},
  options: { accountId?: string; authenticator?: SoftwareAuthenticator; label?: string } = {},
) {
  const ctx = context(h.storage, { accountId: options.accountId ?? 'acc-1', purpose: 'enroll' });
  const mine = h.credentials.filter((c) => c.accountId === ctx.account.accountId);
  const begun = await h.factor.beginEnrollment(ctx, { existing: mine });
  if ('ok' in begun) throw new Error(begun.code);
  const response = await (options.authenticator ?? h.authenticator).create(
    begun.client.options as never,
    { origin: ORIGIN, ...overrides },
  );
  const result = await h.factor.completeEnrollment(ctx, {
    pending: begun.pending,
    response,
    label: options.label ?? 'iPhone',
    existing: mine,
  });
  if (result.ok) {
    h.credentials.push({
      id: result.id ?? 'random',
      tenantId: 'daiwa',
      accountId: ctx.account.accountId,
      kind: 'passkey',
      label: options.label ?? 'iPhone',
      data: result.data,
      version: 1,
      createdAt: START,
      lastUsedAt: null,
    });
  }
  return { begun, response, result };
}

async function login(
  h: H,
  overrides: Partial<SoftwareGetOverrides> = {},
  options: { purpose?: FactorContext['purpose']; credentialId?: string; accountId?: string } = {},
) {
  const ctx = context(h.storage, {
    purpose: options.purpose ?? 'login',
    accountId: options.accountId ?? 'acc-1',
  });
  const mine = h.credentials.filter((c) => c.accountId === ctx.account.accountId);
  const begun = await h.factor.beginChallenge(ctx, {
    credentials: mine,
    ...(options.credentialId ? { credentialId: options.credentialId } : {}),
  });
  if ('ok' in begun) throw new Error(begun.code);
  const response = await h.authenticator.get(begun.client.options as never, {
    origin: ORIGIN,
    ...overrides,
  });
  const result = await h.factor.verifyChallenge(ctx, {
    pending: begun.pending,
    credentials: mine,
    response,
  });
  return { ctx, begun, response, result, mine };
}

const refusedWith = (code: string, reason?: string, countsAsFailure = true) =>
  expect.objectContaining({
    ok: false,
    code,
    countsAsFailure,
    ...(reason ? { params: expect.objectContaining({ reason }) } : {}),
  });

describe('createWebAuthnFactor: options', () => {
  it('throws TypeError for bad configuration', () => {
    const bad: unknown[] = [
      undefined,
      { rpId: 'https://portal.example.jp', origins: [ORIGIN] },
      { rpId: 'Portal.Example.jp', origins: [ORIGIN] },
      { rpId: RP_ID, origins: [] },
      { rpId: RP_ID, origins: ['https://portal.example.jp/'] },
      { rpId: RP_ID, origins: ['http://portal.example.jp'] },
      { rpId: RP_ID, origins: ['https://evil.example'] },
      { rpId: RP_ID, origins: [ORIGIN], timeoutMs: 5 },
      { rpId: RP_ID, origins: [ORIGIN], attestation: 'enterprise' },
      { rpId: RP_ID, origins: [ORIGIN], rpName: 'name' },
    ];
    for (const options of bad) {
      expect(() => createWebAuthnFactor(options as never), JSON.stringify(options)).toThrow(
        TypeError,
      );
    }
    expect(
      createWebAuthnFactor({ rpId: 'localhost', origins: ['http://localhost:3000'] }).kind,
    ).toBe('passkey');
  });
});

describe('registration', () => {
  it('builds options per the issue: tenant RP name, random user handle, UV required, no attachment, ES256/RS256/EdDSA', async () => {
    const h = harness();
    const begun = await h.factor.beginEnrollment(context(h.storage), { existing: [] });
    if ('ok' in begun) throw new Error('refused');
    const options = begun.client.options as Record<string, unknown> & {
      rp: { id: string; name: string };
      user: { id: string; name: string };
      challenge: string;
      authenticatorSelection: Record<string, unknown>;
      pubKeyCredParams: { alg: number }[];
      excludeCredentials: unknown[];
    };
    expect(options.rp).toEqual({ id: RP_ID, name: TENANT.displayName });
    expect(options.user.name).toBe('taro01');
    expect(isoBase64URL.toBuffer(options.user.id)).toHaveLength(32);
    expect(options.user.id).not.toContain(isoBase64URL.fromUTF8String('taro01'));
    expect(isoBase64URL.toBuffer(options.challenge).length).toBeGreaterThanOrEqual(32);
    expect(options.authenticatorSelection).toEqual({
      residentKey: 'preferred',
      userVerification: 'required',
      requireResidentKey: false,
    });
    expect(options.authenticatorSelection).not.toHaveProperty('authenticatorAttachment');
    expect(options.pubKeyCredParams.map((p) => p.alg)).toEqual([-8, -7, -257]);
    expect(options.excludeCredentials).toEqual([]);
    expect(options.attestation).toBe('none');
    // The challenge is in the single-use store, bound to the flow and the purpose.
    expect(begun.pending.challenge).toBe(options.challenge);
  });

  it('registers an ES256 passkey and stores public data only, with the WebAuthn credential ID as id', async () => {
    const h = harness({ backupEligible: true, backupState: true, counter: 'zero' });
    const { result, response } = await register(h);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.id).toBe(response.id);
    const data = result.data as unknown as PasskeyCredentialData;
    expect(data).toMatchObject({
      format: 'monban-passkey/1',
      credentialId: response.id,
      algorithm: -7,
      counter: 0,
      transports: ['hybrid', 'internal'],
      deviceType: 'multiDevice',
      backupEligible: true,
      backedUp: true,
      aaguid: '00000000-0000-0000-0000-000000000000',
      attestationFormat: 'none',
      origin: ORIGIN,
    });
    expect(data.userHandle).toBe(h.authenticator.credentials()[0]?.userHandle);
  });

  it.each(['RS256', 'EdDSA'] as const)('registers and signs in with %s', async (algorithm) => {
    const h = harness({ algorithm });
    const { result } = await register(h);
    expect(result.ok).toBe(true);
    const { result: verified } = await login(h);
    expect(verified.ok).toBe(true);
  });

  it('reuses the account user handle and excludes existing passkeys on later registrations', async () => {
    const h = harness();
    await register(h);
    const first = h.credentials[0]!;
    const begun = await h.factor.beginEnrollment(context(h.storage), { existing: h.credentials });
    if ('ok' in begun) throw new Error('refused');
    const options = begun.client.options as {
      user: { id: string };
      excludeCredentials: { id: string }[];
    };
    expect(options.user.id).toBe((first.data as unknown as PasskeyCredentialData).userHandle);
    expect(options.excludeCredentials.map((c) => c.id)).toEqual([first.id]);
    // A second authenticator registers under the same handle.
    const phone = createSoftwareAuthenticator();
    const second = await register(h, {}, { authenticator: phone, label: 'Android' });
    expect(second.result.ok).toBe(true);
    expect(phone.credentials()[0]?.userHandle).toBe(options.user.id);
  });

  it('ACCEPTANCE 22: wrong origin, RP ID, type or challenge is refused at registration (expectedRPID always passed)', async () => {
    const cases: [Partial<SoftwareCreateOverrides>, string][] = [
      [{ origin: 'https://portal.example.jp.evil.example' }, 'origin'],
      [{ rpId: 'evil.example' }, 'rp-id'],
      [{ type: 'webauthn.get' }, 'type'],
      [{ challenge: isoBase64URL.fromBuffer(new Uint8Array(32)) }, 'challenge'],
      [{ userPresent: false }, 'user-presence'],
      [{ userVerified: false }, 'user-verification'],
      [{ algorithm: 'ES384' }, 'algorithm'],
    ];
    for (const [overrides, reason] of cases) {
      const h = harness();
      const { result } = await register(h, overrides);
      expect(result, reason).toEqual(refusedWith('PASSKEY_VERIFICATION_FAILED', reason));
    }
  });

  it('accepts a registration from the second configured origin', async () => {
    const h = harness();
    const { result } = await register(h, { origin: APP_ORIGIN });
    expect(result.ok && (result.data as unknown as PasskeyCredentialData).origin).toBe(APP_ORIGIN);
  });

  it('ACCEPTANCE 23: an already registered credential and an ID over 1023 bytes are refused', async () => {
    const h = harness();
    const first = await register(h);
    // Replaying the same attestation into a fresh ceremony (ignoring excludeCredentials).
    const ctx = context(h.storage);
    const begun = await h.factor.beginEnrollment(ctx, { existing: h.credentials });
    if ('ok' in begun) throw new Error('refused');
    expect(
      await h.factor.completeEnrollment(ctx, {
        pending: begun.pending,
        response: first.response,
        label: 'again',
        existing: h.credentials,
      }),
    ).toEqual(refusedWith('PASSKEY_ALREADY_REGISTERED', undefined, false));
    // The browser's own refusal (excludeCredentials matched): same code.
    const again = await h.factor.beginEnrollment(ctx, { existing: h.credentials });
    if ('ok' in again) throw new Error('refused');
    expect(
      await h.factor.completeEnrollment(ctx, {
        pending: again.pending,
        response: { error: { name: 'InvalidStateError' } },
        label: 'again',
        existing: h.credentials,
      }),
    ).toEqual(refusedWith('PASSKEY_ALREADY_REGISTERED', undefined, false));

    const long = harness();
    expect((await register(long, { credentialIdLength: 1023 })).result.ok).toBe(true);
    const tooLong = harness();
    expect((await register(tooLong, { credentialIdLength: 1024 })).result).toEqual(
      refusedWith('PASSKEY_RESPONSE_INVALID', 'credential-id-length', false),
    );
  });

  it('ACCEPTANCE 20: the challenge is consumed by the first attempt; a retry needs a new ceremony', async () => {
    const h = harness();
    const ctx = context(h.storage);
    const begun = await h.factor.beginEnrollment(ctx, { existing: [] });
    if ('ok' in begun) throw new Error('refused');
    const wrong = await h.authenticator.create(begun.client.options as never, {
      origin: 'https://evil.example',
    });
    expect(
      await h.factor.completeEnrollment(ctx, {
        pending: begun.pending,
        response: wrong,
        label: 'x',
        existing: [],
      }),
    ).toEqual(refusedWith('PASSKEY_VERIFICATION_FAILED', 'origin'));
    const right = await h.authenticator.create(begun.client.options as never, { origin: ORIGIN });
    expect(
      await h.factor.completeEnrollment(ctx, {
        pending: begun.pending,
        response: right,
        label: 'x',
        existing: [],
      }),
    ).toEqual(refusedWith('PASSKEY_CHALLENGE_EXPIRED', undefined, false));
  });

  it('a cancelled ceremony answers the manual\'s "try again" without counting', async () => {
    const h = harness();
    const ctx = context(h.storage);
    const begun = await h.factor.beginEnrollment(ctx, { existing: [] });
    if ('ok' in begun) throw new Error('refused');
    const result = (await h.factor.completeEnrollment(ctx, {
      pending: begun.pending,
      response: { error: { name: 'NotAllowedError', message: 'The operation either timed out' } },
      label: 'x',
      existing: [],
    })) as FactorFailure;
    expect(result).toEqual(refusedWith('PASSKEY_CANCELLED', undefined, false));
    expect(formatIssue({ code: result.code }, 'ja', undefined, [messages])).toContain(
      '「再試行してください」',
    );
    expect(
      await h.factor.completeEnrollment(ctx, {
        pending: begun.pending,
        response: { error: 'NotSupportedError' },
        label: 'x',
        existing: [],
      }),
    ).toEqual(refusedWith('PASSKEY_CLIENT_ERROR', undefined, false));
  });

  it('malformed answers are refused without throwing and without counting', async () => {
    const h = harness();
    for (const response of [
      null,
      'text',
      42,
      {},
      { id: 'a', rawId: 'b', type: 'public-key', response: {} },
      { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: '!!' } },
      {
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' },
      },
    ]) {
      const ctx = context(h.storage);
      const begun = await h.factor.beginEnrollment(ctx, { existing: [] });
      if ('ok' in begun) throw new Error('refused');
      const result = await h.factor.completeEnrollment(ctx, {
        pending: begun.pending,
        response,
        label: 'x',
        existing: [],
      });
      expect(result).toMatchObject({ ok: false, countsAsFailure: false });
    }
  });
});

// Every login test runs with both assertion verifiers (node:crypto and SimpleWebAuthn's own).
describe.each(['auto', 'simplewebauthn'] as const)(
  'authentication (assertionVerifier: %s)',
  (verifier) => {
    const harness = (options: SoftwareAuthenticatorOptions = {}) => makeHarness(options, verifier);
    it('offers the member passkeys in allowCredentials with UV required and persists the counter', async () => {
      const h = harness();
      await register(h);
      const { begun, result } = await login(h);
      if ('ok' in begun) throw new Error('refused');
      const options = begun.client.options as {
        rpId: string;
        userVerification: string;
        challenge: string;
        allowCredentials: { id: string; transports: string[] }[];
      };
      expect(options.rpId).toBe(RP_ID);
      expect(options.userVerification).toBe('required');
      expect(isoBase64URL.toBuffer(options.challenge)).toHaveLength(32);
      expect(options.allowCredentials).toEqual([
        { id: h.credentials[0]!.id, type: 'public-key', transports: ['hybrid', 'internal'] },
      ]);
      expect(result).toMatchObject({ ok: true, credentialId: h.credentials[0]!.id });
      expect(result.ok && (result.data as unknown as PasskeyCredentialData).counter).toBe(2);
    });

    it('ACCEPTANCE 22: wrong origin, RP ID, type, challenge, UP, UV, signature are refused; a second allowed origin is accepted', async () => {
      const cases: [Partial<SoftwareGetOverrides>, string][] = [
        [{ origin: 'https://evil.example' }, 'origin'],
        [{ rpId: 'evil.example' }, 'rp-id'],
        [{ type: 'webauthn.create' }, 'type'],
        [{ challenge: isoBase64URL.fromBuffer(new Uint8Array(32).fill(7)) }, 'challenge'],
        [{ userPresent: false }, 'user-presence'],
        [{ userVerified: false }, 'user-verification'],
        [{ corruptSignature: true }, 'signature'],
      ];
      for (const [overrides, reason] of cases) {
        const h = harness();
        await register(h);
        const { result } = await login(h, overrides);
        expect(result, reason).toEqual(refusedWith('PASSKEY_VERIFICATION_FAILED', reason));
      }
      const h = harness();
      await register(h);
      expect((await login(h, { origin: APP_ORIGIN })).result.ok).toBe(true);
    });

    it('ACCEPTANCE 20: a replayed response fails, both in the same ceremony and in a new one', async () => {
      const h = harness();
      await register(h);
      const first = await login(h);
      expect(first.result.ok).toBe(true);
      const replaySame = await h.factor.verifyChallenge(first.ctx, {
        pending: first.begun.pending as JsonObject,
        credentials: first.mine,
        response: first.response,
      });
      expect(replaySame).toEqual(refusedWith('PASSKEY_CHALLENGE_EXPIRED', undefined, false));
      const ctx = context(h.storage, { purpose: 'login' });
      const fresh = await h.factor.beginChallenge(ctx, { credentials: h.credentials });
      if ('ok' in fresh) throw new Error('refused');
      expect(
        await h.factor.verifyChallenge(ctx, {
          pending: fresh.pending,
          credentials: h.credentials,
          response: first.response,
        }),
      ).toEqual(refusedWith('PASSKEY_VERIFICATION_FAILED', 'challenge'));
    });

    it('ACCEPTANCE 20: a challenge is bound to its flow and purpose', async () => {
      const h = harness();
      await register(h);
      const loginCtx = context(h.storage, { purpose: 'login' });
      const begun = await h.factor.beginChallenge(loginCtx, { credentials: h.credentials });
      if ('ok' in begun) throw new Error('refused');
      const response = await h.authenticator.get(begun.client.options as never, { origin: ORIGIN });
      for (const other of [
        context(h.storage, { purpose: 'step-up' }),
        context(h.storage, { purpose: 'login', bindingId: 'flow-2' }),
      ]) {
        expect(
          await h.factor.verifyChallenge(other, {
            pending: begun.pending,
            credentials: h.credentials,
            response,
          }),
        ).toEqual(refusedWith('PASSKEY_CHALLENGE_EXPIRED', undefined, false));
      }
      expect(
        await h.factor.verifyChallenge(loginCtx, {
          pending: begun.pending,
          credentials: h.credentials,
          response,
        }),
      ).toMatchObject({ ok: true });
    });

    it('ACCEPTANCE 20: the challenge comes from the engine random source and expires', async () => {
      const h = harness();
      await register(h);
      const drawn: number[] = [];
      const random: RandomSource = {
        bytes(n) {
          drawn.push(n);
          return cryptoRandom.bytes(n);
        },
      };
      const ctx = context(h.storage, { purpose: 'login', random });
      const begun = await h.factor.beginChallenge(ctx, { credentials: h.credentials });
      if ('ok' in begun) throw new Error('refused');
      expect(drawn).toEqual([32]);
      const response = await h.authenticator.get(begun.client.options as never, { origin: ORIGIN });
      const late = { ...ctx, now: START + 300_001 };
      expect(
        await h.factor.verifyChallenge(late, {
          pending: begun.pending,
          credentials: h.credentials,
          response,
        }),
      ).toEqual(refusedWith('PASSKEY_CHALLENGE_EXPIRED', undefined, false));
    });

    it('ACCEPTANCE 23: not in allowCredentials, another member, mismatched user handle, too long are refused', async () => {
      const h = harness();
      await register(h, {}, { label: 'iPhone' });
      const other = createSoftwareAuthenticator();
      await register(h, {}, { authenticator: other, label: 'Android' });
      const [iphone, android] = h.credentials;
      // Challenge offered for the iPhone only; the Android answers.
      const ctx = context(h.storage, { purpose: 'login' });
      const begun = await h.factor.beginChallenge(ctx, {
        credentials: h.credentials,
        credentialId: iphone!.id,
      });
      if ('ok' in begun) throw new Error('refused');
      expect(
        (begun.client.options as { allowCredentials: unknown[] }).allowCredentials,
      ).toHaveLength(1);
      const fromAndroid = await other.get(begun.client.options as never, {
        origin: ORIGIN,
        credentialId: android!.id,
      });
      expect(
        await h.factor.verifyChallenge(ctx, {
          pending: begun.pending,
          credentials: h.credentials,
          response: fromAndroid,
        }),
      ).toEqual(refusedWith('PASSKEY_UNKNOWN_CREDENTIAL'));

      // Another member's passkey answering this member's challenge.
      const stranger = createSoftwareAuthenticator();
      await register(h, {}, { authenticator: stranger, accountId: 'acc-2', label: 'Pixel' });
      const foreign = h.credentials.find((c) => c.accountId === 'acc-2')!;
      const ctx2 = context(h.storage, { purpose: 'login' });
      const mine = h.credentials.filter((c) => c.accountId === 'acc-1');
      const begun2 = await h.factor.beginChallenge(ctx2, { credentials: mine });
      if ('ok' in begun2) throw new Error('refused');
      const fromStranger = await stranger.get(begun2.client.options as never, {
        origin: ORIGIN,
        credentialId: foreign.id,
      });
      expect(
        await h.factor.verifyChallenge(ctx2, {
          pending: begun2.pending,
          // Even if a caller passed every credential, the other member's is not accepted.
          credentials: [...mine, { ...foreign }],
          response: fromStranger,
        }),
      ).toEqual(refusedWith('PASSKEY_UNKNOWN_CREDENTIAL'));

      // Mismatched user handle.
      const handle = harness();
      await register(handle);
      expect(
        (await login(handle, { userHandle: isoBase64URL.fromBuffer(new Uint8Array(32).fill(1)) }))
          .result,
      ).toEqual(refusedWith('PASSKEY_VERIFICATION_FAILED', 'user-handle'));
      // An omitted user handle is allowed (non-discoverable credentials may not return one).
      expect((await login(handle, { userHandle: null })).result.ok).toBe(true);

      // A credential ID over 1023 bytes in an assertion.
      const long = harness();
      await register(long);
      const { result } = await login(long, {});
      expect(result.ok).toBe(true);
      const ctx3 = context(long.storage, { purpose: 'login' });
      const begun3 = await long.factor.beginChallenge(ctx3, { credentials: long.credentials });
      if ('ok' in begun3) throw new Error('refused');
      const assertion = await long.authenticator.get(begun3.client.options as never, {
        origin: ORIGIN,
      });
      const hugeId = isoBase64URL.fromBuffer(new Uint8Array(1024).fill(9));
      expect(
        await long.factor.verifyChallenge(ctx3, {
          pending: begun3.pending,
          credentials: long.credentials,
          response: { ...assertion, id: hugeId, rawId: hugeId },
        }),
      ).toEqual(refusedWith('PASSKEY_RESPONSE_INVALID', 'credential-id-length', false));
    });

    it('ACCEPTANCE 24: counter 5/5 refused, 0/0 accepted, new counter and backup state returned', async () => {
      const h = harness();
      await register(h, { signCount: 5 });
      expect((h.credentials[0]!.data as unknown as PasskeyCredentialData).counter).toBe(5);
      expect((await login(h, { signCount: 5 })).result).toEqual(
        refusedWith('PASSKEY_COUNTER_INVALID'),
      );
      expect((await login(h, { signCount: 4 })).result).toEqual(
        refusedWith('PASSKEY_COUNTER_INVALID'),
      );
      const ok = await login(h, { signCount: 6 });
      expect(ok.result.ok && (ok.result.data as unknown as PasskeyCredentialData).counter).toBe(6);

      const synced = harness({ counter: 'zero', backupEligible: true, backupState: false });
      await register(synced);
      const first = await login(synced, { backupState: true });
      expect(first.result).toMatchObject({ ok: true, data: { counter: 0, backedUp: true } });
      const [credential] = synced.credentials;
      credential!.data = first.result.ok ? first.result.data! : credential!.data;
      expect((await login(synced)).result).toMatchObject({ ok: true, data: { counter: 0 } });

      // Stored 0 and a counting authenticator: any positive counter is accepted and stored.
      const starts = harness({ counter: 'zero' });
      await register(starts);
      expect((await login(starts, { signCount: 1 })).result).toMatchObject({
        ok: true,
        data: { counter: 1 },
      });
    });

    it('ACCEPTANCE 24: verified false (a bad signature) is a failure that counts', async () => {
      const h = harness();
      await register(h);
      const { result } = await login(h, { corruptSignature: true });
      expect(result).toEqual(refusedWith('PASSKEY_VERIFICATION_FAILED', 'signature'));
    });

    it('refuses a challenge for a member without passkeys, and a cancelled login', async () => {
      const h = harness();
      expect(
        await h.factor.beginChallenge(context(h.storage, { purpose: 'login' }), {
          credentials: [],
        }),
      ).toEqual(refusedWith('PASSKEY_NOT_REGISTERED', undefined, false));
      await register(h);
      const ctx = context(h.storage, { purpose: 'login' });
      const begun = await h.factor.beginChallenge(ctx, { credentials: h.credentials });
      if ('ok' in begun) throw new Error('refused');
      expect(
        await h.factor.verifyChallenge(ctx, {
          pending: begun.pending,
          credentials: h.credentials,
          response: { error: { name: 'NotAllowedError' } },
        }),
      ).toEqual(refusedWith('PASSKEY_CANCELLED', undefined, false));
    });
  },
);

describe('messages', () => {
  it('has ja and en text for every code', async () => {
    const { WEBAUTHN_FAILURE_CODES } = await import('./codes.js');
    for (const code of WEBAUTHN_FAILURE_CODES) {
      expect(messages.ja[code], code).toBeTruthy();
      expect(messages.en[code], code).toBeTruthy();
    }
    expect(Object.keys(messages.ja).sort()).toEqual(Object.keys(messages.en).sort());
  });
});

describe('interoperability', () => {
  it('uses @simplewebauthn option shapes (generateRegistrationOptions accepts our user handle)', async () => {
    const options = await generateRegistrationOptions({
      rpName: 'x',
      rpID: RP_ID,
      userName: 'u',
      userID: new Uint8Array(32),
    });
    expect(isoBase64URL.toBuffer(options.user.id)).toHaveLength(32);
  });
});
