import { describe, expect, it } from 'vitest';
import { defaultMailTemplates, type MailDataByKind, type MailKind } from './templates.js';

const EVIL = 'Evil\r\nBcc: victim@example.com <script>alert(1)</script>';
const LINK = 'https://portal.example.jp/auth/reset?token=abcDEF123_-x&lang=ja';

/** Sample data for every kind; `secret` is what both parts must carry (link, code or ID). */
const samples: { [K in MailKind]: { data: MailDataByKind[K]; secret?: string; user?: string } } = {
  verifyEmail: { data: { tenantName: EVIL, link: LINK, validMinutes: 60 }, secret: LINK },
  emailOtp: { data: { tenantName: EVIL, code: '012345', validMinutes: 5 }, secret: '012345' },
  passwordReset: { data: { tenantName: EVIL, link: LINK, validMinutes: 5 }, secret: LINK },
  userIdReminder: {
    data: { tenantName: EVIL, userId: 'taro<b>01' },
    secret: 'taro<b>01',
    user: 'taro<b>01',
  },
  passwordChanged: { data: { tenantName: EVIL, at: '2026-04-01 09:00' } },
  emailChanged: {
    data: { tenantName: EVIL, newEmail: 'new"<img src=x>@example.jp', at: '2026-04-01 09:00' },
    user: 'new"<img src=x>@example.jp',
  },
  userIdChanged: {
    data: { tenantName: EVIL, userId: 'hanako<i>', at: '2026-04-01 09:00' },
    user: 'hanako<i>',
  },
  factorAdded: {
    data: { tenantName: EVIL, label: '<script>x()</script>iPhone', at: '2026-04-01 09:00' },
    user: '<script>x()</script>iPhone',
  },
  factorRemoved: {
    data: { tenantName: EVIL, label: 'Pixel & "Co"', at: '2026-04-01 09:00' },
    user: 'Pixel & "Co"',
  },
  accountLocked: { data: { tenantName: EVIL, at: '2026-04-01 09:00' } },
  recoveryCodeUsed: { data: { tenantName: EVIL, at: '2026-04-01 09:00', remaining: 2 } },
};

const kinds = Object.keys(samples) as MailKind[];

describe('defaultMailTemplates', () => {
  it('has a template for every kind', () => {
    expect(Object.keys(defaultMailTemplates).sort()).toEqual([...kinds].sort());
  });

  for (const kind of kinds) {
    for (const locale of ['ja', 'en'] as const) {
      describe(`${kind} (${locale})`, () => {
        const sample = samples[kind];
        const render = defaultMailTemplates[kind] as (
          d: unknown,
          l: 'ja' | 'en',
        ) => { subject: string; text: string; html: string };
        const mail = render(sample.data, locale);

        it('has a one-line subject even when the tenant name carries CR/LF', () => {
          expect(mail.subject).not.toMatch(/[\r\n]/);
          expect(mail.subject.length).toBeGreaterThan(0);
          expect(mail.subject).toContain('Evil Bcc: victim@example.com');
        });

        it('is written in the requested language', () => {
          if (locale === 'ja') expect(mail.text).toMatch(/[ぁ-んァ-ン]/);
          else expect(mail.text).not.toMatch(/[ぁ-んァ-ン]/);
        });

        it('escapes user data in the HTML part', () => {
          expect(mail.html).not.toContain('<script>');
          expect(mail.html).toContain('&lt;script&gt;');
          if (sample.user !== undefined) {
            expect(mail.html).not.toContain(sample.user);
            expect(mail.text).toContain(sample.user);
          }
        });

        if (sample.secret !== undefined) {
          const secret = sample.secret;
          it('carries the link or code in both parts', () => {
            expect(mail.text).toContain(secret);
            const escaped = secret
              .replace(/&/g, '&amp;')
              .replace(/</g, '&lt;')
              .replace(/>/g, '&gt;');
            expect(mail.html).toContain(escaped);
            if (secret.startsWith('https://')) {
              expect(mail.html).toContain(`href="${escaped}"`);
              // The URL stands on its own line in text, so mail clients make it clickable.
              expect(mail.text.split('\n')).toContain(secret);
            }
          });
        }
      });
    }
  }

  it('uses the manuals’ wording for the one-time code mail', () => {
    const mail = defaultMailTemplates.emailOtp(
      { tenantName: 'KOSMOWeb', code: '995867', validMinutes: 5 },
      'ja',
    );
    expect(mail.subject).toBe('【KOSMOWeb】ワンタイムパスワードのお知らせ');
    expect(mail.text).toContain('KOSMOWebにログインするためのワンタイムパスワード');
    expect(mail.text).toContain('有効期限は5分です');
  });

  it('keeps user data on one line in the text part (no injected lines)', () => {
    const mail = defaultMailTemplates.factorAdded(
      { tenantName: '大和', label: 'phone\nClick https://evil.example', at: 'now' },
      'ja',
    );
    expect(mail.text.split('\n').some((l) => l.startsWith('Click'))).toBe(false);
  });

  it('never turns a non-web link into a clickable href', () => {
    const mail = defaultMailTemplates.passwordReset(
      { tenantName: '大和', link: 'javascript:alert(1)', validMinutes: 5 },
      'en',
    );
    expect(mail.html).not.toContain('href="javascript:');
    expect(mail.text).toContain('javascript:alert(1)');
  });
});
