import { describe, expect, it } from 'vitest';
import { createKeyRing as create } from './keyRing.js';

const key = (fill: number) => new Uint8Array(32).fill(fill);
const iv = () => crypto.getRandomValues(new Uint8Array(12));
const secret = new TextEncoder().encode('12345678901234567890');

describe.each([
  ['node:crypto', undefined],
  ['WebCrypto', null],
] as const)('createKeyRing (opening through %s)', (_path, native) => {
  const createKeyRing = (entries: Parameters<typeof create>[0], caller: string) =>
    create(entries, caller, { native });

  it('seals with the first key and opens with any key of the ring, bound to its additional data', async () => {
    const old = createKeyRing([{ id: 'old', key: key(1) }], 't');
    const sealed = await old.seal(secret, 'account-a', iv());
    expect(sealed).toMatch(/^v1\.old\./);
    const ring = createKeyRing(
      [
        { id: 'new', key: key(2) },
        { id: 'old', key: key(1) },
      ],
      't',
    );
    expect(await ring.open(sealed, 'account-a')).toEqual({ plaintext: secret, keyId: 'old' });
    expect(await ring.open(sealed, 'account-b')).toBeNull();
    expect((await ring.seal(secret, 'x', iv())).startsWith('v1.new.')).toBe(true);
  });

  it('returns null for tampered, truncated or unknown-key values', async () => {
    const ring = createKeyRing([{ id: 'k', key: key(1) }], 't');
    const sealed = await ring.seal(secret, 'a', iv());
    const [v, id, nonce, body] = sealed.split('.') as [string, string, string, string];
    const flipped = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    for (const bad of [
      `${v}.${id}.${nonce}.${flipped}`,
      `${v}.${id}.${nonce}.${body.slice(0, 10)}`,
      `${v}.other.${nonce}.${body}`,
      `v2.${id}.${nonce}.${body}`,
      'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      '',
    ]) {
      expect(await ring.open(bad, 'a')).toBeNull();
    }
  });

  it('copies the keys: changing the caller array afterwards changes nothing', async () => {
    const bytes = key(5);
    const ring = createKeyRing([{ id: 'k', key: bytes }], 't');
    const sealed = await ring.seal(secret, 'a', iv());
    bytes.fill(0);
    expect(await ring.open(sealed, 'a')).not.toBeNull();
  });
});

it('opens the same secret through node:crypto and through WebCrypto', async () => {
  const sealed = await create([{ id: 'k', key: key(3) }], 't').seal(secret, 'aad', iv());
  const viaNode = await create([{ id: 'k', key: key(3) }], 't').open(sealed, 'aad');
  const viaWeb = await create([{ id: 'k', key: key(3) }], 't', { native: null }).open(
    sealed,
    'aad',
  );
  expect(viaNode).toEqual({ plaintext: secret, keyId: 'k' });
  expect(viaWeb).toEqual(viaNode);
});
