// Login, every first-login step (driven by the API's `flow.step`), second factor and recovery.
import { api, tenant } from './api.js';
import {
  emailCodeEntry,
  factorSetup,
  getPasskey,
  passkeyPrompt,
  setupTitle,
  totpEntry,
} from './factors.js';
import { t } from './i18n.js';
import { lostDeviceChoice } from './lostDevice.js';
import { go, mark } from './nav.js';
import { recoveryChoice, recoveryCodeEntry, rt, showRecoveryCodes } from './recoveryCodes.js';
import { clearError, errorBox, field, form, h, linkButton, show, showError, title } from './ui.js';

/** The login screen (R-LOG-1), with "keep me signed in" and the two "forgot" links. */
export function loginScreen(notice) {
  show(
    ...title(t('login'), t('loginHint')),
    notice ? h('p', { class: 'notice' }, notice) : null,
    form(
      [
        field(t('userId'), { name: 'userId', autocomplete: 'username', autocapitalize: 'none' }),
        field(t('password'), {
          name: 'password',
          type: 'password',
          autocomplete: 'current-password',
        }),
        h(
          'label',
          { class: 'check' },
          h('input', { type: 'checkbox', name: 'remember', value: 'yes' }),
          t('remember'),
        ),
      ],
      t('login'),
      async (v) => {
        nextUserId = v.userId ?? '';
        const r = await api('POST', '/login', {
          userId: v.userId ?? '',
          password: v.password ?? '',
          remember: v.remember === 'yes',
        });
        if (!r.ok) return r.error;
        showFlow(r.data);
      },
      [
        h(
          'p',
          { class: 'links' },
          linkButton(t('forgotPassword'), () => go('forgot-password')),
          linkButton(t('forgotUserId'), () => go('forgot-user-id')),
        ),
      ],
    ),
    tenant.passkeySignIn ? passkeySignIn() : null,
    lockoutRule(),
  );
}

/** Passwordless sign-in (R-LOG-3), when the tenant enables it: the browser picks the passkey. */
function passkeySignIn() {
  const box = errorBox();
  const button = h(
    'button',
    { type: 'button', class: 'secondary', id: 'passkey-sign-in' },
    t('signInWithPasskey'),
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      clearError(box);
      const remember = document.querySelector('input[name="remember"]')?.checked === true;
      const begun = await api('POST', '/login/passkey', {});
      if (!begun.ok) return showError(box, begun.error);
      const response = await getPasskey(begun.data.client.options);
      const r = await api('POST', '/login/passkey/verify', { response, remember });
      if (!r.ok) {
        // Each press begins a new sign-in: the button the message names begins it again.
        button.textContent = t('retry');
        return showError(box, r.error);
      }
      showFlow(r.data);
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'passkey-sign-in' }, h('p', {}, t('orPasskey')), button, box);
}

/**
 * The tenant's lockout rule under the login form, the same for everyone: the login's answer
 * never says whether an account is locked (ACCEPTANCE 40), so the screen says how locks work.
 */
function lockoutRule() {
  const rule = tenant.lockout;
  if (!rule) return null;
  const text =
    rule.minutes === null
      ? t('lockoutRuleAdmin', { threshold: rule.threshold })
      : t('lockoutRule', { threshold: rule.threshold, minutes: rule.minutes });
  return h('p', { class: 'muted lockout-rule', id: 'lockout-rule' }, text);
}

/** Shows a flow error that ends the flow (time-out) with a way back to login. */
function flowEnded(error) {
  const box = errorBox();
  show(
    ...title(t('login')),
    box,
    h('button', { class: 'primary', onclick: () => go('login') }, t('backToLogin')),
  );
  showError(box, error);
}

/**
 * Draws a screen of a flow, with the way out every step offers: 「ログアウト」 leaves the flow
 * (after 「ログアウトしてもよろしいですか？」), whatever step it is at.
 */
