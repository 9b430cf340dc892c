import { deepFreeze } from './internal/freeze.js';
import type { IssueCode } from './issueCodes.js';
import type { Locale, MessageCatalog } from './types.js';

const PASSWORD_SYMBOLS = '!"#$%&\'()=~|`{+*}<>?_-^\\@[;:],./';

/** Japanese texts follow the manuals in `seeds/` word for word where they have one. */
const ja: Record<IssueCode, string> & Record<string, string> = {
  // One spelling on every screen: the reference manual (seed 002) and the portal's screens write
  // ユーザID; seed 004's rules write ユーザーID and are quoted below in that one respect changed.
  USER_ID_REQUIRED: 'ユーザIDを入力してください。',
  // seeds/004 「ユーザIDは、数字・英字の組合せで8文字以上、13文字以内で入力します。」
  USER_ID_TOO_SHORT:
    'ユーザIDは、数字・英字の組合せで{min}文字以上、{max}文字以内で入力してください。',
  USER_ID_TOO_LONG:
    'ユーザIDは、数字・英字の組合せで{min}文字以上、{max}文字以内で入力してください。',
  // seeds/004 「以下の文字はユーザIDに利用できません：」 and the 利用可能文字 table.
  USER_ID_INVALID_CHARACTER:
    '以下の文字はユーザIDに利用できません：{characters}。利用可能文字は半角英数字と記号 -（ハイフン） _（アンダーバー） .（ドット） @（アットマーク）です。',
  PASSWORD_REQUIRED: 'パスワードを入力してください。',
  // seeds/002 「パスワードは 8文字以上で入力してください。」
  PASSWORD_TOO_SHORT: 'パスワードは{min}文字以上で入力してください。',
  // seeds/002 「パスワードの最大文字数 64文字」
  PASSWORD_TOO_LONG: 'パスワードの最大文字数は{max}文字です。',
  // seeds/002 利用可能文字「半角英数字 !"#$%&'()=~|`{+*}<>?_-^\@[;:],./」
  PASSWORD_INVALID_CHARACTER: `パスワードに利用できない文字が含まれています：{characters}。利用可能文字は半角英数字と記号 ${PASSWORD_SYMBOLS} です。`,
  // The manuals' 「¥」 is a Japanese keyboard's backslash key; a phone types a real yen sign.
  'PASSWORD_INVALID_CHARACTER.yen-sign': `パスワードに利用できない文字が含まれています：{characters}。記号の「¥」は、半角の「\\」（バックスラッシュ）で入力してください（パソコンの日本語キーボードでは「¥」キー、スマートフォンでは英字キーボードの記号から入力できます）。利用可能文字は半角英数字と記号 ${PASSWORD_SYMBOLS} です。`,
  // seeds/001 「半角英大小数字記号から最低1文字ずつ使用」
  PASSWORD_MISSING_UPPERCASE: 'パスワードには半角英大文字を最低1文字使用してください。',
  PASSWORD_MISSING_LOWERCASE: 'パスワードには半角英小文字を最低1文字使用してください。',
  PASSWORD_MISSING_DIGIT: 'パスワードには半角数字を最低1文字使用してください。',
  PASSWORD_MISSING_SYMBOL: `パスワードには記号（${PASSWORD_SYMBOLS}）を最低1文字使用してください。`,
  // seeds/002 Q7 「なおパスワードはユーザ IDと同じ文字列の設定は、禁止しております。」
  PASSWORD_EQUALS_USER_ID: 'パスワードはユーザIDと同じ文字列の設定は、禁止しております。',
  // seeds/003 「ログインIDを含むパスワードは登録できません。」
  PASSWORD_CONTAINS_USER_ID: 'ログインIDを含むパスワードは登録できません。',
  // seeds/002 「更新するパスワードは、現在ご使用中のパスワードでは更新できません。」
  PASSWORD_SAME_AS_CURRENT: '更新するパスワードは、現在ご使用中のパスワードでは更新できません。',
  // seeds/002 field labels 「パスワード」「パスワード確認用」
  PASSWORD_CONFIRMATION_MISMATCH: '「パスワード」と「パスワード確認用」が一致しません。',
  PASSWORD_TOO_COMMON:
    'このパスワードは推測されやすいため登録できません。別のパスワードを入力してください。',
  'PASSWORD_TOO_COMMON.tenant-name':
    'ご加入の健康保険組合の名称はパスワードに設定できません。別のパスワードを入力してください。',
  PASSWORD_CONTAINS_BIRTH_DATE: '生年月日を含むパスワードは登録できません。',
  // seeds/004 email error table, No.1-4.
  EMAIL_REQUIRED: 'メールアドレスを入力してください。',
  EMAIL_TAKEN:
    '他のアカウントで設定されているメールアドレスです。別のメールアドレスを入力してください。',
  EMAIL_INVALID: '無効なメールアドレスです。入力したメールアドレスに誤りがないかご確認ください。',
  EMAIL_TOO_LONG: '設定可能なメールアドレスの最大文字数は{max}文字です。',
  // seeds/003 「生年月日を数字8桁で入力して下さい。」
  BIRTH_DATE_INVALID: '生年月日を数字8桁で入力して下さい。',
  'BIRTH_DATE_INVALID.required': '生年月日を入力してください。',
  'BIRTH_DATE_INVALID.calendar': '存在しない日付です。生年月日を数字8桁で正しく入力して下さい。',
  'BIRTH_DATE_INVALID.future': '未来の日付は生年月日として入力できません。',
  'BIRTH_DATE_INVALID.too-old': '1900年1月1日以降の生年月日を入力して下さい。',
  DEVICE_NAME_REQUIRED: 'デバイス名を入力してください。',
  DEVICE_NAME_TOO_LONG: 'デバイス名は{max}文字以内で入力してください。',
  // seeds/002 「すでに登録されている名前以外を入力して」
  DEVICE_NAME_TAKEN: 'すでに登録されている名前以外を入力してください。',
  // Worded like seeds/004 「以下の文字はユーザIDに利用できません：」.
  DEVICE_NAME_INVALID_CHARACTER: '以下の文字はデバイス名に利用できません：{characters}。',
  MEMBER_NAME_REQUIRED: '氏名を入力してください。',
  MEMBER_NAME_TOO_LONG: '氏名は{max}文字以内で入力してください。',
  MEMBER_NAME_INVALID_CHARACTER: '以下の文字は氏名に利用できません：{characters}。',
  // seeds/002 「６桁のワンタイムパスワードを入力」
  OTP_FORMAT_INVALID: '{digits}桁のワンタイムパスワードを入力してください。',
};

