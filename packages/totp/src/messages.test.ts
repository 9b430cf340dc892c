import { formatIssue } from '@monban/policy';
import { describe, expect, it } from 'vitest';
import { TOTP_FAILURE_CODES } from './codes.js';
import { messages } from './messages.js';

describe('messages', () => {
  it('has a Japanese and an English text for every code', () => {
    for (const code of [...TOTP_FAILURE_CODES, 'CODE_INVALID']) {
      expect(messages.ja[code], code).toBeTruthy();
      expect(messages.en[code], code).toBeTruthy();
    }
    expect(Object.keys(messages.ja).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it('uses the manual wording: 「認証コードが異なります」 and the 30-second hint', () => {
    expect(messages.ja.CODE_INVALID).toContain('認証コードが異なります');
    expect(messages.ja.CODE_INVALID).toContain('30秒ごとに切り替わります');
    expect(messages.en.CODE_INVALID).toContain('The code is incorrect');
  });

  it.each([
    ['ja', 'ahead', '約90秒進んでいる'],
    ['ja', 'behind', '約60秒遅れている'],
    ['en', 'ahead', 'about 90 seconds fast'],
    ['en', 'behind', 'about 60 seconds slow'],
  ] as const)('renders TOTP_CLOCK_SKEW in %s (%s) with the FAQ advice', (locale, reason, text) => {
    const seconds = reason === 'ahead' ? 90 : 60;
    const rendered = formatIssue(
      { code: 'TOTP_CLOCK_SKEW', reason, seconds, skewSeconds: reason === 'ahead' ? 90 : -60 },
      locale,
      undefined,
      [messages],
    );
    expect(rendered).toContain(text);
    expect(rendered).toMatch(locale === 'ja' ? /日付と時刻の自動設定/ : /automatic date and time/);
  });
});
