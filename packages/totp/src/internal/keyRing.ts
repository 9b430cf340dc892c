/**
 * The application key ring: AES-256-GCM through WebCrypto (opening through `node:crypto` where
 * the runtime offers it without a static import: a TOTP login opens one secret, and a WebCrypto
 * job costs about ten times the CPU for one this short). A sealed value is the string
 * `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url), so the key that sealed it is known and older
 * keys keep opening it after a rotation. Additional authenticated data binds each sealed secret
 * to where it belongs (tenant, account, flow), so a blob copied elsewhere does not open.
 * @module
 */
import { builtinNodeCrypto } from '@monban/core/internal';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';

/** One application key. */
export interface KeyRingEntry {
  /** Stable identifier stored with every ciphertext (1-64 of `A-Z a-z 0-9 _ -`). */
  id: string;
  /** 32 random bytes (AES-256). */
  key: Uint8Array;
}

/** Opens and seals secrets; the first key seals. */
export interface KeyRing {
  /** ID of the key that seals. */
  readonly currentId: string;
  /** Encrypts `plaintext` under the current key. */
  seal(plaintext: Uint8Array, aad: string, iv: Uint8Array): Promise<string>;
  /** Decrypts a sealed value, or `null` when it is malformed, forged, bound elsewhere or its key is unknown. */
  open(sealed: string, aad: string): Promise<{ plaintext: Uint8Array; keyId: string } | null>;
  /** The key ID a sealed value names, or `null` when malformed. */
  keyIdOf(sealed: string): string | null;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Unpadded base64url to bytes; `null` for padding, any other character or a bad length. */
function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.includes('=')) return null;
  try {
    // A fresh array over its own ArrayBuffer, as WebCrypto wants.
    return decodeBase64urlIgnorePadding(text) as Uint8Array<ArrayBuffer>;
  } catch {
    return null;
  }
}

/** The part of `node:crypto` used to open secrets. */
export interface NativeAesGcm {
  createDecipheriv(
    algorithm: 'aes-256-gcm',
    key: Uint8Array,
    iv: Uint8Array,
    options: { authTagLength: 16 },
  ): {
    setAAD(aad: Uint8Array): unknown;
    setAuthTag(tag: Uint8Array): unknown;
    update(data: Uint8Array): Uint8Array;
    final(): Uint8Array;
  };
}

/** `node:crypto` (`process.getBuiltinModule`), or `null` where the runtime has none. */
const nodeCrypto: NativeAesGcm | null = builtinNodeCrypto<NativeAesGcm>('createDecipheriv') ?? null;
const encoder = new TextEncoder();

/**
 * Validates the entries (throws `TypeError` on a caller mistake) and returns a key ring whose
 * imported `CryptoKey`s are cached.
 */
export function createKeyRing(
  entries: readonly KeyRingEntry[],
  caller: string,
  options: { native?: NativeAesGcm | null } = {},
): KeyRing {
  const native = options.native === undefined ? nodeCrypto : options.native;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new TypeError(`${caller}: options.keys must be a non-empty array of { id, key }`);
  }
  const raw = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const entry of entries) {
    if (
      typeof entry !== 'object' ||
      entry === null ||
      typeof entry.id !== 'string' ||
      !KEY_ID.test(entry.id)
    ) {
      throw new TypeError(`${caller}: every key needs an id of 1-64 characters A-Z a-z 0-9 _ -`);
    }
    if (!(entry.key instanceof Uint8Array) || entry.key.length !== 32) {
      throw new TypeError(
        `${caller}: key "${entry.id}" must be a Uint8Array of 32 bytes (AES-256)`,
      );
    }
    if (raw.has(entry.id)) throw new TypeError(`${caller}: key id "${entry.id}" appears twice`);
    // A copy: later changes to the caller's array do not change the ring.
    raw.set(entry.id, new Uint8Array(entry.key));
  }
  const currentId = (entries[0] as KeyRingEntry).id;
  const imported = new Map<string, Promise<CryptoKey>>();
  const cryptoKey = (id: string): Promise<CryptoKey> | null => {
    let key = imported.get(id);
    if (key === undefined) {
      const bytes = raw.get(id);
      if (bytes === undefined) return null;
      key = crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
      imported.set(id, key);
    }
    return key;
  };
  const parse = (sealed: string) => {
    if (typeof sealed !== 'string') return null;
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== 'v1') return null;
    return { keyId: parts[1] as string, iv: parts[2] as string, body: parts[3] as string };
  };
  return {
    currentId,
    async seal(plaintext, aad, iv) {
      const key = cryptoKey(currentId) as Promise<CryptoKey>;
      const body = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: new Uint8Array(iv), additionalData: encoder.encode(aad) },
        await key,
        new Uint8Array(plaintext),
      );
      const sealedIv = encodeBase64urlNoPadding(iv);
      return `v1.${currentId}.${sealedIv}.${encodeBase64urlNoPadding(new Uint8Array(body))}`;
    },
    async open(sealed, aad) {
      const parsed = parse(sealed);
      if (parsed === null) return null;
      const key = cryptoKey(parsed.keyId);
      const iv = fromBase64url(parsed.iv);
      const body = fromBase64url(parsed.body);
      if (key === null || iv === null || iv.length !== 12 || body === null || body.length < 16) {
        return null;
      }
      try {
        if (native !== null) {
          const decipher = native.createDecipheriv(
            'aes-256-gcm',
            raw.get(parsed.keyId) as Uint8Array,
            iv,
            { authTagLength: 16 },
          );
          decipher.setAAD(encoder.encode(aad));
          decipher.setAuthTag(body.subarray(body.length - 16));
          const head = decipher.update(body.subarray(0, body.length - 16));
          const tail = decipher.final(); // throws when the tag does not verify
          const plaintext = new Uint8Array(head.length + tail.length);
          plaintext.set(head);
          plaintext.set(tail, head.length);
          head.fill(0);
          return { plaintext, keyId: parsed.keyId };
        }
        const plaintext = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv, additionalData: encoder.encode(aad) },
          await key,
          body,
        );
        return { plaintext: new Uint8Array(plaintext), keyId: parsed.keyId };
      } catch {
        return null;
      }
    },
    keyIdOf(sealed) {
      return parse(sealed)?.keyId ?? null;
    },
  };
}
