/**
 * The node:crypto assertion verifier against SimpleWebAuthn's `verifyAuthenticationResponse`:
 * the same verdict on genuine answers, on answers altered one field at a time (ACCEPTANCE 22,
 * 24) and on randomly corrupted ones, for every key type it covers.
 */
import * as nodeCrypto from 'node:crypto';
import {
  createSoftwareAuthenticator,
  type SoftwareAuthenticator,
  type SoftwareAuthenticatorAlgorithm,
  type SoftwareAuthenticatorOptions,
  type SoftwareGetOverrides,
} from '@monban/test-utils';
import {
  type AuthenticationResponseJSON,
  generateRegistrationOptions,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AssertionExpectations,
  type AssertionKey,
  type AssertionVerdict,
  createNodeAssertionVerifier,
  KEY_CACHE_LIMIT,
  type NodeCryptoForAssertions,
  verifyWithSimpleWebAuthn,
} from '../src/internal/assertion.js';

const RP_ID = 'portal.example.jp';
const ORIGIN = 'https://portal.example.jp';
const APP_ORIGIN = 'https://app.portal.example.jp';
const ALGORITHMS: readonly SoftwareAuthenticatorAlgorithm[] = ['ES256', 'ES384', 'RS256', 'EdDSA'];

const verifyNatively = createNodeAssertionVerifier(
  nodeCrypto as unknown as NodeCryptoForAssertions,
);

interface Enrolled {
  authenticator: SoftwareAuthenticator;
  key: AssertionKey;
}

async function enroll(
  algorithm: SoftwareAuthenticatorAlgorithm,
  options: SoftwareAuthenticatorOptions = {},
): Promise<Enrolled> {
  const authenticator = createSoftwareAuthenticator({ algorithm, ...options });
  const creation = await generateRegistrationOptions({
    rpName: 'Monban',
    rpID: RP_ID,
    userName: 'taro01',
    supportedAlgorithmIDs: [-8, -7, -35, -257],
    authenticatorSelection: { userVerification: 'required' },
  });
  const registration = await authenticator.create(creation as never, { origin: ORIGIN });
  const verified = await verifyRegistrationResponse({
    response: registration as never,
    expectedChallenge: creation.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    supportedAlgorithmIDs: [-8, -7, -35, -257],
  });
  if (!verified.verified) throw new Error(`registration of ${algorithm} failed`);
  const credential = verified.registrationInfo.credential;
  return {
    authenticator,
    key: {
      credentialId: credential.id,
      publicKey: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
    },
  };
}

async function answer(
  enrolled: Enrolled,
  overrides: Partial<SoftwareGetOverrides> = {},
): Promise<{ response: AuthenticationResponseJSON; expected: AssertionExpectations }> {
  const challenge = isoBase64URL.fromBuffer(nodeCrypto.randomBytes(32));
  const response = await enrolled.authenticator.get(
    { challenge, rpId: RP_ID, allowCredentials: [{ id: enrolled.key.credentialId }] },
    { origin: ORIGIN, ...overrides },
  );
  return {
    response: response as unknown as AuthenticationResponseJSON,
    expected: { challenge, origins: [ORIGIN, APP_ORIGIN], rpId: RP_ID },
  };
}

/** Both verdicts; the node:crypto verifier must cover the key. */
async function both(
  response: AuthenticationResponseJSON,
  expected: AssertionExpectations,
  key: AssertionKey,
): Promise<{ native: AssertionVerdict; library: AssertionVerdict }> {
  const native = verifyNatively(response, expected, key);
  if (native === undefined) throw new Error('the node:crypto verifier does not cover this key');
  return { native, library: await verifyWithSimpleWebAuthn(response, expected, key) };
}

