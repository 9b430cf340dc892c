import type { Locale, MessageCatalog } from '@monban/policy';
import type { CoreErrorCode } from './errors/codes.js';

const ja: Record<CoreErrorCode, string> & Record<string, string> = {
  // Seed 002 FAQ Q8 and Q5/Q6: one answer for unknown ID, wrong password and locked account.
  INVALID_CREDENTIALS:
    '無効なユーザIDまたはパスワードです。繰り返しログインできない場合は、ご加入の健保組合までお問い合わせください。',
  ACCOUNT_LOCKED: 'アカウントがロックされました。ご加入の健保組合までお問い合わせください。',
  // Said only to a member who proved the password (a flow step), never at the login itself.
  'ACCOUNT_LOCKED.temporary':
    'アカウントがロックされました。{minutes}分ほど時間をおいてから、もう一度ログインしてください。解除されない場合は、ご加入の健保組合までお問い合わせください。',
  FLOW_NOT_FOUND: '手続きが見つかりません。もう一度ログインしてください。',
  // Seeds 000/003: 「ログイン中に一定時間が経過したことでエラーとなったとき」
  FLOW_EXPIRED:
    'ログイン中に一定時間が経過したため、手続きが無効になりました。もう一度ログインしてください。',
  STEP_NOT_ALLOWED: 'この操作は現在の手順では行えません。画面の案内に従って進めてください。',
  VALIDATION_FAILED: '入力内容に誤りがあります。',
  BIRTH_DATE_MISMATCH: '生年月日が正しくありません。',
  TERMS_VERSION_MISMATCH:
    '利用規約が更新されました。最新の利用規約をご確認のうえ同意してください。',
  FACTOR_NOT_ALLOWED: 'この認証方法はご利用いただけません。',
  FACTOR_NOT_AVAILABLE: 'この認証方法は現在ご利用いただけません。',
  FACTOR_NOT_CONFIGURED: '認証方法が設定されていません。',
  FACTOR_SETUP_NOT_STARTED: '認証方法の設定を最初からやり直してください。',
  FACTOR_VERIFICATION_FAILED: '認証に失敗しました。もう一度お試しください。',
  CHALLENGE_NOT_STARTED: '認証を最初からやり直してください。',
  // Seed 002/004: 「認証コードが異なります」, codes change every 30 seconds.
  CODE_INVALID:
    '認証コードが異なります。ワンタイムパスワードは30秒ごとに切り替わりますので、切り替わった直後の値を入力してください。',
  CODE_EXPIRED: 'ワンタイムパスワードの有効期限が切れています。再送信してください。',
  TOO_MANY_ATTEMPTS: '試行回数の上限に達しました。しばらくしてからお試しください。',
  RATE_LIMITED: '操作が続けて行われました。{retryAfterSeconds}秒後にお試しください。',
  USER_ID_TAKEN: 'このユーザIDは既に使用されています。別のユーザIDを入力してください。',
  // seeds/004 email error table, No.2 (the same words as policy's EMAIL_TAKEN issue).
  EMAIL_TAKEN:
    '他のアカウントで設定されているメールアドレスです。別のメールアドレスを入力してください。',
  EMAIL_REQUIRED_FIRST: '先にメールアドレスを登録してください。',
  EMAIL_LINK_INVALID:
    'このリンクは無効か、有効期限が切れています。もう一度手続きを行ってください。',
  SESSION_INVALID: 'ログインの有効期限が切れました。もう一度ログインしてください。',
  REAUTHENTICATION_REQUIRED: '続行するには、もう一度認証してください。',
  LAST_FACTOR: '最後の認証方法は削除できません。別の認証方法を設定してから削除してください。',
  CURRENT_PASSWORD_INVALID: '現在のパスワードが正しくありません。',
  CONFIRMATION_REQUIRED: '「{label}」を削除してもよろしいですか？',
  STEP_UP_NOT_STARTED: 'もう一度認証を最初からやり直してください。',
  FACTOR_ALREADY_REGISTERED: 'この認証デバイスは既に登録されています。',
  NOT_FOUND: '対象が見つかりません。',
  CONCURRENT_UPDATE: '別の操作と重なりました。もう一度お試しください。',
  STORAGE_UNAVAILABLE: 'ただいまサービスをご利用いただけません。しばらくしてからお試しください。',
  MAIL_UNAVAILABLE: 'メールを送信できませんでした。しばらくしてから再送信してください。',
  PASSKEY_UNKNOWN_CREDENTIAL:
    'このパスキーは登録されていません。生体認証を設定したデバイス(スマートフォン等)で認証してください。',
  RECOVERY_CODE_INVALID:
    'リカバリーコードが正しくないか、既に使用されています。保存したコードのうち未使用のものを入力してください。',
};

