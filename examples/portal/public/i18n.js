// Screen texts in Japanese (the manuals' wording) and English. Error messages are not here:
// they come from the API, in the language sent as Accept-Language.

const texts = {
  ja: {
    login: 'ログイン',
    userId: 'ユーザID',
    password: 'パスワード',
    remember: 'ログインしたままにする',
    // Seeds 002, 003, 004: the login screen's links.
    forgotPassword: 'パスワードを忘れた方はこちら',
    forgotPasswordTitle: 'パスワードの再設定',
    forgotUserId: 'ユーザIDを忘れた方はこちら',
    forgotUserIdTitle: 'ユーザIDの確認',
    loginHint: '通知書に記載されている仮ユーザIDと仮パスワードを入力してください。',
    lockoutRule:
      'パスワードなどを{threshold}回続けて間違えると、アカウントが{minutes}分間ロックされ、正しいパスワードでもログインできなくなります。メールアドレスを確認済みの場合は、ロックされたことをメールでお知らせします。',
    lockoutRuleAdmin:
      'パスワードなどを{threshold}回続けて間違えると、アカウントがロックされます。ロックの解除はご加入の健保組合までお問い合わせください。',
    birthDate: '生年月日',
    birthDateHint: '初回ログイン時、本人確認のために生年月日を入力してください（例：19801201）。',
    birthDateHintReset:
      '新しいスマートデバイスを設定する前に、本人確認のために生年月日を入力してください（例：19801201）。',
    next: '次へ',
    send: '送信',
    run: '実行',
    terms: '利用規約',
    termsUpdated: '利用規約が更新されました。内容をご確認のうえ、同意してください。',
    termsBody:
      '第1条（目的）本規約は、加入者ポータル（以下「本サービス」）の利用条件を定めるものです。\n第2条（認証）利用者は、多要素認証を設定し、認証情報を適切に管理するものとします。\n第3条（禁止事項）利用者は、第三者に認証情報を利用させてはなりません。\n（デモ用の規約です）',
    termsVersion: '（第{version}版）',
    agree: '同意する',
    chooseMethod: '認証方式の選択',
    newUserIdOptional: '新しいユーザID（任意）',
    userIdRules: '8〜{max}文字。英字は小文字として扱います。使用できる記号：- _ . @',
    showBanned: '利用不可文字一覧を見る',
    banned: '利用不可文字',
    factor_passkey: '生体認証（パスキー）',
    factor_totp: 'OTP認証（認証アプリ）',
    'factor_email-otp': 'メールでワンタイムパスワード',
    newPassword: '新しいパスワード',
    confirmPassword: '新しいパスワード（確認）',
    passwordRules: 'パスワードの条件',
    rule_length: '{min}文字以上、{max}文字以内',
    rule_ascii: '半角英数字と記号 !"#$%&\'()=~|`{+*}<>?_-^\\@[;:],./',
    rule_upper: '英大文字を1文字以上',
    rule_lower: '英小文字を1文字以上',
    rule_digit: '数字を1文字以上',
    rule_symbol: '記号を1文字以上',
    rule_notUserId: 'ユーザIDと同じものは使用できません',
    rule_noUserIdInside: 'ユーザIDを含むものは使用できません',
    rule_notBirthDate: '生年月日を含むものは使用できません',
    rule_common: 'よく使われるパスワードは使用できません',
    email: 'メールアドレス',
    emailHint: 'メールアドレスを入力し、「送信」をタップしてください。',
    emailHintRegistered:
      '登録されているメールアドレスを確認し、変更する場合はメールアドレスを入力し直して、「送信」をタップしてください。',
    checkMail: 'メールをご確認ください',
    checkMailBody:
      '{email} に確認メールを送信しました。メール内のリンクを開くと、この画面は自動的に次へ進みます。',
    resend: '再送信',
    resendIn: '再送信（{s}秒後）',
    signedOut: 'いったんログアウトしました',
    signedOutBody:
      '多要素認証の設定を続けるには、ユーザIDと新しいパスワードでもう一度ログインしてください。',
    signedOutBodyWithId:
      '多要素認証の設定を続けるには、ユーザID「{userId}」と新しいパスワードでもう一度ログインしてください。',
    loginAgain: 'もう一度ログインする',
    setupTotp: 'ワンタイムパスワード認証の設定',
    totpScan:
      '認証アプリ（Google Authenticator、Microsoft Authenticator など）で QR コードを読み取ってください。',
    openInApp: 'この端末の認証アプリで開く',
    copyKey: 'キーをコピー',
    keyCopied: 'コピーしました',
    prerequisites: '各認証方法における前提事項は下記のとおりです。',
    prerequisitePasskeyTitle: '【生体認証を選択いただく場合】',
    prerequisitePasskey: 'ご自身のスマートフォンが生体認証(顔認証 等)に対応していること。',
    prerequisiteTotpTitle: '【OTPを選択いただく場合】',
    prerequisiteTotp:
      'OTP認証は、ご利用機種に応じた各種ストアより、以下のアプリケーションのいずれかをインストールしていること。',
    cantScan: 'スキャンできませんか？',
    manualKey: '次のキーを認証アプリに入力してください（スペースは入力不要です）',
    deviceName: 'デバイス名',
    deviceNameHint: '例：iPhone',
    code: '認証コード（6桁）',
    setupPasskey: '生体認証（パスキー）の設定',
    passkeyHint:
      '「パスキーを登録」をタップし、画面の案内に従って顔認証・指紋認証などを行ってください。',
    passkeyName: 'パスキーの名前',
    registerPasskey: 'パスキーを登録',
    usePasskey: 'パスキーでログイン',
    // Seed 002: 「お手持ちのスマートデバイスに備わっている生体認証機能（例：顔認証、指紋認証）」.
    passkeyLoginHint:
      '「パスキーでログイン」をタップし、お手持ちのスマートデバイスに備わっている生体認証機能（例：顔認証、指紋認証）で本人確認を行ってください。',
    usePasskeyStepUp: 'パスキーで本人確認',
    retry: '再試行してください',
    otherMethod: '他の認証方式を選ぶ',
    otherDevice: '別のデバイスで認証する',
    back: '戻る',
    signInWithPasskey: 'パスキーでログイン（パスワード不要）',
    orPasskey:
      'パスキーを登録済みの方は、ユーザIDとパスワードの代わりに生体認証でログインできます。',
    setupEmailOtp: 'メールによるワンタイムパスワードの設定',
    emailCodeSent:
      '{email} にワンタイムパスワードを送信しました。受信したワンタイムパスワードを入力してください。',
    secondFactor: '多要素認証',
    pickDevice: '認証に使うデバイスを選んでください',
    enterTotp: '認証アプリに表示されている6桁のコードを入力してください。',
    home: 'ホーム',
    welcome: 'ようこそ、{name} さん',
    yourUserId: 'ユーザID：{userId}',
    menu: 'サービスメニュー',
    menuNotice: 'お知らせ',
    menuMedical: '医療費のお知らせ',
    menuCheckup: '健診結果',
    settings: '設定',
    logout: 'ログアウト',
    logoutConfirm: 'ログアウトしてもよろしいですか？',
    doLogout: 'ログアウトする',
    cancel: 'キャンセル',
    loggedOut: 'ログアウトしました。',
    changeUserId: 'ユーザIDの変更',
    changePassword: 'パスワードの変更',
    currentPassword: '現在のパスワード',
    passwordSignsOutOthers:
      'パスワードを変更すると、この端末以外のすべての端末からログアウトします。',
    keepOtherSessions: '他の端末のログイン状態を維持する',
    changeEmail: 'メールアドレスの変更',
    emailChangeSent:
      '新しいメールアドレスに確認メールを送信しました。リンクを開くと変更が完了します。',
    devices: '登録済みの認証デバイス',
    addDevice: 'デバイスを追加',
    rename: '名前を変更',
    remove: '削除',
    removeConfirm: '削除する',
    sessions: 'ログイン中の端末',
    thisDevice: 'この端末',
    endSession: 'ログアウトさせる',
    logoutEverywhere: 'すべての端末からログアウト',
    logoutEverywhereConfirm: 'すべての端末からログアウトします。よろしいですか？',
    doLogoutEverywhere: 'すべての端末からログアウトする',
    saved: '変更しました。',
    stepUp: '本人確認',
    stepUpBody: '続行するには、もう一度認証してください。',
    confirm: '確認',
    forgotPasswordBody:
      'ユーザIDを入力してください。登録されているメールアドレスに、パスワード再設定用のリンク（5分間有効）を送信します。',
    resetSent:
      'ご登録のメールアドレスにリンクを送信しました。メールが届かない場合は、ユーザIDをご確認ください。',
    forgotUserIdBody:
      '生年月日と登録済みのメールアドレスを入力してください。ユーザIDをメールでお知らせします。',
    userIdSent: '入力内容が登録情報と一致した場合、ユーザIDをメールで送信しました。',
    verifying: '確認しています…',
    emailVerified: 'メールアドレスを確認しました。元の画面に戻ると手続きが続きます。',
    emailChanged: 'メールアドレスを変更しました。',
    backToLogin: 'ログイン画面へ',
    backHome: 'ホームへ戻る',
    flowKind_recovery: 'パスワードの再設定',
    createdAt: '登録日時',
    lastUsed: '最終利用',
    never: 'なし',
  },
  en: {
    login: 'Log in',
    userId: 'User ID',
    password: 'Password',
    remember: 'Keep me signed in',
    forgotPassword: 'Forgot your password?',
    forgotPasswordTitle: 'Reset your password',
    forgotUserId: 'Forgot your user ID?',
    forgotUserIdTitle: 'Find your user ID',
    loginHint: 'Enter the temporary user ID and password printed on your notice.',
    lockoutRule:
      'After {threshold} wrong attempts in a row, your account is locked for {minutes} minutes, and even the right password will not sign you in until then. If your email address is confirmed, we tell you by email when that happens.',
    lockoutRuleAdmin:
      'After {threshold} wrong attempts in a row, your account is locked. Contact your health insurance society to unlock it.',
    birthDate: 'Birth date',
    birthDateHint:
      'For your first login, enter your birth date to confirm your identity (e.g. 19801201).',
    birthDateHintReset:
      'Before you set up your new phone, enter your birth date to confirm your identity (e.g. 19801201).',
    next: 'Next',
    send: 'Send',
    run: 'Continue',
    terms: 'Terms of use',
    termsUpdated: 'The terms of use were updated. Please review and accept them.',
    termsBody:
      'Article 1 (Purpose) These terms govern the use of the member portal (the "Service").\nArticle 2 (Authentication) Members set up multi-factor authentication and keep their credentials safe.\nArticle 3 (Prohibited acts) Members must not let others use their credentials.\n(Demo terms)',
    termsVersion: '(version {version})',
    agree: 'I agree',
    chooseMethod: 'Choose an authentication method',
    newUserIdOptional: 'New user ID (optional)',
    userIdRules: '8-{max} characters. Letters are lower-cased. Allowed symbols: - _ . @',
    showBanned: 'Show characters that cannot be used',
    banned: 'Characters that cannot be used',
    factor_passkey: 'Biometrics (passkey)',
    factor_totp: 'One-time password (authenticator app)',
    'factor_email-otp': 'One-time password by email',
    newPassword: 'New password',
    confirmPassword: 'New password (again)',
    passwordRules: 'Password rules',
    rule_length: '{min} to {max} characters',
    rule_ascii: 'Letters, digits and the symbols !"#$%&\'()=~|`{+*}<>?_-^\\@[;:],./',
    rule_upper: 'At least one upper-case letter',
    rule_lower: 'At least one lower-case letter',
    rule_digit: 'At least one digit',
    rule_symbol: 'At least one symbol',
    rule_notUserId: 'Must not equal your user ID',
    rule_noUserIdInside: 'Must not contain your user ID',
    rule_notBirthDate: 'Must not contain your birth date',
    rule_common: 'Must not be a common password',
    email: 'Email address',
    emailHint: 'Enter your email address and tap Send.',
    emailHintRegistered:
      'Check the registered email address. To change it, enter another one; then tap Send.',
    checkMail: 'Check your mail',
    checkMailBody:
      'We sent a confirmation mail to {email}. Once you open the link in it, this page continues by itself.',
    resend: 'Resend',
    resendIn: 'Resend (in {s} s)',
    signedOut: 'You have been signed out',
    signedOutBody:
      'To continue with the multi-factor setup, log in again with your user ID and new password.',
    signedOutBodyWithId:
      'To continue with the multi-factor setup, log in again as "{userId}" with your new password.',
    loginAgain: 'Log in again',
    setupTotp: 'Set up one-time passwords',
    totpScan:
      'Scan the QR code with an authenticator app (Google Authenticator, Microsoft Authenticator...).',
    openInApp: 'Open in the authenticator app on this device',
    copyKey: 'Copy the key',
    keyCopied: 'Copied',
    prerequisites: 'What each method needs:',
    prerequisitePasskeyTitle: 'Biometrics (passkey)',
    prerequisitePasskey: 'Your smartphone supports biometrics (face recognition, etc.).',
    prerequisiteTotpTitle: 'One-time passwords (OTP)',
    prerequisiteTotp: 'One of these apps is installed from your device’s app store:',
    cantScan: "Can't scan?",
    manualKey: 'Enter this key in your authenticator app (spaces are optional)',
    deviceName: 'Device name',
    deviceNameHint: 'e.g. iPhone',
    code: 'Code (6 digits)',
    setupPasskey: 'Set up a passkey',
    passkeyHint:
      'Tap "Register passkey" and follow your device (face, fingerprint or screen lock).',
    passkeyName: 'Passkey name',
    registerPasskey: 'Register passkey',
    usePasskey: 'Log in with a passkey',
    passkeyLoginHint:
      'Tap "Log in with a passkey" and confirm it is you with your phone (face, fingerprint or screen lock).',
    usePasskeyStepUp: 'Confirm with a passkey',
    retry: 'Try again',
    otherMethod: 'Choose another method',
    otherDevice: 'Use another device',
    back: 'Back',
    signInWithPasskey: 'Log in with a passkey (no password)',
    orPasskey:
      'If you registered a passkey, you can log in with biometrics instead of your user ID and password.',
    setupEmailOtp: 'Set up one-time passwords by email',
    emailCodeSent: 'We sent a one-time password to {email}. Enter the code you received.',
    secondFactor: 'Multi-factor authentication',
    pickDevice: 'Choose the device to authenticate with',
    enterTotp: 'Enter the 6-digit code shown in your authenticator app.',
    home: 'Home',
    welcome: 'Welcome, {name}',
    yourUserId: 'User ID: {userId}',
    menu: 'Services',
    menuNotice: 'Notices',
    menuMedical: 'Medical expenses',
    menuCheckup: 'Health check results',
    settings: 'Settings',
    logout: 'Log out',
    logoutConfirm: 'Do you really want to log out?',
    doLogout: 'Log out',
    cancel: 'Cancel',
    loggedOut: 'You have logged out.',
    changeUserId: 'Change user ID',
    changePassword: 'Change password',
    currentPassword: 'Current password',
    passwordSignsOutOthers: 'Changing the password signs you out on every other device.',
    keepOtherSessions: 'Keep me signed in on my other devices',
    changeEmail: 'Change email address',
    emailChangeSent:
      'We sent a confirmation link to the new address. The change applies once you open it.',
    devices: 'Registered devices',
    addDevice: 'Add a device',
    rename: 'Rename',
    remove: 'Remove',
    removeConfirm: 'Remove',
    sessions: 'Signed-in devices',
    thisDevice: 'This device',
    endSession: 'Sign out',
    logoutEverywhere: 'Sign out of all devices',
    logoutEverywhereConfirm: 'This signs you out on every device, this one included. Continue?',
    doLogoutEverywhere: 'Sign out everywhere',
    saved: 'Saved.',
    stepUp: 'Confirm it is you',
    stepUpBody: 'Please authenticate again to continue.',
    confirm: 'Confirm',
    forgotPasswordBody:
      'Enter your user ID. We will mail a link to reset your password (valid for 5 minutes) to your registered address.',
    resetSent: 'We sent a link to your registered address. If no mail arrives, check your user ID.',
    forgotUserIdBody:
      'Enter your birth date and registered email address. We will mail you your user ID.',
    userIdSent: 'If the details match our records, we have mailed you your user ID.',
    verifying: 'Checking…',
    emailVerified: 'Your email address is confirmed. Go back to the original page to continue.',
    emailChanged: 'Your email address was changed.',
    backToLogin: 'Back to log in',
    backHome: 'Back to home',
    flowKind_recovery: 'Reset your password',
    createdAt: 'Added',
    lastUsed: 'Last used',
    never: 'never',
  },
};

/** The page language, as the server chose it for `<html lang>` (cookie, else Accept-Language). */
export const lang = document.documentElement.lang === 'en' ? 'en' : 'ja';

/**
 * A text function over a module's own catalogue (`{ ja: {...}, en: {...} }`): the text of `key`
 * in the page language (Japanese when missing), with `{name}` parameters filled in.
 */
export function catalog(table) {
  return (key, params = {}) => {
    const text = table[lang][key] ?? table.ja[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
  };
}

/** A screen text with `{name}` parameters filled in. */
export const t = catalog(texts);

/** Switches the language (cookie for the server, reload for every text). */
export function switchLanguage(next) {
  // biome-ignore lint/suspicious/noDocumentCookie: a plain cookie the server reads; no Cookie Store API needed
  document.cookie = `lang=${next}; path=/; max-age=31536000; samesite=lax`;
  location.reload();
}