function flowScreen(...nodes) {
  show(...nodes, h('p', { class: 'links flow-exit' }, linkButton(t('logout'), leaveFlow)));
}

/** 「ログアウトしてもよろしいですか？」 for a flow: POST /flow/cancel, then the login screen. */
function leaveFlow() {
  // No step of the flow is on screen now (the mail check stops polling).
  document.body.dataset.step = 'leave-flow';
  show(
    ...title(t('logout'), t('logoutConfirm')),
    h(
      'button',
      {
        class: 'primary',
        onclick: async () => {
          await api('POST', '/flow/cancel', {});
          loginScreen(t('loggedOut'));
        },
      },
      t('doLogout'),
    ),
    linkButton(t('cancel'), () => resume()),
  );
}

/** Runs a flow call and shows the next screen, or returns the error for the form. */
async function step(method, path, body) {
  const r = await api(method, path, body);
  if (r.ok) return void showFlow(r.data);
  // A lock ends the flow too (too many wrong codes): say so once, with the way back to login,
  // rather than a form whose next try could only answer 「手続きが見つかりません」.
  if (['FLOW_EXPIRED', 'FLOW_NOT_FOUND', 'ACCOUNT_LOCKED'].includes(r.error.code)) {
    return void flowEnded(r.error);
  }
  return r.error;
}

/** Draws the screen for `answer.flow.step` (or the portal once a session opened). */
export function showFlow(answer) {
  const { flow } = answer;
  // The first factor's recovery codes, shown once before anything else (R-REC-1).
  if (answer.recoveryCodes) {
    return showRecoveryCodes(answer.recoveryCodes, () =>
      showFlow({ ...answer, recoveryCodes: undefined }),
    );
  }
  if (answer.session || flow.status === 'completed') return go('home');
  if (flow.status === 'signed-out') return signedOut();
  mark('flow');
  const screens = {
    'verify-birthdate': birthDate,
    'accept-terms': terms,
    'choose-method': chooseMethod,
    'update-password': newPassword,
    'update-email': email,
    'verify-email': checkMail,
    'configure-factor': configureFactor,
    'second-factor': secondFactor,
  };
  document.body.dataset.step = flow.step;
  return screens[flow.step](flow, answer);
}

function birthDate() {
  flowScreen(
    ...title(t('birthDate'), t('birthDateHint')),
    form(
      [
        field(t('birthDate'), {
          name: 'birthDate',
          inputmode: 'numeric',
          placeholder: 'YYYYMMDD',
          maxlength: 8,
        }),
      ],
      t('next'),
      (v) => step('POST', '/flow/birth-date', { birthDate: v.birthDate ?? '' }),
    ),
  );
}

function terms(flow) {
  const updated = flow.kind === 'login';
  flowScreen(
    ...title(t('terms'), updated ? t('termsUpdated') : null),
    h(
      'div',
      { class: 'terms', tabindex: 0 },
      `${t('termsBody')}\n${t('termsVersion', { version: flow.termsVersion })}`,
    ),
    form([], t('agree'), () => step('POST', '/flow/terms', { version: flow.termsVersion })),
  );
}

const BANNED = '< > & " \' (space) \\v \\t $ % ! # ? § , ; : * ~ / \\ | ^ = [ ] { } ( ) `';

function chooseMethod(flow) {
  const max = tenant.policy.userId.maxLength;
  const options = flow.factors.map((kind, i) =>
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'factor', value: kind, checked: i === 0 }),
      t(`factor_${kind}`),
    ),
  );
  flowScreen(
    ...title(t('chooseMethod')),
    form(
      [
        h('fieldset', {}, h('legend', {}, t('chooseMethod')), options),
        methodPrerequisites(flow.factors),
        // A password reset sets up a new device; the user ID is changed only at a first login.
        ...(flow.kind === 'recovery'
          ? []
          : [
              field(
                t('newUserIdOptional'),
                { name: 'userId', autocapitalize: 'none', autocomplete: 'username' },
                t('userIdRules', { max }),
              ),
              h(
                'details',
                {},
                h('summary', {}, t('showBanned')),
                h('p', { class: 'banned' }, BANNED),
              ),
            ]),
      ],
      t('run'),
      (v) => {
        if (v.userId) nextUserId = v.userId;
        return step('POST', '/flow/method', {
          factor: v.factor,
          ...(v.userId ? { userId: v.userId } : {}),
        });
      },
    ),
  );
}

