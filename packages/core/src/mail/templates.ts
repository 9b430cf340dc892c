import type { Locale } from '@monban/policy';
import type { MailMessage } from '../ports/mailer.js';
import { escapeHtml } from './escapeHtml.js';
import { renderVerifyEmailMail } from './renderMail.js';

/** What every template receives. */
export interface BaseMailData {
  /** Tenant display name (greeting, subject prefix). */
  tenantName: string;
}

/** Data of each mail the engine and the factors send. */
export interface MailDataByKind {
  /** Email verification link (R-ENR-2, change of email). */
  verifyEmail: BaseMailData & { link: string; validMinutes: number };
  /** Email one-time code (R-LOG-4). */
  emailOtp: BaseMailData & { code: string; validMinutes: number };
  /** Password reset link (R-SET-4). */
  passwordReset: BaseMailData & { link: string; validMinutes: number };
  /** Forgot user ID: the ID, mailed only to the registered address (R-SET-5). */
  userIdReminder: BaseMailData & { userId: string };
  /** Notification: the password was changed. */
  passwordChanged: BaseMailData & { at: string };
  /** Notification to the old address: the email was changed. */
  emailChanged: BaseMailData & { newEmail: string; at: string };
  /** Notification: the user ID was changed. */
  userIdChanged: BaseMailData & { userId: string; at: string };
  /** Notification: a device or passkey was added. */
  factorAdded: BaseMailData & { label: string; at: string };
  /** Notification: a device or passkey was removed. */
  factorRemoved: BaseMailData & { label: string; at: string };
  /** Notification: the account was locked. */
  accountLocked: BaseMailData & { at: string };
}

/** A mail kind. */
export type MailKind = keyof MailDataByKind;

/** A template for one kind: subject, text and HTML for a locale. Subjects must not contain CR/LF. */
export type TemplateFor<K extends MailKind> = (
  data: MailDataByKind[K],
  locale: Locale,
) => Omit<MailMessage, 'to' | 'tag'>;

/** Every template. An application can override any of them through `createMonban({ mailTemplates })`. */
export type MailTemplates = { [K in MailKind]: TemplateFor<K> };

type Lines = { subject: string; lines: string[]; link?: string; code?: string };

function render({ subject, lines, link, code }: Lines): Omit<MailMessage, 'to' | 'tag'> {
  const text = [
    ...lines,
    ...(code === undefined ? [] : ['', code]),
    ...(link === undefined ? [] : ['', link]),
  ].join('\n');
  const html = [
    '<!doctype html><html><body>',
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    ...(code === undefined
      ? []
      : [`<p style="font-size:24px;letter-spacing:4px"><b>${escapeHtml(code)}</b></p>`]),
    ...(link === undefined ? [] : [`<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`]),
    '</body></html>',
  ].join('\n');
  return { subject: subject.replace(/[\r\n]+/g, ' '), text, html };
}

const ignore = {
  ja: 'お心当たりがない場合は、ご加入の健保組合までお問い合わせください。',
  en: 'If this was not you, contact your health insurance society.',
};

/**
 * The built-in templates, in Japanese and English; HTML and text parts both carry the link or
 * code, and user data is escaped in HTML.
 *
 * @example
 * ```ts
 * const mail = defaultMailTemplates.passwordReset({ tenantName: '大和', link: 'https://p.example/r?t=x', validMinutes: 5 }, 'ja');
 * ```
 */
