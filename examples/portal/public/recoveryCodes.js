// Recovery codes (R-REC-1): the screen that shows a new set once (「テキストで保存」 and
// 「保存しました」), 「リカバリーコードを使う」 wherever a second factor is asked (login, step-up,
// password reset), and the settings section (how many are left, a new set behind step-up).
import { api, tenant } from './api.js';
import { lang, t } from './i18n.js';
import { errorBox, field, fill, form, h, show, showError, title } from './ui.js';

const texts = {
  ja: {
    title: 'リカバリーコード',
    lead: 'スマートフォンをなくしたときなど、認証アプリやパスキーが使えないときに、代わりにログインできるコードです。各コードは1回だけ使えます。この画面を閉じると二度と表示されません。',
    keep: '印刷するか、パスワード管理アプリなど安全な場所に保存してください。他人に見せないでください。',
    download: 'テキストで保存',
    saved: '保存しました',
    savedCheck: 'リカバリーコードを安全な場所に保存しました',
    use: 'リカバリーコードを使う',
    enter:
      '保存したリカバリーコードを1つ入力してください（ハイフンや大文字・小文字は区別しません）。',
    code: 'リカバリーコード',
    backToDevice: '認証アプリ・パスキーで認証する',
    remaining: '残り {remaining} / {total} 個',
    none: 'リカバリーコードはまだ発行されていません。',
    few: '残りが少なくなっています。新しいコードを発行してください。',
    regenerate: '新しいリカバリーコードを発行',
    regenerateConfirm:
      '新しいコードを発行すると、今までのリカバリーコードはすべて使えなくなります。よろしいですか？',
    regenerateDo: '発行する',
    fileHeading: '{tenant} リカバリーコード',
    fileMade: '発行日時: {at}',
    fileNote:
      '各コードは1回だけ使えます。認証アプリやパスキーが使えないとき、ログイン画面の「リカバリーコードを使う」から入力してください。',
  },
  en: {
    title: 'Recovery codes',
    lead: 'If you lose your phone or cannot use your authenticator app or passkey, you can sign in with one of these codes instead. Each code works once. They will not be shown again once you leave this screen.',
    keep: 'Print them or keep them somewhere safe, such as a password manager. Do not show them to anyone.',
    download: 'Download as text',
    saved: 'I have saved them',
    savedCheck: 'I have saved my recovery codes somewhere safe',
    use: 'Use a recovery code',
    enter: 'Enter one of your saved recovery codes (dashes and letter case do not matter).',
    code: 'Recovery code',
    backToDevice: 'Use my authenticator app or passkey',
    remaining: '{remaining} of {total} left',
    none: 'No recovery codes have been issued yet.',
    few: 'Only a few are left. Generate new codes.',
    regenerate: 'Generate new recovery codes',
    regenerateConfirm:
      'New codes replace the old ones: every recovery code you have now will stop working. Continue?',
    regenerateDo: 'Generate',
    fileHeading: '{tenant} recovery codes',
    fileMade: 'Issued: {at}',
    fileNote:
      'Each code works once. If you cannot use your authenticator app or passkey, choose "Use a recovery code" on the sign-in screen and enter one.',
  },
};