/** Seed 000 section 5: what each method needs before it is chosen (「前提事項」). */
function methodPrerequisites(factors) {
  const parts = [h('p', { class: 'lead' }, t('prerequisites'))];
  if (factors.includes('passkey')) {
    parts.push(h('h3', {}, t('prerequisitePasskeyTitle')), h('p', {}, t('prerequisitePasskey')));
  }
  if (factors.includes('totp')) {
    parts.push(
      h('h3', {}, t('prerequisiteTotpTitle')),
      h('p', {}, t('prerequisiteTotp')),
      h('ul', {}, [
        h('li', {}, 'Google Authenticator(Google認証システム)'),
        h('li', {}, 'Microsoft Authenticator(Microsoft認証システム)'),
        h('li', {}, 'FreeOTP(Red Hat認証システム)'),
      ]),
    );
  }
  return h('div', { class: 'rules prerequisites' }, parts);
}

/** The tenant's password rules as a list (R-POL-2). */
export function passwordRules() {
  const p = tenant.policy.password;
  const rules = [
    t('rule_length', { min: p.minLength, max: p.maxLength }),
    t('rule_ascii'),
    p.requireUppercase && t('rule_upper'),
    p.requireLowercase && t('rule_lower'),
    p.requireDigit && t('rule_digit'),
    p.requireSymbol && t('rule_symbol'),
    t(p.forbidUserIdInPassword ? 'rule_noUserIdInside' : 'rule_notUserId'),
    p.forbidBirthDate && t('rule_notBirthDate'),
    p.blocklist && t('rule_common'),
  ].filter(Boolean);
  return h(
    'div',
    { class: 'rules' },
    h('strong', {}, t('passwordRules')),
    h(
      'ul',
      {},
      rules.map((rule) => h('li', {}, rule)),
    ),
  );
}

function newPassword(flow) {
  flowScreen(
    ...title(flow.kind === 'recovery' ? t('flowKind_recovery') : t('newPassword')),
    passwordRules(),
    form(
      [
        field(t('newPassword'), {
          name: 'password',
          type: 'password',
          autocomplete: 'new-password',
        }),
        field(t('confirmPassword'), {
          name: 'confirmation',
          type: 'password',
          autocomplete: 'new-password',
        }),
      ],
      t('send'),
      (v) =>
        step('POST', '/flow/password', {
          password: v.password ?? '',
          confirmation: v.confirmation ?? '',
        }),
    ),
  );
}

/** Seed 002 ⑨: the registered address is shown, to keep or to change. */
function email(flow) {
  flowScreen(
    ...title(t('email'), t(flow.registeredEmail ? 'emailHintRegistered' : 'emailHint')),
    form(
      [
        field(t('email'), {
          name: 'email',
          type: 'email',
          autocomplete: 'email',
          maxlength: 300,
          value: flow.registeredEmail ?? undefined,
        }),
      ],
      t('send'),
      (v) => step('POST', '/flow/email', { email: v.email ?? '' }),
    ),
  );
}

/** 「メールをご確認ください」: polls GET /flow until the link is opened in another tab. */
function checkMail(flow) {
  const box = errorBox();
  const resend = h('button', { type: 'button', class: 'secondary' }, t('resend'));
  resend.addEventListener('click', async () => {
    const r = await api('POST', '/flow/email/resend', {});
    if (!r.ok) showError(box, r.error);
  });
  flowScreen(
    ...title(t('checkMail'), t('checkMailBody', { email: flow.emailVerificationSentTo ?? '' })),
    h('p', { class: 'spinner' }, '…'),
    box,
    resend,
  );
  const poll = async () => {
    if (document.body.dataset.step !== 'verify-email') return;
    const r = await api('GET', '/flow');
    if (!r.ok) return flowEnded(r.error);
    if (r.data.flow.step !== 'verify-email' || r.data.flow.status !== 'active')
      return showFlow(r.data);
    setTimeout(poll, 1500);
  };
  setTimeout(poll, 1500);
}

