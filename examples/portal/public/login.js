// The screens outside a flow: login (with passkey sign-in), the two "forgot" pages and the
// landing pages of the mailed links.
import { api, tenant } from './api.js';
import { getPasskey } from './factors.js';
import { rememberUserId, showFlow } from './flow.js';
import { hideAccount, showSignedOut } from './header.js';
import { t } from './i18n.js';
import { go } from './nav.js';
import { clearError, errorBox, field, form, h, linkButton, show, showError, title } from './ui.js';
/** The login screen (R-LOG-1), with "keep me signed in" and the two "forgot" links. */
export function loginScreen(notice) {
  document.body.dataset.step = 'login';
  showSignedOut();
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
        rememberUserId(v.userId ?? '');
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

/** Forgot password (R-SET-4): the ID, then the mailed 5-minute link. */
export function forgotPassword() {
  document.body.dataset.step = 'forgot-password';
  showSignedOut();
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
  document.body.dataset.step = 'forgot-user-id';
  showSignedOut();
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
  document.body.dataset.step = `landing-${kind}`;
  // Opened from a mail, maybe in another browser: no account entry at the top right.
  hideAccount();
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
  // A way on from the landing: the portal (its login when this browser is not signed in).
  const onward = () => linkButton(t('backHome'), () => go('home'));
  if (!r.ok) {
    show(...title(t('email')), box, onward());
    return showError(box, r.error);
  }
  if (kind === 'verify-email') return show(...title(t('email'), t('emailVerified')));
  show(...title(t('email'), t('emailChanged')), onward());
}
