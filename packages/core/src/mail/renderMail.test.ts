import { describe, expect, it } from 'vitest';
import { renderVerifyEmailMail } from './renderMail.js';

describe('renderVerifyEmailMail', () => {
  const link = 'https://portal.example.jp/auth/verify-email?token=abc_DEF-123';

  it('offers the 「メールアドレスの確認」 button in HTML and the bare URL in text (seed 004 §7)', () => {
    const mail = renderVerifyEmailMail({ tenantName: '近畿電子', link, validMinutes: 60 }, 'ja');
    expect(mail.subject).toBe('【近畿電子】メールアドレスの確認');
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.html).toContain('>メールアドレスの確認</a>');
    expect(mail.text.split('\n')).toContain(link);
    expect(mail.text).toContain('元の画面に戻り');
  });

  it('writes English for en and strips CR/LF from the subject', () => {
    const mail = renderVerifyEmailMail(
      { tenantName: 'A\r\nBcc: x@y', link, validMinutes: 30 },
      'en',
    );
    expect(mail.subject).toBe('[A Bcc: x@y] Confirm your email address');
    expect(mail.text).toContain('valid for 30 minutes');
  });

  it('escapes the tenant name in HTML', () => {
    const mail = renderVerifyEmailMail(
      { tenantName: '<script>alert(1)</script>', link, validMinutes: 60 },
      'ja',
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
