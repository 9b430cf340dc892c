// The first-login steps before factor setup: birth date, terms, method (and new user ID),
// password, email and the mailed link.
import { api, tenant } from './api.js';
import { flowEnded, flowScreen, rememberUserId, showFlow, step } from './flow.js';
import { t } from './i18n.js';
import { errorBox, field, form, h, showError, title } from './ui.js';
export function birthDate(flow) {
  // A password reset asks it too, before a new device is set up (R-REC-2).
  const hint = flow.kind === 'recovery' ? 'birthDateHintReset' : 'birthDateHint';
  flowScreen(
    ...title(t('birthDate'), t(hint)),
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

export function terms(flow) {
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

export function chooseMethod(flow) {
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
        if (v.userId) rememberUserId(v.userId);
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

export function newPassword(flow) {
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
export function email(flow) {
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
export function checkMail(flow) {
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
