import type { Locale } from '@monban/policy';
import type { MailMessage } from '../ports/mailer.js';
import { type MailParts, oneLine, renderLayout } from './internal/layout.js';
import { renderVerifyEmailMail } from './renderMail.js';

/** What every template receives. */
export interface BaseMailData {
  /** Tenant display name (greeting, subject prefix). */
  tenantName: string;
}

/**
 * The data of each mail, by kind. A notice's `at` is the moment already written for the reader:
 * in the tenant's time zone (`timeZone`, default Asia/Tokyo) and the mail's language, the zone
 * named (`2026年12月6日 12:30（日本時間）`).
 */
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
  /** Notification: a recovery code was used (R-REC-1); `remaining` codes are left. */
  recoveryCodeUsed: BaseMailData & { at: string; remaining: number };
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

type Parts = Omit<MailParts, 'subject'> & { subject: string };

/** Picks the locale's parts and renders them; every value put into a line goes through `oneLine`. */
function mail(locale: Locale, tenantName: string, parts: Record<Locale, Parts>) {
  return renderLayout(parts[locale] ?? parts.ja, tenantName, locale);
}

/** "If this was not you": whom to contact is the tenant, named. */
const notMe = {
  ja: (name: string) => `お心当たりがない場合は、${name}までお問い合わせください。`,
  en: (name: string) => `If this was not you, contact ${name}.`,
};

/**
 * The built-in templates, in Japanese (the wording of the source manuals where they show a mail)
 * and English. HTML and text parts both carry the link or code; user data is escaped in HTML and
 * kept on one line in text; subjects never contain CR/LF, even when the tenant name does.
 * Replace any of them with `createMonban({ mailTemplates })` or a factor's `template` option.
 *
 * @example
 * ```ts
 * const mail = defaultMailTemplates.passwordReset({ tenantName: '大和', link: 'https://p.example/r?t=x', validMinutes: 5 }, 'ja');
 * mail.subject; // '【大和】パスワードの再設定'
 * mail.text.includes('https://p.example/r?t=x'); // true
 * ```
 */
