import type { Locale } from '@monban/policy';
import type { MailMessage } from '../ports/mailer.js';
import { oneLine, renderLayout } from './internal/layout.js';

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

/**
 * The built-in verify-email mail (R-ENR-2, seeds 001 [6] and 004 section 7), with an HTML part
 * whose 「メールアドレスの確認」 button opens the link and a text part that carries the bare URL, so
 * text-only mail readers can finish too. User data is escaped in HTML; the subject has no CR/LF.
 *
 * @example
 * ```ts
 * const mail = renderVerifyEmailMail({ tenantName: '大和', link: 'https://portal.example/v?t=x', validMinutes: 60 }, 'ja');
 * mail.subject; // '【大和】メールアドレスの確認'
 * mail.text.includes('https://portal.example/v?t=x'); // true
 * ```
 */
export const renderVerifyEmailMail: MailTemplate = (data, locale) => {
  const name = oneLine(data.tenantName);
  return renderLayout(
    locale === 'en'
      ? {
          subject: `[${name}] Confirm your email address`,
          intro: [
            `Thank you for using ${name}.`,
            'Open the link below to confirm your email address.',
          ],
          link: { url: data.link, label: 'Confirm email address' },
          outro: [
            `The link is valid for ${data.validMinutes} minutes.`,
            'After opening it, return to the original screen and refresh it to continue.',
            'If you did not request this, you can ignore this mail.',
          ],
        }
      : {
          subject: `【${name}】メールアドレスの確認`,
          intro: [
            `${name}をご利用いただきありがとうございます。`,
            '以下の「メールアドレスの確認」を開いて、メールアドレスの確認を完了してください。',
          ],
          link: { url: data.link, label: 'メールアドレスの確認' },
          outro: [
            `リンクの有効期限は${data.validMinutes}分です。`,
            '確認が終わりましたら、元の画面に戻り、画面を更新して手続きを続けてください。',
            'このメールにお心当たりがない場合は、破棄してください。',
          ],
        },
    name,
    locale,
  );
};
