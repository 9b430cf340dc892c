// Factor setup and the second factor inside a flow: the chosen factor's ceremony, another
// method, the device picker and recovery codes.
import { api } from './api.js';
import { emailCodeEntry, factorSetup, passkeyPrompt, setupTitle, totpEntry } from './factors.js';
import { flowEnded, flowScreen, resume, showFlow, step } from './flow.js';
import { t } from './i18n.js';
import { lostDeviceChoice } from './lostDevice.js';
import { mark } from './nav.js';
import { recoveryChoice, recoveryCodeEntry, rt } from './recoveryCodes.js';
import { errorBox, form, h, linkButton, showError, title } from './ui.js';
/**
 * Factor setup (R-ENR-2): the chosen factor's form, 「他の認証方式を選ぶ」 back to the method choice
 * among the tenant's factors, and 「ログアウト」. A passkey is begun by its form, name first, once
 * per attempt; TOTP and email codes are begun here (the QR code, the mailed code).
 */
export async function configureFactor(flow) {
  const complete = (label, response) =>
    step('POST', '/flow/factor/complete', { label: label ?? '', response: response ?? '' });
  const others = otherMethod(flow);
  if (flow.chosenFactor === 'passkey') {
    return flowScreen(
      ...title(setupTitle('passkey')),
      factorSetup(
        'passkey',
        {},
        {
          begin: (label) => api('POST', '/flow/factor', { label }),
          complete,
        },
      ),
      others,
    );
  }
  const r = await api('POST', '/flow/factor', {});
  if (!r.ok) {
    if (r.error.code === 'FLOW_EXPIRED') return flowEnded(r.error);
    const box = errorBox();
    flowScreen(...title(setupTitle(flow.chosenFactor)), box, others);
    return showError(box, r.error);
  }
  const kind = r.data.flow.ceremony?.factor ?? flow.chosenFactor;
  flowScreen(
    ...title(setupTitle(kind)),
    factorSetup(kind, r.data.client ?? {}, {
      complete,
      resend: () => api('POST', '/flow/factor', {}),
    }),
    others,
  );
}

/** 「他の認証方式を選ぶ」 when the tenant offers another factor (not in a password reset). */
function otherMethod(flow) {
  const choices = flow.factors ?? [];
  if (flow.kind === 'recovery' || choices.every((kind) => kind === flow.chosenFactor)) return null;
  return h(
    'p',
    { class: 'links' },
    linkButton(t('otherMethod'), () => switchMethod(flow)),
  );
}

/** Back to the method choice from factor setup: POST /flow/factor/method, then the setup. */
function switchMethod(flow) {
  const options = flow.factors.map((kind) =>
    h(
      'label',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: 'factor',
        value: kind,
        checked: kind === flow.chosenFactor,
      }),
      t(`factor_${kind}`),
    ),
  );
  mark('flow');
  document.body.dataset.step = 'change-method';
  flowScreen(
    ...title(t('chooseMethod')),
    form([h('fieldset', {}, h('legend', {}, t('chooseMethod')), options)], t('run'), (v) =>
      step('POST', '/flow/factor/method', { factor: v.factor ?? '' }),
    ),
    h(
      'p',
      { class: 'links' },
      linkButton(t('back'), () => resume()),
    ),
  );
}

/**
 * The second factor (R-LOG-2..4): a device picker when there are several, then the ceremony.
 * With one TOTP device the login's answer has already begun the challenge: straight to the code.
 */
export function secondFactor(flow, answer) {
  const devices = flow.devices ?? [];
  if (flow.ceremony?.mode === 'challenge' && answer?.client !== undefined) {
    return ceremony(answer, {}, devices[0]);
  }
  if (devices.length > 1) {
    return flowScreen(
      ...title(t('secondFactor'), t('pickDevice')),
      h(
        'ul',
        { class: 'devices' },
        devices.map((d) =>
          h(
            'li',
            {},
            h(
              'button',
              { class: 'device-choice', onclick: () => challenge({ credentialId: d.id }, d) },
              `${d.label}`,
              h('span', { class: 'muted' }, ` (${t(`factor_${d.kind}`)})`),
            ),
          ),
        ),
      ),
      recoveryLink(flow),
      lostDeviceChoice(flow, showFlow, flowEnded),
    );
  }
  return challenge({}, devices[0]);
}

async function challenge(which, device) {
  const box = errorBox();
  const r = await api('POST', '/flow/challenge', which);
  if (!r.ok) {
    if (r.error.code === 'FLOW_EXPIRED') return flowEnded(r.error);
    flowScreen(...title(t('secondFactor')), box);
    return showError(box, r.error);
  }
  return ceremony(r.data, which, device);
}

/**
 * 「リカバリーコードを使う」 under every second-factor screen that offers it (R-REC-1): login,
 * and a password reset that asks for a factor.
 */
function recoveryLink(flow) {
  if (!flow?.recoveryCode) return null;
  return recoveryChoice(async () => {
    const r = await api('POST', '/flow/challenge', { factor: 'recovery-code' });
    if (!r.ok) {
      if (r.error.code === 'FLOW_EXPIRED') return flowEnded(r.error);
      const box = errorBox();
      flowScreen(...title(t('secondFactor')), box);
      return showError(box, r.error);
    }
    document.body.dataset.step = 'recovery-code';
    flowScreen(
      ...title(t('secondFactor'), rt('use')),
      recoveryCodeEntry((code) => step('POST', '/flow/challenge/verify', { response: code })),
      h(
        'p',
        { class: 'links' },
        linkButton(rt('backToDevice'), () => resume()),
      ),
    );
  });
}

/** The screen of a begun challenge: a passkey button, an emailed code, or a TOTP code. */
function ceremony(answer, which, device) {
  const kind = answer.flow.ceremony?.factor ?? device?.kind ?? answer.flow.chosenFactor;
  const client = answer.client ?? {};
  const verify = (response) => step('POST', '/flow/challenge/verify', { response: response ?? '' });
  const other = [recoveryLink(answer.flow), lostDeviceChoice(answer.flow, showFlow, flowEnded)];
  if (kind === 'passkey') {
    return flowScreen(
      ...title(t('secondFactor'), t('passkeyLoginHint')),
      passkeyPrompt(client.options, {
        label: t('usePasskey'),
        begin: () => api('POST', '/flow/challenge', which),
        verify,
      }),
      other,
    );
  }
  if (kind === 'email-otp') {
    return flowScreen(
      ...title(t('secondFactor')),
      emailCodeEntry(client, {
        complete: (_label, code) => verify(code),
        resend: () => api('POST', '/flow/challenge', which),
      }),
      other,
    );
  }
  flowScreen(...title(t('secondFactor')), totpEntry(verify, client.label ?? device?.label), other);
}
