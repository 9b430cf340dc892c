import type { Locale, MessageCatalog } from '@monban/policy';

/**
 * Messages for the passkey factor's codes in Japanese and English. The cancelled / failed
 * ceremony follows the manuals (seed 000 ③ and seed 003 section 3: 「生体認証でエラーが出た時…
 * 「再試行してください」に進んでください。再度、生体認証のサインインが開始されます」), and a browser
 * that cannot reach the phone repeats their Bluetooth advice for PCs. Reason-specific keys
 * (`PASSKEY_VERIFICATION_FAILED.origin`, ...) are picked by `formatIssue` from `params.reason`.
 * The factor object carries this catalogue as `messages`; override any key through
 * `createMonban({ messages })`.
 *
 * @example
 * ```ts
 * import { formatIssue } from '@monban/policy';
 * import { messages } from '@monban/webauthn';
 *
 * formatIssue({ code: 'PASSKEY_CANCELLED' }, 'ja', undefined, [messages]);
 * // "生体認証でエラーが発生しました。「再試行してください」を押すと、…"
 * ```
 */
export const messages: Readonly<Record<Locale, MessageCatalog>> = {
  ja: {
    PASSKEY_CANCELLED:
      '生体認証でエラーが発生しました。「再試行してください」を押すと、再度、生体認証のサインインが開始されます。',
    PASSKEY_CLIENT_ERROR:
      'このブラウザまたはデバイスでは生体認証を開始できませんでした。PCでスマートフォンの生体認証を使う場合は、両方のデバイスがインターネットに接続していて、Bluetoothがオンになっていることを確認してください。',
    PASSKEY_CHALLENGE_EXPIRED:
      '一定時間が経過したか、すでに使用された認証要求です。「再試行してください」を押して、もう一度生体認証を行ってください。',
    PASSKEY_RESPONSE_INVALID:
      '生体認証の結果を読み取れませんでした。「再試行してください」を押して、もう一度お試しください。',
    'PASSKEY_RESPONSE_INVALID.credential-id-length':
      'このパスキーは利用できません。別のデバイスで生体認証の設定を行ってください。',
    PASSKEY_NOT_REGISTERED:
      '生体認証(パスキー)が登録されていません。生体認証の設定を行ってください。',
    PASSKEY_ALREADY_REGISTERED:
      'このデバイスのパスキーはすでに登録されています。登録済みのデバイスで生体認証を行うか、別のデバイスを登録してください。',
    PASSKEY_UNKNOWN_CREDENTIAL:
      'このパスキーは登録されていません。生体認証を設定したデバイス(スマートフォン等)で認証してください。',
    PASSKEY_VERIFICATION_FAILED:
      '生体認証に失敗しました。「再試行してください」を押して、もう一度お試しください。',
    'PASSKEY_VERIFICATION_FAILED.origin':
      'このページでは生体認証を利用できません。ブックマークや正しいURLからアクセスし直してください。',
    'PASSKEY_VERIFICATION_FAILED.rp-id':
      'このページでは生体認証を利用できません。ブックマークや正しいURLからアクセスし直してください。',
    'PASSKEY_VERIFICATION_FAILED.user-verification':
      'デバイスの生体認証(顔認証・指紋認証など)または画面ロックによる本人確認が必要です。デバイスの設定を確認のうえ、もう一度お試しください。',
    'PASSKEY_VERIFICATION_FAILED.algorithm':
      'このデバイスの認証方式には対応していません。別のデバイスで生体認証の設定を行ってください。',
    PASSKEY_COUNTER_INVALID:
      'このパスキーは安全のため利用できません。お手数ですが、保険者へお問い合わせください。',
  },
  en: {
    PASSKEY_CANCELLED:
      'Biometric authentication did not complete. Press "Try again" to start the passkey sign-in again.',
    PASSKEY_CLIENT_ERROR:
      'This browser or device could not start biometric authentication. To use your phone from a PC, make sure both devices are online and Bluetooth is on.',
    PASSKEY_CHALLENGE_EXPIRED:
      'This request timed out or was already used. Press "Try again" and authenticate once more.',
    PASSKEY_RESPONSE_INVALID:
      'The result of biometric authentication could not be read. Press "Try again" to retry.',
    'PASSKEY_RESPONSE_INVALID.credential-id-length':
      'This passkey cannot be used. Set up biometric authentication on another device.',
    PASSKEY_NOT_REGISTERED: 'No passkey is registered. Set up biometric authentication first.',
    PASSKEY_ALREADY_REGISTERED:
      "This device's passkey is already registered. Sign in with it, or register another device.",
    PASSKEY_UNKNOWN_CREDENTIAL:
      'This passkey is not registered. Use the device on which you set up biometric authentication.',
    PASSKEY_VERIFICATION_FAILED: 'Biometric authentication failed. Press "Try again" to retry.',
    'PASSKEY_VERIFICATION_FAILED.origin':
      'Passkeys cannot be used on this page. Open the portal from your bookmark or its correct address.',
    'PASSKEY_VERIFICATION_FAILED.rp-id':
      'Passkeys cannot be used on this page. Open the portal from your bookmark or its correct address.',
    'PASSKEY_VERIFICATION_FAILED.user-verification':
      "Your device must verify you (face, fingerprint or screen lock). Check the device's settings and try again.",
    'PASSKEY_VERIFICATION_FAILED.algorithm':
      "This device's key type is not supported. Set up biometric authentication on another device.",
    PASSKEY_COUNTER_INVALID:
      'For your safety this passkey cannot be used. Please contact your insurer.',
  },
};
