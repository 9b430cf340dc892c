import type { Locale } from '@monban/policy';
import type { MailMessage } from '../ports/mailer.js';
import { escapeHtml } from './escapeHtml.js';

/** Mails the engine sends itself. */
export type CoreMailKind = 'verify-email';

/** Data for a mail. */
export interface MailData {
  /** Tenant display name (sender and greeting). */
  tenantName: string;
  /** The link to open, built from the configured base URL. */
  link: string;
  /** Minutes the link stays valid. */
  validMinutes: number;
}

/** A mail template: returns subject, text and HTML for one locale. */
export type MailTemplate = (data: MailData, locale: Locale) => Omit<MailMessage, 'to' | 'tag'>;

const TEXT: Record<Locale, { subject: (d: MailData) => string; body: (d: MailData) => string[] }> =
  {
    ja: {
      subject: (d) => `【${d.tenantName}】メールアドレスの確認`,
      body: (d) => [
        `${d.tenantName}をご利用いただきありがとうございます。`,
        '以下のリンクを開いて、メールアドレスの確認を完了してください。',
        `リンクの有効期限は${d.validMinutes}分です。`,
        'リンクを開いた後、元の画面に戻って手続きを続けてください。',
        'このメールに心当たりがない場合は、破棄してください。',
      ],
    },
    en: {
      subject: (d) => `[${d.tenantName}] Confirm your email address`,
      body: (d) => [
        `Thank you for using ${d.tenantName}.`,
        'Open the link below to confirm your email address.',
        `The link is valid for ${d.validMinutes} minutes.`,
        'After opening it, return to the original screen to continue.',
        'If you did not request this, you can ignore this mail.',
      ],
    },
  };

/**
 * The built-in verify-email mail, with an HTML and a text part that both carry the link
 * (R-ADP-2). User data is escaped in the HTML part.
 *
 * @example
 * ```ts
 * const mail = renderVerifyEmailMail({ tenantName: '大和', link: 'https://portal.example/v?t=x', validMinutes: 60 }, 'ja');
 * mail.subject; // '【大和】メールアドレスの確認'
 * ```
 */
export const renderVerifyEmailMail: MailTemplate = (data, locale) => {
  const t = TEXT[locale] ?? TEXT.ja;
  const lines = t.body(data);
  const text = [...lines.slice(0, 2), '', data.link, '', ...lines.slice(2)].join('\n');
  const html = [
    '<!doctype html><html><body>',
    ...lines.slice(0, 2).map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(data.link)}">${escapeHtml(data.link)}</a></p>`,
    ...lines.slice(2).map((l) => `<p>${escapeHtml(l)}</p>`),
    '</body></html>',
  ].join('\n');
  return { subject: t.subject(data), text, html };
};