export const defaultMailTemplates: MailTemplates = {
  verifyEmail: renderVerifyEmailMail,

  // Seed 004 section 4 (5): 【KOSMOWeb】ワンタイムパスワードのお知らせ.
  emailOtp: (d, l) => {
    const name = oneLine(d.tenantName);
    return mail(l, name, {
      ja: {
        subject: `【${name}】ワンタイムパスワードのお知らせ`,
        intro: [`${name}にログインするためのワンタイムパスワード（6桁）です。`],
        code: d.code,
        outro: [
          `有効期限は${d.validMinutes}分です。画面に入力して「実行」を押してください。`,
          'ワンタイムパスワードは他の人に絶対に教えないでください。',
          `もし${name}にお心当たりがない場合は、このメールを破棄してください。`,
        ],
      },
      en: {
        subject: `[${name}] Your one-time code`,
        intro: [`Here is your 6-digit one-time code for signing in to ${name}.`],
        code: d.code,
        outro: [
          `It is valid for ${d.validMinutes} minutes. Enter it on the screen and press "Submit".`,
          'Never share this code with anyone.',
          `If you did not try to sign in to ${name}, you can ignore this mail.`,
        ],
      },
    });
  },

  passwordReset: (d, l) => {
    const name = oneLine(d.tenantName);
    return mail(l, name, {
      ja: {
        subject: `【${name}】パスワードの再設定`,
        intro: [
          'パスワードの再設定の依頼を受け付けました。以下のリンクを開いて、新しいパスワードを設定してください。',
        ],
        // Seed 002 ⑤: 「本文「パスワードをリセット」のリンクをタップします」.
        link: { url: d.link, label: 'パスワードをリセット' },
        outro: [
          `リンクの有効期限は${d.validMinutes}分です。リンクは一度だけ使用できます。`,
          '期限が切れた場合は、ログイン画面の「パスワードを忘れた方はこちら」からもう一度お手続きください。',
          notMe.ja(name),
        ],
      },
      en: {
        subject: `[${name}] Reset your password`,
        intro: [
          'We received a request to reset your password. Open the link below to set a new one.',
        ],
        link: { url: d.link, label: 'Reset password' },
        outro: [
          `The link is valid for ${d.validMinutes} minutes and works once.`,
          'If it has expired, start again from "Forgot your password?" on the sign-in screen.',
          notMe.en(name),
        ],
      },
    });
  },

  userIdReminder: (d, l) => {
    const name = oneLine(d.tenantName);
    const userId = oneLine(d.userId);
    return mail(l, name, {
      ja: {
        subject: `【${name}】ユーザIDのお知らせ`,
        intro: ['ユーザIDのお問い合わせを受け付けました。', `${name}のユーザIDは次のとおりです。`],
        code: userId,
        outro: [notMe.ja(name)],
      },
      en: {
        subject: `[${name}] Your user ID`,
        intro: ['We received a request for your user ID.', `Your user ID for ${name} is:`],
        code: userId,
        outro: [notMe.en(name)],
      },
    });
  },

  passwordChanged: (d, l) => {
    const name = oneLine(d.tenantName);
    const at = oneLine(d.at);
    return mail(l, name, {
      ja: {
        subject: `【${name}】パスワード変更のお知らせ`,
        intro: [`${at}に、${name}のパスワードが変更されました。`],
        outro: [notMe.ja(name)],
      },
      en: {
        subject: `[${name}] Your password was changed`,
        intro: [`Your ${name} password was changed at ${at}.`],
        outro: [notMe.en(name)],
      },
    });
  },

  emailChanged: (d, l) => {
    const name = oneLine(d.tenantName);
    const at = oneLine(d.at);
    const newEmail = oneLine(d.newEmail);
    return mail(l, name, {
      ja: {
        subject: `【${name}】メールアドレス変更のお知らせ`,
        intro: [
          `${at}に、${name}に登録されたメールアドレスが「${newEmail}」に変更されました。`,
          '今後のお知らせは新しいメールアドレスに送信されます。',
        ],
        outro: [notMe.ja(name)],
      },
      en: {
        subject: `[${name}] Your email address was changed`,
        intro: [
          `At ${at}, the email address registered with ${name} was changed to "${newEmail}".`,
          'Future mail will go to the new address.',
        ],
        outro: [notMe.en(name)],
      },
    });
  },

  userIdChanged: (d, l) => {
    const name = oneLine(d.tenantName);
    const at = oneLine(d.at);
    const userId = oneLine(d.userId);
    return mail(l, name, {
      ja: {
        subject: `【${name}】ユーザID変更のお知らせ`,
        intro: [
          `${at}に、${name}のユーザIDが「${userId}」に変更されました。`,
          '次回から新しいユーザIDでログインしてください。',
        ],
        outro: [notMe.ja(name)],
      },
      en: {
        subject: `[${name}] Your user ID was changed`,
        intro: [
          `At ${at}, your ${name} user ID was changed to "${userId}".`,
          'Sign in with the new user ID from now on.',
        ],
        outro: [notMe.en(name)],
      },
    });
  },

  factorAdded: (d, l) => {
    const name = oneLine(d.tenantName);
    const at = oneLine(d.at);
    const label = oneLine(d.label);
    return mail(l, name, {
      ja: {
        subject: `【${name}】認証方法の追加のお知らせ`,
        intro: [`${at}に、認証方法「${label}」が追加されました。`],
        outro: [notMe.ja(name)],
      },
      en: {
        subject: `[${name}] A sign-in method was added`,
        intro: [`The sign-in method "${label}" was added at ${at}.`],
        outro: [notMe.en(name)],
      },
    });
  },

  factorRemoved: (d, l) => {
    const name = oneLine(d.tenantName);
    const at = oneLine(d.at);
    const label = oneLine(d.label);
    return mail(l, name, {
      ja: {
        subject: `【${name}】認証方法の削除のお知らせ`,
        intro: [`${at}に、認証方法「${label}」が削除されました。`],
        outro: [notMe.ja(name)],
      },
      en: {
        subject: `[${name}] A sign-in method was removed`,
        intro: [`The sign-in method "${label}" was removed at ${at}.`],
        outro: [notMe.en(name)],
      },
    });
  },

  accountLocked: (d, l) => {
    const name = oneLine(d.tenantName);
    const at = oneLine(d.at);
    return mail(l, name, {
      ja: {
        subject: `【${name}】アカウントロックのお知らせ`,
        intro: [`${at}に、ログインの失敗が続いたため${name}のアカウントがロックされました。`],
        outro: [`ロックの解除については、${name}までお問い合わせください。`],
      },
      en: {
        subject: `[${name}] Your account was locked`,
        intro: [`Your ${name} account was locked at ${at} after repeated failed sign-ins.`],
        outro: [`To unlock it, contact ${name}.`],
      },
    });
  },

  recoveryCodeUsed: (d, l) => {
    const name = oneLine(d.tenantName);
    const at = oneLine(d.at);
    const remaining = Math.max(0, Math.trunc(Number(d.remaining) || 0));
    const few = remaining <= 2;
    return mail(l, name, {
      ja: {
        subject: few
          ? `【${name}】リカバリーコードの残りが${remaining}個になりました`
          : `【${name}】リカバリーコードが使用されました`,
        intro: [
          `${at}に、リカバリーコードが1つ使用されました。未使用のコードは残り${remaining}個です。`,
          ...(few
            ? [
                'ログイン後、「設定」の「リカバリーコード」から新しいコードを発行し、安全な場所に保管してください。',
              ]
            : []),
        ],
        outro: [notMe.ja(name)],
      },
      en: {
        subject: few
          ? `[${name}] Only ${remaining} recovery code${remaining === 1 ? '' : 's'} left`
          : `[${name}] A recovery code was used`,
        intro: [
          `A recovery code was used at ${at}. You have ${remaining} unused code${remaining === 1 ? '' : 's'} left.`,
          ...(few
            ? [
                'After signing in, generate new codes under Settings, Recovery codes, and keep them somewhere safe.',
              ]
            : []),
        ],
        outro: [notMe.en(name)],
      },
    });
  },
};
