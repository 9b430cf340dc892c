// Re-authentication (R-SET-2): settings calls retried after the password and a second factor.
import { api } from './api.js';
import { emailCodeEntry, passkeyPrompt, totpEntry } from './factors.js';
import { t } from './i18n.js';
import { canUseRecoveryCode, recoveryChoice, recoveryCodeEntry } from './recoveryCodes.js';
import { errorBox, field, fill, form, h, linkButton, showError } from './ui.js';
/** Runs `call`; when the API asks for re-authentication, asks for each proof, then retries. */
export async function withStepUp(call) {
  let r = await call();
  if (!r.ok && r.error.code === 'REAUTHENTICATION_REQUIRED') {
    const done = await stepUp(r.error.details?.required ?? ['password']);
    if (!done) return r;
    r = await call();
  }
  return r;
}

/**
 * The step-up dialog (R-SET-2): the password, then a second factor. Any of the member's devices
 * proves it, so with several the member picks one (a passkey member with a TOTP app may use
 * the app, ACCEPTANCE 58). A wrong code stays on the same form for another try; a failed
 * passkey dialog is retried with a fresh challenge.
 */
function stepUp(required) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'step-up' });
    document.body.append(dialog);
    const finish = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    const proofs = [...required];
    let useCode = () => null;
    const head = () => [h('h2', {}, t('stepUp')), h('p', {}, t('stepUpBody'))];
    const cancel = () =>
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => finish(false) },
        t('cancel'),
      );
    const next = async () => {
      const proof = proofs.shift();
      if (proof === undefined) return finish(true);
      if (proof === 'password') {
        fill(
          dialog,
          ...head(),
          form(
            [field(t('password'), { name: 'password', type: 'password', id: 'step-up-password' })],
            t('confirm'),
            async (v) => {
              const r = await api('POST', '/step-up/password', { password: v.password ?? '' });
              if (!r.ok) return r.error;
              await next();
            },
          ),
          cancel(),
        );
        return;
      }
      const list = await api('GET', '/settings/factors');
      const own = list.ok ? list.data.factors : [];
      // 「リカバリーコードを使う」 is offered beside the devices (R-REC-1, ACCEPTANCE 58).
      const code = { factor: 'recovery-code' };
      useCode = (await canUseRecoveryCode())
        ? () => recoveryChoice(() => begin(code, { kind: 'recovery-code' }, own))
        : () => null;
      if (own.length > 1) return pick(own);
      return begin(own[0] ? { credentialId: own[0].id } : { factor: proof }, own[0], own);
    };
    /** 「認証に使うデバイスを選んでください」: every device of the member, with its kind. */
    const pick = (own) =>
      fill(
        dialog,
        ...head(),
        h('p', {}, t('pickDevice')),
        h(
          'ul',
          { class: 'devices' },
          own.map((f) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'device-choice',
                  'data-kind': f.kind,
                  onclick: () => begin({ credentialId: f.id }, f, own),
                },
                f.label,
                h('span', { class: 'muted' }, ` (${t(`factor_${f.kind}`)})`),
              ),
            ),
          ),
        ),
        useCode(),
        cancel(),
      );
    const begin = async (which, device, own) => {
      const again = own.length > 1 ? linkButton(t('otherDevice'), () => pick(own)) : null;
      const r = await api('POST', '/step-up/challenge', which);
      if (!r.ok) {
        const box = errorBox();
        fill(dialog, ...head(), box, again, cancel());
        return showError(box, r.error);
      }
      const verify = async (response) => {
        const v = await api('POST', '/step-up/challenge/verify', { response: response ?? '' });
        if (!v.ok) return v.error;
        await next();
      };
      const client = r.data.client ?? {};
      const kind = device?.kind ?? which.factor;
      const body =
        kind === 'recovery-code'
          ? recoveryCodeEntry(verify)
          : kind === 'passkey'
            ? passkeyPrompt(client.options, {
                label: t('usePasskeyStepUp'),
                begin: () => api('POST', '/step-up/challenge', which),
                verify,
              })
            : kind === 'email-otp'
              ? emailCodeEntry(client, {
                  complete: (_label, code) => verify(code),
                  resend: () => api('POST', '/step-up/challenge', which),
                })
              : totpEntry(verify, client.label ?? device?.label);
      const code = kind === 'recovery-code' ? null : useCode();
      fill(dialog, ...head(), body, code, again, cancel());
    };
    dialog.showModal();
    void next();
  });
}