export const defaultMailTemplates: MailTemplates = {
  verifyEmail: renderVerifyEmailMail,
  emailOtp: (d, l) =>
    render(
      l === 'en'
        ? {
            subject: `[${d.tenantName}] Your one-time code`,
            lines: [
              `Your one-time code for ${d.tenantName} is below.`,
              `It is valid for ${d.validMinutes} minutes. Never share it with anyone.`,
            ],
            code: d.code,
          }
        : {
            subject: `【${d.tenantName}】ワンタイムパスワードのお知らせ`,
            lines: [
              `${d.tenantName}のワンタイムパスワードは以下のとおりです。`,
              `有効期限は${d.validMinutes}分です。他の人には絶対に教えないでください。`,
            ],
            code: d.code,
          },
    ),
  passwordReset: (d, l) =>
    render(
      l === 'en'
        ? {
            subject: `[${d.tenantName}] Reset your password`,
            lines: [
              'Open the link below to reset your password.',
              `The link is valid for ${d.validMinutes} minutes and works once.`,
              ignore.en,
            ],
            link: d.link,
          }
        : {
            subject: `【${d.tenantName}】パスワードのリセット`,
            lines: [
              '以下のリンクを開いて、パスワードをリセットしてください。',
              `リンクの有効時間は${d.validMinutes}分です。一度だけ使用できます。`,
              ignore.ja,
            ],
            link: d.link,
          },
    ),
  userIdReminder: (d, l) =>
    render(
      l === 'en'
        ? {
            subject: `[${d.tenantName}] Your user ID`,
            lines: [`Your user ID for ${d.tenantName} is: ${d.userId}`, ignore.en],
          }
        : {
            subject: `【${d.tenantName}】ユーザIDのお知らせ`,
            lines: [`${d.tenantName}のユーザIDは「${d.userId}」です。`, ignore.ja],
          },
    ),
  passwordChanged: (d, l) =>
    render(
      l === 'en'
        ? {
            subject: `[${d.tenantName}] Your password was changed`,
            lines: [`Your password was changed at ${d.at}.`, ignore.en],
          }
        : {
            subject: `【${d.tenantName}】パスワード変更のお知らせ`,
            lines: [`${d.at}にパスワードが変更されました。`, ignore.ja],
          },
    ),
  emailChanged: (d, l) =>
    render(
      l === 'en'
        ? {
            subject: `[${d.tenantName}] Your email address was changed`,
            lines: [`Your email address was changed to ${d.newEmail} at ${d.at}.`, ignore.en],
          }
        : {
            subject: `【${d.tenantName}】メールアドレス変更のお知らせ`,
            lines: [`${d.at}にメールアドレスが${d.newEmail}に変更されました。`, ignore.ja],
          },
    ),
  userIdChanged: (d, l) =>
    render(
      l === 'en'
        ? {
            subject: `[${d.tenantName}] Your user ID was changed`,
            lines: [`Your user ID was changed to ${d.userId} at ${d.at}.`, ignore.en],
          }
        : {
            subject: `【${d.tenantName}】ユーザID変更のお知らせ`,
            lines: [`${d.at}にユーザIDが「${d.userId}」に変更されました。`, ignore.ja],
          },
    ),
  factorAdded: (d, l) =>
    render(
      l === 'en'
        ? {
            subject: `[${d.tenantName}] A sign-in device was added`,
            lines: [`The device "${d.label}" was added at ${d.at}.`, ignore.en],
          }
        : {
            subject: `【${d.tenantName}】認証デバイス追加のお知らせ`,
            lines: [`${d.at}に認証デバイス「${d.label}」が追加されました。`, ignore.ja],
          },
    ),
  factorRemoved: (d, l) =>
    render(
      l === 'en'
        ? {
            subject: `[${d.tenantName}] A sign-in device was removed`,
            lines: [`The device "${d.label}" was removed at ${d.at}.`, ignore.en],
          }
        : {
            subject: `【${d.tenantName}】認証デバイス削除のお知らせ`,
            lines: [`${d.at}に認証デバイス「${d.label}」が削除されました。`, ignore.ja],
          },
    ),
  accountLocked: (d, l) =>
    render(
      l === 'en'
        ? {
            subject: `[${d.tenantName}] Your account was locked`,
            lines: [
              `Your account was locked at ${d.at} after repeated failed sign-ins.`,
              'Contact your health insurance society.',
            ],
          }
        : {
            subject: `【${d.tenantName}】アカウントロックのお知らせ`,
            lines: [
              `${d.at}に、ログインの失敗が続いたためアカウントがロックされました。`,
              'ご加入の健保組合までお問い合わせください。',
            ],
          },
    ),
};