const en: Record<CoreErrorCode, string> & Record<string, string> = {
  INVALID_CREDENTIALS:
    'Invalid user ID or password. If you still cannot sign in, contact the organization that gave you your account.',
  ACCOUNT_LOCKED: 'Your account is locked. Contact the organization that gave you your account.',
  'ACCOUNT_LOCKED.temporary':
    'Your account is locked. Wait about {minutes} minutes, then sign in again. If it stays locked, contact the organization that gave you your account.',
  FLOW_NOT_FOUND: 'This sign-in could not be found. Please sign in again.',
  FLOW_EXPIRED: 'The sign-in timed out. Please sign in again.',
  STEP_NOT_ALLOWED:
    'This action is not possible at the current step. Follow the instructions on screen.',
  VALIDATION_FAILED: 'Some of the input is invalid.',
  BIRTH_DATE_MISMATCH: 'The birth date is incorrect.',
  TERMS_VERSION_MISMATCH:
    'The terms of use were updated. Please review and accept the latest version.',
  FACTOR_NOT_ALLOWED: 'This authentication method is not offered.',
  FACTOR_NOT_AVAILABLE: 'This authentication method is not available right now.',
  FACTOR_NOT_CONFIGURED: 'No authentication method is set up.',
  FACTOR_SETUP_NOT_STARTED: 'Please start the setup of your authentication method again.',
  FACTOR_VERIFICATION_FAILED: 'Authentication failed. Please try again.',
  CHALLENGE_NOT_STARTED: 'Please start the authentication again.',
  CODE_INVALID:
    'The code is incorrect. Codes change every 30 seconds: enter the code right after it changes.',
  CODE_EXPIRED: 'The one-time code has expired. Please request a new one.',
  TOO_MANY_ATTEMPTS: 'Too many attempts. Please try again later.',
  RATE_LIMITED: 'Too many requests. Please try again in {retryAfterSeconds} seconds.',
  USER_ID_TAKEN: 'This user ID is already in use. Please choose another one.',
  EMAIL_TAKEN: 'This email address is used by another account. Enter a different email address.',
  EMAIL_REQUIRED_FIRST: 'Please register an email address first.',
  EMAIL_LINK_INVALID: 'This link is invalid or has expired. Please start again.',
  SESSION_INVALID: 'Your session has ended. Please sign in again.',
  REAUTHENTICATION_REQUIRED: 'Please authenticate again to continue.',
  LAST_FACTOR: 'You cannot remove your last authentication method. Set up another one first.',
  CURRENT_PASSWORD_INVALID: 'The current password is incorrect.',
  CONFIRMATION_REQUIRED: 'Do you really want to remove "{label}"?',
  STEP_UP_NOT_STARTED: 'Please start the authentication again.',
  FACTOR_ALREADY_REGISTERED: 'This device is already registered.',
  NOT_FOUND: 'Not found.',
  CONCURRENT_UPDATE: 'This collided with another action. Please try again.',
  STORAGE_UNAVAILABLE: 'The service is unavailable right now. Please try again later.',
  MAIL_UNAVAILABLE: 'The mail could not be sent. Please try again later.',
  PASSKEY_UNKNOWN_CREDENTIAL:
    'This passkey is not registered. Use the device on which you set up biometric authentication.',
  RECOVERY_CODE_INVALID:
    'This recovery code is wrong or has already been used. Enter one of your saved codes that you have not used yet.',
};

/**
 * Messages for every core code, in Japanese (the manuals' wording where they have one) and
 * English. Pass overrides to `createMonban({ messages })` to change any of them.
 *
 * @example
 * ```ts
 * coreMessages.ja.FLOW_EXPIRED; // 'ログイン中に一定時間が経過したため、…'
 * ```
 */
export const coreMessages: Readonly<Record<Locale, MessageCatalog>> = Object.freeze({
  ja: Object.freeze(ja),
  en: Object.freeze(en),
});