describe('node:crypto assertion verifier: same verdicts as verifyAuthenticationResponse', () => {
  it.each(ALGORITHMS)(
    'accepts a genuine %s assertion with the new counter and backup state',
    async (algorithm) => {
      const enrolled = await enroll(algorithm, { backupEligible: true, backupState: true });
      const { response, expected } = await answer(enrolled);
      const { native, library } = await both(response, expected, enrolled.key);
      // The registration signed with counter 1.
      expect(native).toEqual({ verified: true, newCounter: 2, backedUp: true });
      expect(library).toEqual(native);
    },
  );

  it.each(ALGORITHMS)(
    'ACCEPTANCE 22/24: %s answers altered one field at a time',
    async (algorithm) => {
      const enrolled = await enroll(algorithm);
      const cases: [string, Partial<SoftwareGetOverrides>, boolean][] = [
        ['second origin', { origin: APP_ORIGIN }, true],
        ['foreign origin', { origin: 'https://evil.example' }, false],
        ['foreign RP ID', { rpId: 'evil.example' }, false],
        ['type webauthn.create', { type: 'webauthn.create' }, false],
        [
          'other challenge',
          { challenge: isoBase64URL.fromBuffer(new Uint8Array(32).fill(7)) },
          false,
        ],
        ['cross-origin without a top origin', { crossOrigin: true }, true],
        [
          'cross-origin from another top origin',
          { crossOrigin: true, topOrigin: 'https://evil.example' },
          false,
        ],
        ['top origin without cross-origin', { topOrigin: ORIGIN }, false],
        ['no user presence', { userPresent: false }, false],
        ['no user verification', { userVerified: false }, false],
        ['backed up without backup eligibility', { backupState: true }, false],
        ['corrupted signature', { corruptSignature: true }, false],
        ['no user handle', { userHandle: null }, true],
      ];
      for (const [name, overrides, accepted] of cases) {
        const { response, expected } = await answer(enrolled, overrides);
        const { native, library } = await both(response, expected, enrolled.key);
        expect(native.verified, name).toBe(accepted);
        expect(library, name).toEqual(native);
      }
    },
  );

  it.each(ALGORITHMS)(
    'ACCEPTANCE 24: %s counters (5/5 refused, 5/6 accepted, 0/0 accepted)',
    async (algorithm) => {
      const counting = await enroll(algorithm);
      const stored = { ...counting.key, counter: 5 };
      for (const [signCount, accepted] of [
        [5, false],
        [4, false],
        [6, true],
      ] as const) {
        const { response, expected } = await answer(counting, { signCount });
        const { native, library } = await both(response, expected, stored);
        expect(native.verified, `5/${signCount}`).toBe(accepted);
        expect(library).toEqual(native);
      }
      const synced = await enroll(algorithm, { counter: 'zero' });
      const { response, expected } = await answer(synced);
      const { native, library } = await both(response, expected, synced.key);
      expect(native).toEqual({ verified: true, newCounter: 0, backedUp: false });
      expect(library).toEqual(native);
    },
  );

  it('refuses an assertion checked with another credential key, as SimpleWebAuthn does', async () => {
    const signer = await enroll('ES256');
    const other = await enroll('ES256');
    const { response, expected } = await answer(signer);
    const { native, library } = await both(response, expected, other.key);
    expect(native).toEqual({ verified: false, reason: 'signature' });
    expect(library).toEqual(native);
  });

  it('leaves keys it does not cover to SimpleWebAuthn (undefined), and refuses malformed ones', async () => {
    const enrolled = await enroll('ES256');
    const { response, expected } = await answer(enrolled);
    // A COSE OKP key with an algorithm other than EdDSA: SimpleWebAuthn's own rules decide.
    const okpWithEs256 = isoBase64URL.fromBuffer(
      new Uint8Array([
        0xa4,
        0x01,
        0x01,
        0x03,
        0x26,
        0x20,
        0x06,
        0x21,
        0x58,
        0x20,
        ...new Uint8Array(32),
      ]),
    );
    expect(verifyNatively(response, expected, { ...enrolled.key, publicKey: okpWithEs256 })).toBe(
      undefined,
    );
    for (const publicKey of ['AAAA', isoBase64URL.fromBuffer(new Uint8Array([0xa1, 0x01, 0x02]))]) {
      const { native, library } = await both(response, expected, { ...enrolled.key, publicKey });
      expect(native, publicKey).toEqual({ verified: false, reason: 'other' });
      expect(library.verified, publicKey).toBe(false);
    }
  });

  it('imports each key once, keeps at most the cache limit and imports again after eviction', async () => {
    let imports = 0;
    const counting: NodeCryptoForAssertions = {
      createHash: (algorithm) => nodeCrypto.createHash(algorithm),
      createPublicKey: (key) => {
        imports++;
        return nodeCrypto.createPublicKey(key);
      },
      verify: (algorithm, data, key, signature) =>
        nodeCrypto.verify(algorithm, data, key as nodeCrypto.KeyObject, signature),
    };
    const verifier = createNodeAssertionVerifier(counting, 2);
    expect(KEY_CACHE_LIMIT).toBe(10_000);
    const [a, b, c] = await Promise.all([enroll('ES256'), enroll('EdDSA'), enroll('RS256')]);
    const verify = async (enrolled: Enrolled, counter: number) => {
      const { response, expected } = await answer(enrolled);
      return verifier(response, expected, { ...enrolled.key, counter })?.verified;
    };
    expect(await verify(a!, 0)).toBe(true);
    expect(await verify(a!, 1)).toBe(true);
    expect(imports).toBe(1);
    expect(await verify(b!, 0)).toBe(true);
    expect(imports).toBe(2);
    expect(await verify(c!, 0)).toBe(true); // evicts a's key
    expect(imports).toBe(3);
    expect(await verify(a!, 2)).toBe(true);
    expect(imports).toBe(4);
  });

  it('client data the browsers never send: token binding, non-object JSON, extra members', async () => {
    // Signed here with an ES256 key, so any clientDataJSON can carry a valid signature.
    const { privateKey, publicKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = new Uint8Array([
      0xa5,
      0x01,
      0x02,
      0x03,
      0x26,
      0x20,
      0x01,
      0x21,
      0x58,
      0x20,
      ...isoBase64URL.toBuffer(jwk.x ?? ''),
      0x22,
      0x58,
      0x20,
      ...isoBase64URL.toBuffer(jwk.y ?? ''),
    ]);
    const key: AssertionKey = {
      credentialId: 'AQID',
      publicKey: isoBase64URL.fromBuffer(cose),
      counter: 0,
    };
    const rpIdHash = nodeCrypto.createHash('sha256').update(RP_ID).digest();
    const authData = new Uint8Array([...rpIdHash, 0x05, 0, 0, 0, 7]);
    const challenge = isoBase64URL.fromBuffer(new Uint8Array(32).fill(1));
    const expected = { challenge, origins: [ORIGIN], rpId: RP_ID };
    const signed = (clientData: string): AuthenticationResponseJSON => {
      const clientDataJSON = new TextEncoder().encode(clientData);
      const hash = nodeCrypto.createHash('sha256').update(clientDataJSON).digest();
      const signature = nodeCrypto.sign('sha256', Buffer.concat([authData, hash]), privateKey);
      return {
        id: 'AQID',
        rawId: 'AQID',
        type: 'public-key',
        clientExtensionResults: {},
        response: {
          clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
          authenticatorData: isoBase64URL.fromBuffer(authData),
          signature: isoBase64URL.fromBuffer(new Uint8Array(signature)),
        },
      };
    };
    const base = { type: 'webauthn.get', challenge, origin: ORIGIN };
    const cases: [string, string, boolean][] = [
      ['plain', JSON.stringify(base), true],
      [
        'token binding present',
        JSON.stringify({ ...base, tokenBinding: { status: 'present', id: 'x' } }),
        true,
      ],
      [
        'token binding unknown status',
        JSON.stringify({ ...base, tokenBinding: { status: 'bogus' } }),
        false,
      ],
      ['token binding not an object', JSON.stringify({ ...base, tokenBinding: 'present' }), false],
      ['extra members', JSON.stringify({ ...base, other_keys_can_be_added_here: 'x' }), true],
      [
        'cross-origin false with a top origin',
        JSON.stringify({ ...base, crossOrigin: false, topOrigin: ORIGIN }),
        false,
      ],
      ['JSON null', 'null', false],
      ['JSON array', '[]', false],
      ['JSON number', '7', false],
      ['not JSON', '{', false],
    ];
    for (const [name, clientData, accepted] of cases) {
      const { native, library } = await both(signed(clientData), expected, key);
      expect(native.verified, name).toBe(accepted);
      expect(library, name).toEqual(native);
    }
  });

  it('ECDSA signatures in non-canonical DER get the same verdict from both (parsed as SimpleWebAuthn does)', async () => {
    for (const algorithm of ['ES256', 'ES384'] as const) {
      const enrolled = await enroll(algorithm);
      const { response, expected } = await answer(enrolled);
      const der: Uint8Array = isoBase64URL.toBuffer(response.response.signature);
      const bodyStart = der[1] === 0x81 ? 3 : 2;
      const body = der.subarray(bodyStart);
      const r = body.subarray(2, 2 + (body[1] ?? 0));
      const s = body.subarray(4 + r.length);
      const integer = (bytes: Uint8Array) => [0x02, bytes.length, ...bytes];
      const sequence = (content: number[], longForm = false) =>
        new Uint8Array(
          longForm || content.length >= 0x80
            ? [0x30, 0x81, content.length, ...content]
            : [0x30, content.length, ...content],
        );
      const variants: [string, Uint8Array][] = [
        ['canonical, rebuilt', sequence([...integer(r), ...integer(s)])],
        ['long-form sequence length', sequence([...integer(r), ...integer(s)], true)],
        [
          'extra leading zero in r',
          sequence([...integer(new Uint8Array([0, ...r])), ...integer(s)]),
        ],
        [
          'two extra leading zeros in s',
          sequence([...integer(r), ...integer(new Uint8Array([0, 0, ...s]))]),
        ],
        [
          'trailing byte after the sequence',
          new Uint8Array([...sequence([...integer(r), ...integer(s)]), 0]),
        ],
        [
          'sequence length one too long',
          (() => {
            const v = sequence([...integer(r), ...integer(s)]);
            v[v[1] === 0x81 ? 2 : 1]! += 1;
            return v;
          })(),
        ],
        ['r and s swapped', sequence([...integer(s), ...integer(r)])],
        [
          'raw r || s instead of DER',
          new Uint8Array([...r.subarray(r[0] === 0 ? 1 : 0), ...s.subarray(s[0] === 0 ? 1 : 0)]),
        ],
      ];
      const verdicts: Record<string, boolean> = {};
      for (const [name, signature] of variants) {
        const altered = {
          ...response,
          response: {
            ...response.response,
            signature: isoBase64URL.fromBuffer(signature as Uint8Array<ArrayBuffer>),
          },
        };
        const { native, library } = await both(altered, expected, enrolled.key);
        expect(native.verified, `${algorithm}: ${name}`).toBe(library.verified);
        verdicts[name] = native.verified;
      }
      // SimpleWebAuthn's ASN.1 parser takes a long-form length and a trailing byte; so does this
      // verifier (its fallback path), and both refuse the rest.
      expect(verdicts).toEqual({
        'canonical, rebuilt': true,
        'long-form sequence length': true,
        'extra leading zero in r': false,
        'two extra leading zeros in s': false,
        'trailing byte after the sequence': true,
        'sequence length one too long': false,
        'r and s swapped': false,
        'raw r || s instead of DER': false,
      });
      const rebuilt = {
        ...response,
        response: {
          ...response.response,
          signature: isoBase64URL.fromBuffer(variants[0]![1] as Uint8Array<ArrayBuffer>),
        },
      };
      expect((await both(rebuilt, expected, enrolled.key)).native.verified).toBe(true);
    }
  });

  it('refuses answers of an unexpected shape without throwing, as the SimpleWebAuthn path does', async () => {
    const enrolled = await enroll('ES256');
    const { expected } = await answer(enrolled);
    for (const response of [
      null,
      7,
      'text',
      [],
      { id: 'AQID', rawId: 'AQID', type: 'public-key' },
    ]) {
      expect(
        verifyNatively(response as never, expected, enrolled.key),
        JSON.stringify(response),
      ).toEqual({
        verified: false,
        reason: 'other',
      });
      expect(
        (await verifyWithSimpleWebAuthn(response as never, expected, enrolled.key)).verified,
      ).toBe(false);
    }
  });

  it('randomly corrupted answers and stored records get the same verdict from both', async () => {
    const pool = await Promise.all(
      ALGORITHMS.map(async (algorithm) => {
        const enrolled = await enroll(algorithm, { backupEligible: true });
        const answers = [];
        for (let i = 0; i < 3; i++) answers.push(await answer(enrolled));
        return { enrolled, answers };
      }),
    );
    const field = fc.constantFrom('clientDataJSON', 'authenticatorData', 'signature', 'userHandle');
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), field, at: fc.nat(), bit: fc.nat(7) }),
      fc.record({ kind: fc.constant('replace' as const), field, value: fc.anything() }),
      fc.record({
        kind: fc.constant('top' as const),
        name: fc.constantFrom('id', 'rawId', 'type', 'response'),
        value: fc.oneof(fc.string(), fc.constant(undefined), fc.integer()),
      }),
      fc.record({ kind: fc.constant('counter' as const), counter: fc.nat(3) }),
      fc.record({ kind: fc.constant('key' as const), at: fc.nat(), bit: fc.nat(7) }),
      fc.record({
        kind: fc.constant('origin' as const),
        origins: fc.array(fc.webUrl(), { maxLength: 2 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(ALGORITHMS.length - 1), fc.nat(2), mutation, async (a, n, m) => {
        const { enrolled, answers } = pool[a]!;
        const original = answers[n]!;
        const response = structuredClone(original.response) as unknown as Record<string, unknown>;
        const inner = response.response as Record<string, unknown>;
        let expected = original.expected;
        let key = enrolled.key;
        const flip = (text: string, at: number, bit: number) => {
          const bytes = isoBase64URL.toBuffer(text);
          if (bytes.length > 0) bytes[at % bytes.length]! ^= 1 << bit;
          return isoBase64URL.fromBuffer(bytes);
        };
        if (m.kind === 'flip') {
          const current = inner[m.field];
          if (typeof current === 'string') inner[m.field] = flip(current, m.at, m.bit);
        } else if (m.kind === 'replace') {
          inner[m.field] = m.value;
        } else if (m.kind === 'top') {
          response[m.name] = m.value;
        } else if (m.kind === 'counter') {
          key = { ...key, counter: m.counter };
        } else if (m.kind === 'key') {
          key = { ...key, publicKey: flip(key.publicKey, m.at, m.bit) };
        } else {
          expected = { ...expected, origins: m.origins };
        }
        const native = verifyNatively(response as never, expected, key);
        const library = await verifyWithSimpleWebAuthn(response as never, expected, key);
        if (native === undefined) return; // a corrupted key now names another algorithm
        expect(native.verified).toBe(library.verified);
        if (native.verified) expect(library).toEqual(native);
      }),
      // Two signature verifications a run: 300 runs take about 1.5 s on a quiet core; on a busy
      // machine the shared time budget (vitest.setup.ts) stops it early instead of timing out.
      { numRuns: 300 },
    );
  });
});