/**
 * The user ID the member logs in with next: the one typed at login, or the new one chosen at the
 * method step, normalized as the server stores it (NFKC, lower case).
 */
let nextUserId = '';

function signedOut() {
  document.body.dataset.step = 'signed-out';
  const userId = nextUserId.normalize('NFKC').toLowerCase().trim();
  show(
    ...title(t('signedOut'), userId ? t('signedOutBodyWithId', { userId }) : t('signedOutBody')),
    h('button', { class: 'primary', onclick: () => go('login') }, t('loginAgain')),
  );
}

/**
 * Factor setup (R-ENR-2): the chosen factor's form, 「他の認証方式を選ぶ」 back to the method choice
 * among the tenant's factors, and 「ログアウト」. A passkey is begun by its form, name first, once
 * per attempt; TOTP and email codes are begun here (the QR code, the mailed code).
 */
async function configureFactor(flow) {
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
function secondFactor(flow, answer) {
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
      ...title(t('secondFactor')),
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

/** Forgot password (R-SET-4): the ID, then the mailed 5-minute link. */
export function forgotPassword() {
  show(
    ...title(t('forgotPasswordTitle'), t('forgotPasswordBody')),
    form([field(t('userId'), { name: 'userId', autocapitalize: 'none' })], t('send'), async (v) => {
      const r = await api('POST', '/recovery/password', { userId: v.userId ?? '' });
      if (!r.ok) return r.error;
      loginScreen(t('resetSent'));
    }),
    linkButton(t('backToLogin'), () => go('login')),
  );
}

/** Forgot user ID (R-SET-5): birth date + email. */
export function forgotUserId() {
  show(
    ...title(t('forgotUserIdTitle'), t('forgotUserIdBody')),
    form(
      [
        field(t('birthDate'), { name: 'birthDate', inputmode: 'numeric', placeholder: 'YYYYMMDD' }),
        field(t('email'), { name: 'email', type: 'email' }),
      ],
      t('send'),
      async (v) => {
        const r = await api('POST', '/recovery/user-id', {
          birthDate: v.birthDate ?? '',
          email: v.email ?? '',
        });
        if (!r.ok) return r.error;
        loginScreen(t('userIdSent'));
      },
    ),
    linkButton(t('backToLogin'), () => go('login')),
  );
}

/** Landing of the mailed links: verify-email, reset-password, confirm-email. */
export async function landing(kind) {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  show(h('p', {}, t('verifying')));
  const box = errorBox();
  if (kind === 'reset-password') {
    const r = await api('POST', '/recovery/password/begin', { token });
    if (r.ok) return showFlow(r.data);
    show(
      ...title(t('flowKind_recovery')),
      box,
      linkButton(t('backToLogin'), () => go('login')),
    );
    return showError(box, r.error);
  }
  const path = kind === 'verify-email' ? '/email/verify' : '/email/confirm';
  const r = await api('POST', path, { token });
  if (!r.ok) {
    show(...title(t('email')), box);
    return showError(box, r.error);
  }
  show(...title(t('email'), kind === 'verify-email' ? t('emailVerified') : t('emailChanged')));
}

/** The start of a tenant: the portal when signed in, the flow in progress, else login. */
export async function resume() {
  const session = await api('GET', '/session');
  if (session.ok) return go('home');
  const flow = await api('GET', '/flow');
  if (flow.ok && flow.data.flow.status === 'active') return showFlow(flow.data);
  return loginScreen();
}
