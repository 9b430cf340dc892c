// Customize messages and mail templates (ja/en). The docs build runs this file.
import { createArgon2Hasher } from '@monban/argon2';
import {
  createMonban,
  defaultMailTemplates,
  escapeHtml,
  type MailTemplates,
  type TemplateFor,
} from '@monban/core';
import { createMemoryStorage } from '@monban/memory';
import { formatIssue, presets, validatePassword } from '@monban/policy';
import { createTotpFactor } from '@monban/totp';

// 1. Validation messages without the engine: every failure at once, in the member's language.
const result = validatePassword('testuser01', { userId: 'TestUser01' }, presets.jsw);
if (!result.ok) {
  for (const issue of result.issues) console.log(issue.code, '|', formatIssue(issue, 'ja'));
}

// 2. A mail template of your own (HTML escaped with escapeHtml), in both languages.
const verifyEmail: TemplateFor<'verifyEmail'> = (data, locale) => {
  const subject =
    locale === 'ja'
      ? `【${data.tenantName}】メールアドレスの確認`
      : `[${data.tenantName}] Confirm your email address`;
  const lead =
    locale === 'ja'
      ? `${data.validMinutes}分以内に次のリンクを開いてください。`
      : `Open this link within ${data.validMinutes} minutes.`;
  return {
    subject,
    text: `${lead}\n${data.link}\n`,
    html: `<p>${escapeHtml(lead)}</p><p><a href="${escapeHtml(data.link)}">${escapeHtml(data.link)}</a></p>`,
  };
};
const mailTemplates: Partial<MailTemplates> = { verifyEmail };

// 3. Engine messages: override any code per locale; the rest keep the built-in texts.
const monban = createMonban({
  tenants: [{ id: 'jsw', displayName: '日本製鋼所健康保険組合', preset: 'jsw', factors: ['totp'] }],
  storage: createMemoryStorage(), // testing and development only
  hasher: createArgon2Hasher(),
  mailer: { send: async () => {} },
  factors: [
    createTotpFactor({ keys: [{ id: 'k1', key: crypto.getRandomValues(new Uint8Array(32)) }] }),
  ],
  links: { baseUrl: 'https://portal.example.jp/auth' },
  messages: {
    ja: {
      INVALID_CREDENTIALS: 'ユーザIDまたはパスワードが違います。健保組合へお問い合わせください。',
    },
    en: { INVALID_CREDENTIALS: 'Wrong user ID or password. Please contact your insurer.' },
  },
  mailTemplates,
});
const login = await monban.login({ tenantId: 'jsw', userId: 'nobody123', password: 'Wrong-1234' });
if (!login.ok) {
  console.log(login.error.code, '|', monban.formatError(login.error, 'ja'));
  console.log(login.error.code, '|', monban.formatError(login.error, 'en'));
}
const mail = verifyEmail(
  {
    tenantName: '日本製鋼所健康保険組合',
    link: 'https://portal.example.jp/auth/verify-email?token=abc',
    validMinutes: 60,
  },
  'en',
);
console.log(mail.subject);
// The built-in template, for comparison:
const builtIn = {
  tenantName: '日本製鋼所健康保険組合',
  link: 'https://portal.example.jp/auth/verify-email?token=abc',
  validMinutes: 60,
};
console.log(defaultMailTemplates.verifyEmail(builtIn, 'ja').subject);
