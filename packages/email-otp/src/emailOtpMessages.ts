import type { Locale, MessageCatalog } from '@monban/policy';

const ja: MessageCatalog = {
  // Seed 004 §4 (5): 「受信したワンタイムパスワードを入力してください。」「メールが届かない場合は再送信を選択してください」
  'CODE_INVALID.email-otp':
    'ワンタイムパスワードが異なります。メールに記載された6桁の数字を入力してください。',
  'CODE_EXPIRED.email-otp':
    'ワンタイムパスワードの有効期限が切れています。「再送信」を押して、新しいワンタイムパスワードを受け取ってください。',
  'TOO_MANY_ATTEMPTS.email-otp':
    'ワンタイムパスワードの入力に続けて失敗しました。「再送信」を押して、新しいワンタイムパスワードを受け取ってください。',
  'RATE_LIMITED.email-otp':
    'ワンタイムパスワードは送信済みです。メールが届かない場合は、{retryAfterSeconds}秒後に「再送信」を押してください。',
  'MAIL_UNAVAILABLE.email-otp':
    'ワンタイムパスワードのメールを送信できませんでした。しばらくしてから「再送信」を押してください。',
};

const en: MessageCatalog = {
  'CODE_INVALID.email-otp': 'The one-time code is incorrect. Enter the 6 digits from the mail.',
  'CODE_EXPIRED.email-otp': 'The one-time code has expired. Press "Resend" to get a new one.',
  'TOO_MANY_ATTEMPTS.email-otp': 'Too many wrong codes. Press "Resend" to get a new one-time code.',
  'RATE_LIMITED.email-otp':
    'A code was just sent. If the mail does not arrive, press "Resend" in {retryAfterSeconds} seconds.',
  'MAIL_UNAVAILABLE.email-otp':
    'The mail with your one-time code could not be sent. Please press "Resend" a little later.',
};

/**
 * Messages for the email one-time code, in Japanese (the manuals' 「再送信」 wording) and
 * English. Every refusal of the factor carries `params.reason === 'email-otp'`, and the keys here
 * are reason-specific (`CODE_INVALID.email-otp`), so these texts never replace the TOTP wording of
 * the same codes. The factor exposes them as `factor.messages`; pass them to
 * `createMonban({ messages: emailOtpMessages })` to make them win over core's generic texts.
 *
 * @example
 * ```ts
 * import { emailOtpMessages } from '@monban/email-otp';
 *
 * emailOtpMessages.ja['CODE_EXPIRED.email-otp']; // 'ワンタイムパスワードの有効期限が切れています。…'
 * ```
 */
export const emailOtpMessages: Readonly<Record<Locale, MessageCatalog>> = Object.freeze({
  ja: Object.freeze(ja),
  en: Object.freeze(en),
});
