import { describe, expect, it } from 'vitest';
import { createSoftwareAuthenticator } from './createSoftwareAuthenticator.js';
import { ecdsaRawToDer, fromBase64Url } from './encoding.js';

const creation = {
  challenge: 'Y2hhbGxlbmdlLWNoYWxsZW5nZS1jaGFsbGVuZ2UtMzI',
  rp: { id: 'portal.example.jp', name: 'Example' },
  user: { id: 'dXNlci1oYW5kbGU', name: 'taro', displayName: 'taro' },
  pubKeyCredParams: [{ alg: -7, type: 'public-key' }],
};
const origin = 'https://portal.example.jp';

async function sha256(text: string) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

describe('createSoftwareAuthenticator', () => {
  it('registers with a none attestation whose authenticator data has the RP ID hash, flags and counter', async () => {
    const authenticator = createSoftwareAuthenticator({ backupEligible: true, backupState: true });
    const response = await authenticator.create(creation, { origin });
    const authData = fromBase64Url(response.response.authenticatorData);
    expect(authData.subarray(0, 32)).toEqual(await sha256('portal.example.jp'));
    // UP | UV | BE | BS | AT
    expect(authData[32]).toBe(0x01 | 0x04 | 0x08 | 0x10 | 0x40);
    expect(Array.from(authData.subarray(33, 37))).toEqual([0, 0, 0, 1]);
    expect((authData[53]! << 8) | authData[54]!).toBe(32);
    expect(response.id).toBe(response.rawId);
    expect(fromBase64Url(response.id)).toHaveLength(32);
    const clientData = JSON.parse(
      new TextDecoder().decode(fromBase64Url(response.response.clientDataJSON)),
    );
    expect(clientData).toEqual({
      type: 'webauthn.create',
      challenge: creation.challenge,
      origin,
      crossOrigin: false,
    });
    // CBOR map of three entries starting with "fmt": "none".
    expect(Array.from(fromBase64Url(response.response.attestationObject).subarray(0, 9))).toEqual([
      0xa3, 0x63, 0x66, 0x6d, 0x74, 0x64, 0x6e, 0x6f, 0x6e,
    ]);
  });

  it('signs assertions over authenticatorData || SHA-256(clientDataJSON) and counts up', async () => {
    const authenticator = createSoftwareAuthenticator();
    await authenticator.create(creation, { origin });
    const request = { challenge: 'AAAA', rpId: 'portal.example.jp' };
    const first = await authenticator.get(request, { origin });
    const second = await authenticator.get(request, { origin, userVerified: false });
    expect(fromBase64Url(first.response.authenticatorData)[32]).toBe(0x05);
    expect(fromBase64Url(second.response.authenticatorData)[32]).toBe(0x01);
    expect(fromBase64Url(second.response.authenticatorData)[36]).toBe(3);
    expect(first.response.userHandle).toBe(creation.user.id);
    expect(fromBase64Url(first.response.signature)[0]).toBe(0x30); // DER SEQUENCE
    expect(authenticator.credentials()[0]?.signCount).toBe(3);
  });

  it('refuses excluded credentials and algorithms the RP does not list, like a browser', async () => {
    const authenticator = createSoftwareAuthenticator({ algorithm: 'RS256' });
    await expect(authenticator.create(creation, { origin })).rejects.toThrow(/RS256/);
    const es = createSoftwareAuthenticator();
    const created = await es.create(creation, { origin });
    await expect(
      es.create({ ...creation, excludeCredentials: [{ id: created.id }] }, { origin }),
    ).rejects.toMatchObject({ name: 'InvalidStateError' });
    await expect(
      es.get({ challenge: 'AAAA', allowCredentials: [{ id: 'other' }] }, { origin }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('converts P1363 ECDSA signatures to DER with sign padding', () => {
    const raw = new Uint8Array(64);
    raw[0] = 0x80; // r needs a leading zero
    raw[63] = 0x01; // s is 1 after stripping zeros
    const der = ecdsaRawToDer(raw);
    expect(Array.from(der.subarray(0, 5))).toEqual([0x30, 2 + 33 + 3, 0x02, 33, 0x00]);
    expect(Array.from(der.subarray(-3))).toEqual([0x02, 1, 1]);
  });
});
