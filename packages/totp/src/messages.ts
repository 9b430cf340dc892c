import type { Locale, MessageCatalog } from '@monban/policy';

/**
 * Messages for the TOTP factor's codes in Japanese and English, following the manuals' wording
 * (seed 002 section 2-4 and FAQ Q9/Q10, seed 004): 「認証コードが異なります」, codes change every 30
 * seconds, and "turn on your phone's automatic time setting" for a clock that is off.
 * `TOTP_CLOCK_SKEW` has reason-specific keys (`.ahead`, `.behind`) picked by `formatIssue` from
 * `params.reason`; `{seconds}` is the absolute offset. `CODE_INVALID` repeats core's text so the
 * catalogue also works on its own. The factor object carries this catalogue as `messages`, and
 * core's `formatError` uses it; override any key through `createMonban({ messages })`.
 *
 * @example
 * ```ts
 * import { formatIssue } from '@monban/policy';
 * import { messages } from '@monban/totp';
 *
 * formatIssue({ code: 'TOTP_CLOCK_SKEW', reason: 'ahead', seconds: 90, skewSeconds: 90 }, 'en', undefined, [messages]);
 * // "The code is incorrect: your phone's clock seems to be about 90 seconds fast. ..."
 * ```
 */
export const messages: Readonly<Record<Locale, MessageCatalog>> = {
  ja: {
    CODE_INVALID:
      '認証コードが異なります。ワンタイムパスワードは30秒ごとに切り替わりますので、切り替わった直後の値を入力してください。',
    TOTP_CLOCK_SKEW:
      '認証コードが異なります。スマートデバイスの時刻が約{seconds}秒ずれているようです。スマートデバイスの設定で日付と時刻の自動設定（時刻の自動補正機能）をオンにしてから、表示されたワンタイムパスワードを入力してください。',
    'TOTP_CLOCK_SKEW.ahead':
      '認証コードが異なります。スマートデバイスの時刻が約{seconds}秒進んでいるようです。スマートデバイスの設定で日付と時刻の自動設定（時刻の自動補正機能）をオンにしてから、表示されたワンタイムパスワードを入力してください。',
    'TOTP_CLOCK_SKEW.behind':
      '認証コードが異なります。スマートデバイスの時刻が約{seconds}秒遅れているようです。スマートデバイスの設定で日付と時刻の自動設定（時刻の自動補正機能）をオンにしてから、表示されたワンタイムパスワードを入力してください。',
    TOTP_CODE_REUSED:
      'このワンタイムパスワードは既に使用されています。新しいワンタイムパスワードに切り替わるまでお待ちのうえ、入力してください。',
    TOTP_DEVICE_REQUIRED: 'ワンタイムパスワードを表示するスマートデバイスを選択してください。',
    'TOTP_KEY_INVALID.characters':
      'キーに使用できない文字が含まれています。英字（A〜Z）と数字（2〜7）で入力してください。',
    TOTP_KEY_INVALID: 'キーの長さが正しくありません。表示されたキーをすべて入力してください。',
  },
  en: {
    CODE_INVALID:
      'The code is incorrect. Codes change every 30 seconds: enter the code right after it changes.',
    TOTP_CLOCK_SKEW:
      "The code is incorrect: your phone's clock seems to be about {seconds} seconds off. Turn on automatic date and time in your phone's settings, then enter the code it shows.",
    'TOTP_CLOCK_SKEW.ahead':
      "The code is incorrect: your phone's clock seems to be about {seconds} seconds fast. Turn on automatic date and time in your phone's settings, then enter the code it shows.",
    'TOTP_CLOCK_SKEW.behind':
      "The code is incorrect: your phone's clock seems to be about {seconds} seconds slow. Turn on automatic date and time in your phone's settings, then enter the code it shows.",
    TOTP_CODE_REUSED: 'This code has already been used. Wait for the next code and enter that one.',
    TOTP_DEVICE_REQUIRED: 'Choose the device that shows your one-time codes.',
    'TOTP_KEY_INVALID.characters':
      'The key contains characters that are not allowed. Use the letters A-Z and the digits 2-7.',
    TOTP_KEY_INVALID: 'The key has the wrong length. Enter the whole key as shown.',
  },
};
