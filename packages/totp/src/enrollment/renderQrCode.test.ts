import { describe, expect, it } from 'vitest';
import { renderQrCode } from './renderQrCode.js';

describe('renderQrCode', () => {
  it('returns an SVG document and a PNG data URL (decoded by zbarimg in test/qr.test.ts)', async () => {
    const { svg, dataUrl } = await renderQrCode(
      'otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    );
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* width="320" height="320"/,
    );
    expect(dataUrl.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true);
  });

  it('throws TypeError for empty text', async () => {
    await expect(renderQrCode('')).rejects.toThrow(TypeError);
  });
});