const en: Record<IssueCode, string> & Record<string, string> = {
  USER_ID_REQUIRED: 'Enter a user ID.',
  USER_ID_TOO_SHORT: 'The user ID must be {min} to {max} letters and digits long.',
  USER_ID_TOO_LONG: 'The user ID must be {min} to {max} letters and digits long.',
  USER_ID_INVALID_CHARACTER:
    'These characters cannot be used in a user ID: {characters}. Use letters, digits and - _ . @.',
  PASSWORD_REQUIRED: 'Enter a password.',
  PASSWORD_TOO_SHORT: 'The password must be at least {min} characters long.',
  PASSWORD_TOO_LONG: 'The password can be at most {max} characters long.',
  PASSWORD_INVALID_CHARACTER: `The password contains characters that cannot be used: {characters}. Use half-width letters, digits and the symbols ${PASSWORD_SYMBOLS}`,
  'PASSWORD_INVALID_CHARACTER.yen-sign': `The password contains characters that cannot be used: {characters}. Type the yen sign as a half-width backslash "\\" (the ¥ key of a Japanese PC keyboard types it; on a phone, use the symbols of the English keyboard). Use half-width letters, digits and the symbols ${PASSWORD_SYMBOLS}`,
  PASSWORD_MISSING_UPPERCASE: 'Use at least one upper-case letter (A-Z) in the password.',
  PASSWORD_MISSING_LOWERCASE: 'Use at least one lower-case letter (a-z) in the password.',
  PASSWORD_MISSING_DIGIT: 'Use at least one digit (0-9) in the password.',
  PASSWORD_MISSING_SYMBOL: `Use at least one symbol (${PASSWORD_SYMBOLS}) in the password.`,
  PASSWORD_EQUALS_USER_ID: 'The password must not be the same as the user ID.',
  PASSWORD_CONTAINS_USER_ID: 'The password must not contain the user ID.',
  PASSWORD_SAME_AS_CURRENT: 'The new password must be different from the current password.',
  PASSWORD_CONFIRMATION_MISMATCH: 'The password and its confirmation do not match.',
  PASSWORD_TOO_COMMON: 'This password is too common and easy to guess. Choose another password.',
  'PASSWORD_TOO_COMMON.tenant-name':
    'The name of your organization cannot be used as a password. Choose another password.',
  PASSWORD_CONTAINS_BIRTH_DATE: 'The password must not contain your date of birth.',
  EMAIL_REQUIRED: 'Enter an email address.',
  EMAIL_TAKEN: 'This email address is used by another account. Enter a different email address.',
  EMAIL_INVALID: 'This email address is invalid. Check the address you entered.',
  EMAIL_TOO_LONG: 'An email address can be at most {max} characters long.',
  BIRTH_DATE_INVALID: 'Enter your date of birth as 8 digits (YYYYMMDD).',
  'BIRTH_DATE_INVALID.required': 'Enter your date of birth.',
  'BIRTH_DATE_INVALID.calendar':
    'This date does not exist. Enter your date of birth as 8 digits (YYYYMMDD).',
  'BIRTH_DATE_INVALID.future': 'The date of birth cannot be in the future.',
  'BIRTH_DATE_INVALID.too-old': 'Enter a date of birth on or after 1 January 1900.',
  DEVICE_NAME_REQUIRED: 'Enter a device name.',
  DEVICE_NAME_TOO_LONG: 'The device name can be at most {max} characters long.',
  DEVICE_NAME_TAKEN: 'This name is already registered. Enter a different name.',
  DEVICE_NAME_INVALID_CHARACTER: 'These characters cannot be used in a device name: {characters}.',
  MEMBER_NAME_REQUIRED: 'Enter the name.',
  MEMBER_NAME_TOO_LONG: 'The name can be at most {max} characters long.',
  MEMBER_NAME_INVALID_CHARACTER: 'These characters cannot be used in a name: {characters}.',
  OTP_FORMAT_INVALID: 'Enter the {digits}-digit one-time password.',
};

/**
 * The messages of every policy issue code in Japanese and English. A key `CODE.reason` (e.g.
 * `BIRTH_DATE_INVALID.future`) is a reason-specific text that `formatIssue` prefers when the
 * issue has that `reason`. Swap or extend texts with `formatIssue`'s overrides.
 *
 * @example
 * ```ts
 * import { messages } from '@monban/policy';
 *
 * messages.ja.EMAIL_REQUIRED; // 'メールアドレスを入力してください。'
 * ```
 */
export const messages: Readonly<Record<Locale, MessageCatalog>> = deepFreeze({ ja, en });
