/**
 * Interoperability with real clients: codes computed by `oathtool` (Debian package `oathtool`,
 * the OATH Toolkit, an implementation independent of this package) are accepted, and the QR PNG
 * decoded by `zbarimg` (Debian `zbar-tools`) equals the key URI byte for byte. Both tools are
 * installed by `.ci/run`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '@monban/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createTotpFactor } from '../src/index.js';
import { credentialWith, KEY_1, makeContext } from './support/context.js';

const dir = mkdtempSync(join(tmpdir(), 'monban-totp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function oathtool(secret: string, timestampMs: number): string {
  const when = new Date(timestampMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return execFileSync('oathtool', ['--totp', '-b', secret, '--now', when], {
    encoding: 'utf8',
  }).trim();
}

function zbarimg(dataUrl: string, name: string): string {
  const file = join(dir, `${name}.png`);
  writeFileSync(file, Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
  // --raw prints the payload only; zbar adds one trailing newline.
  return execFileSync('zbarimg', ['--raw', '-q', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).replace(/\n$/, '');
}

const FIXED_TIMES = [
  Date.UTC(2026, 3, 1, 9, 0, 0),
  Date.UTC(2026, 3, 1, 9, 0, 29),
  Date.UTC(2030, 11, 31, 23, 59, 59),
];

describe('oathtool', () => {
  it.each(FIXED_TIMES)('codes for a generated secret at %i are accepted', async (time) => {
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const enrollAt = makeContext({ now: time - 300_000 });
    const begun = await factor.beginEnrollment(enrollAt, { existing: [] });
    // The member types the key shown under "can't scan?" into the app.
    const secret = String(begun.client.manualKey).replaceAll(' ', '');
    const done = await factor.completeEnrollment(enrollAt, {
      pending: begun.pending,
      response: oathtool(secret, enrollAt.now),
      label: 'iPhone',
      existing: [],
    });
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    const context = makeContext({ now: time, purpose: 'login' });
    const result = await factor.verifyChallenge(context, {
      pending: { credentialId: 'c1' },
      credentials: [credentialWith(done.data as JsonObject)],
      response: oathtool(secret, time),
    });
    expect(result).toMatchObject({ ok: true, data: { driftSeconds: 0 } });
  });

  it('agrees with the RFC 6238 seed at 1111111109 s (oathtool prints 081804)', () => {
    expect(oathtool('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1111111109_000)).toBe('081804');
  });
});

describe('zbarimg', () => {
  it.each([
    ['daiwa', '大和証券グループ健康保険組合'],
    ['latin', 'GS Yuasa Health Insurance Society'],
  ])('decodes the QR PNG (%s issuer) to the exact key URI', async (name, displayName) => {
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const context = makeContext({ tenant: { id: 'daiwa', displayName } });
    const begun = await factor.beginEnrollment(context, { existing: [] });
    const uri = String(begun.client.uri);
    expect(zbarimg(String(begun.client.qrDataUrl), name)).toBe(uri);
    expect(decodeURIComponent(new URL(uri).searchParams.get('issuer') ?? '')).toBe(displayName);
  });

  it('renders the PNG at 6 px per module, large enough for a phone camera', async () => {
    const factor = createTotpFactor({ keys: [{ id: 'k1', key: KEY_1 }] });
    const begun = await factor.beginEnrollment(makeContext(), { existing: [] });
    const png = Buffer.from(String(begun.client.qrDataUrl).split(',')[1] ?? '', 'base64');
    // PNG IHDR width, quiet zone included.
    const width = png.readUInt32BE(16);
    expect(width).toBeGreaterThanOrEqual(300);
    expect(width % 6).toBe(0);
  });
});