/** A recovery-code text with `{name}` parameters filled in. */
export function rt(key, params = {}) {
  const text = texts[lang][key] ?? texts.ja[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

/** The codes as a text file, for 「テキストで保存」. */
function codesFile(codes) {
  const at = new Date().toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
  return [
    rt('fileHeading', { tenant: tenant?.displayName ?? '' }),
    rt('fileMade', { at }),
    '',
    ...codes.map((code, i) => `${String(i + 1).padStart(2, ' ')}. ${code}`),
    '',
    rt('fileNote'),
    '',
  ].join('\n');
}

/**
 * A new set, shown once: the codes, 「テキストで保存」 (a Blob link) and 「保存しました」, which
 * is enabled once the member ticks that they saved them; then `onDone`.
 */
export function recoveryCodesView(codes, onDone) {
  const blob = new Blob([codesFile(codes)], { type: 'text/plain;charset=utf-8' });
  const download = h(
    'a',
    {
      class: 'button secondary',
      id: 'download-recovery-codes',
      href: URL.createObjectURL(blob),
      download: `recovery-codes-${tenant?.id ?? 'monban'}.txt`,
    },
    rt('download'),
  );
  const done = h('button', { type: 'button', class: 'primary', disabled: true }, rt('saved'));
  const check = h('input', { type: 'checkbox', id: 'recovery-codes-saved' });
  check.addEventListener('change', () => {
    done.disabled = !check.checked;
  });
  done.addEventListener('click', () => {
    URL.revokeObjectURL(download.href);
    onDone();
  });
  return [
    h('p', { class: 'notice' }, rt('keep')),
    h(
      'ol',
      { class: 'recovery-codes', id: 'recovery-codes' },
      codes.map((code) => h('li', {}, h('code', {}, code))),
    ),
    download,
    h('label', { class: 'check' }, check, rt('savedCheck')),
    done,
  ];
}

/** The screen right after the first factor was set up (R-REC-1), before going on. */
export function showRecoveryCodes(codes, onDone) {
  document.body.dataset.step = 'recovery-codes';
  show(...title(rt('title'), rt('lead')), ...recoveryCodesView(codes, onDone));
}

/** 「リカバリーコードを使う」 under a second-factor screen. */
export function recoveryChoice(onChoose) {
  return h(
    'p',
    { class: 'links recovery-choice' },
    h(
      'button',
      { type: 'button', class: 'link', id: 'use-recovery-code', onclick: onChoose },
      rt('use'),
    ),
  );
}

/** The form that takes one recovery code; `verify(code)` returns an error to show, if any. */
export function recoveryCodeEntry(verify) {
  return [
    h('p', {}, rt('enter')),
    form(
      [
        field(rt('code'), {
          name: 'code',
          id: 'recovery-code',
          autocomplete: 'off',
          autocapitalize: 'characters',
          spellcheck: 'false',
          placeholder: 'XXXXX-XXXXX',
          maxlength: 32,
        }),
      ],
      t('run'),
      (v) => verify(v.code ?? ''),
    ),
  ];
}

/** Whether this member can answer a step-up with a recovery code now. */
export async function canUseRecoveryCode() {
  const r = await api('GET', '/settings/recovery-codes');
  return r.ok && r.data.enabled && r.data.remaining > 0;
}

/**
 * The settings section: how many codes are left, and a new set after a confirmation, behind
 * step-up (`withStepUp` runs the call, asking for the proofs the API names). Nothing when the
 * tenant has no recovery codes.
 */
export function recoveryCodesSettings(withStepUp) {
  const section = h('section', { class: 'card', id: 'recovery-codes-settings', hidden: true });
  const draw = async () => {
    const r = await api('GET', '/settings/recovery-codes');
    if (!r.ok || !r.data.enabled) return;
    const { remaining, total, createdAt } = r.data;
    section.hidden = false;
    const box = errorBox();
    const regenerate = h('button', { type: 'button', class: 'secondary' }, rt('regenerate'));
    regenerate.addEventListener('click', () => confirm());
    const confirm = () =>
      fill(
        section,
        h('h2', {}, rt('title')),
        h('p', { class: 'confirm' }, rt('regenerateConfirm')),
        box,
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            onclick: async () => {
              const made = await withStepUp(() => api('POST', '/settings/recovery-codes', {}));
              if (!made.ok) return showError(box, made.error);
              fill(section, h('h2', {}, rt('title')), ...recoveryCodesView(made.data.codes, draw));
            },
          },
          rt('regenerateDo'),
        ),
        h('button', { type: 'button', class: 'secondary', onclick: () => draw() }, t('cancel')),
      );
    fill(
      section,
      h('h2', {}, rt('title')),
      createdAt === null
        ? h('p', {}, rt('none'))
        : h('p', { id: 'recovery-codes-remaining' }, rt('remaining', { remaining, total })),
      createdAt !== null && remaining <= 2 ? h('p', { class: 'notice' }, rt('few')) : null,
      box,
      regenerate,
    );
  };
  void draw();
  return section;
}
