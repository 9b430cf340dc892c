import type { Locale } from '@monban/policy';
import type { LandingKind } from './landingSettings.js';

/** The words of one landing page. */
interface PageText {
  /** Heading and title. */
  title: string;
  /** What the button does. */
  intro: string;
  /** The button. */
  button: string;
  /** The heading once done. */
  done: string;
  /** What to do next, once done. */
  next: string;
}

/** The words of the pages of the mailed links, in both languages. */
export const PAGE_TEXTS: Readonly<Record<Locale, Readonly<Record<LandingKind, PageText>>>> = {
  ja: {
    verifyEmail: {
      title: 'メールアドレスの確認',
      intro: 'ボタンを押すと、メールアドレスの確認が完了します。',
      button: 'メールアドレスを確認する',
      done: 'メールアドレスを確認しました',
      next: '手続きをしていた画面に戻って、続きを進めてください。',
    },
    resetPassword: {
      title: 'パスワードの再設定',
      intro: 'ボタンを押すと、パスワードの再設定を始めます。',
      button: '再設定を始める',
      done: 'パスワードの再設定を始めました',
      next: '「続ける」から、新しいパスワードの設定に進んでください。',
    },
    confirmEmail: {
      title: 'メールアドレス変更の確認',
      intro: 'ボタンを押すと、新しいメールアドレスへの変更が完了します。',
      button: '変更を確定する',
      done: 'メールアドレスを変更しました',
      next: '今後のお知らせは新しいメールアドレスに届きます。',
    },
  },
  en: {
    verifyEmail: {
      title: 'Confirm your email address',
      intro: 'Press the button to confirm your email address.',
      button: 'Confirm my email address',
      done: 'Your email address is confirmed',
      next: 'Go back to the screen where you started to continue.',
    },
    resetPassword: {
      title: 'Reset your password',
      intro: 'Press the button to start resetting your password.',
      button: 'Start the reset',
      done: 'Your password reset has started',
      next: 'Choose “Continue” to set a new password.',
    },
    confirmEmail: {
      title: 'Confirm your new email address',
      intro: 'Press the button to switch to your new email address.',
      button: 'Confirm the change',
      done: 'Your email address is changed',
      next: 'From now on, notices go to your new email address.',
    },
  },
};

/** Words every page shares. */
export const COMMON_TEXTS: Readonly<Record<Locale, { failed: string; continue: string }>> = {
  ja: { failed: '手続きできませんでした', continue: '続ける' },
  en: { failed: 'This did not work', continue: 'Continue' },
};
