import { TOTP, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { buildKeyUri } from './buildKeyUri.js';

const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('buildKeyUri', () => {
  it('writes the Key Uri Format with a percent-encoded Japanese issuer that parses back', () => {
    const uri = buildKeyUri({ issuer: '大和証券グループ健康保険組合', account: 'taro01', secret });
    expect(uri).toBe(
      'otpauth://totp/%E5%A4%A7%E5%92%8C%E8%A8%BC%E5%88%B8%E3%82%B0%E3%83%AB%E3%83%BC%E3%83%97%E5%81%A5%E5%BA%B7%E4%BF%9D%E9%99%BA%E7%B5%84%E5%90%88:taro01' +
        '?issuer=%E5%A4%A7%E5%92%8C%E8%A8%BC%E5%88%B8%E3%82%B0%E3%83%AB%E3%83%BC%E3%83%97%E5%81%A5%E5%BA%B7%E4%BF%9D%E9%99%BA%E7%B5%84%E5%90%88' +
        `&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    const parsed = URI.parse(uri) as TOTP;
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed.issuer).toBe('大和証券グループ健康保険組合');
    expect(parsed.label).toBe('taro01');
    expect(parsed.secret.base32).toBe(secret);
  });

  it('encodes label characters such as @ and spaces', () => {
    const uri = buildKeyUri({ issuer: 'GS Yuasa 健保', account: 'taro@example.jp', secret });
    expect(
      uri.startsWith('otpauth://totp/GS%20Yuasa%20%E5%81%A5%E4%BF%9D:taro%40example.jp?'),
    ).toBe(true);
  });

  it.each([
    { issuer: '', account: 'a', secret },
    { issuer: 'A:B', account: 'a', secret },
    { issuer: 'A', account: 'a', secret: 'GEZDGNBV' },
    { issuer: 'A', account: 'a', secret: `${secret}====` },
    { issuer: 'A', account: 'a', secret, digits: 5 },
    { issuer: 'A', account: 'a', secret, algorithm: 'MD5' },
  ])('throws TypeError for %j', (input) => {
    expect(() => buildKeyUri(input as Parameters<typeof buildKeyUri>[0])).toThrow(TypeError);
  });
});
