// A flow (first login, login, password reset) screen by screen: the API's `flow.step` picks the
// screen; every step offers 「ログアウト」.
import { api } from './api.js';
import { birthDate, checkMail, chooseMethod, email, newPassword, terms } from './enrollSteps.js';
import { configureFactor, secondFactor } from './factorSteps.js';
import { hideAccount, showSignedOut } from './header.js';
import { t } from './i18n.js';
import { loginScreen } from './login.js';
import { go, mark } from './nav.js';
import { showRecoveryCodes } from './recoveryCodes.js';
import { stepIndicator } from './steps.js';
import { errorBox, h, linkButton, show, showError, title } from './ui.js';

/** The flow whose step is on screen (for the step indicator). */
let current = null;

/** Shows a flow error that ends the flow (time-out) with a way back to login. */
export function flowEnded(error) {
  current = null;
  document.body.dataset.step = 'flow-ended';
  showSignedOut();
  const box = errorBox();
  show(
    ...title(t('login')),
    box,
    h('button', { class: 'primary', onclick: () => go('login') }, t('backToLogin')),
  );
  showError(box, error);
}

/**
 * Draws a screen of a flow under its step indicator, with the way out every step offers:
 * 「ログアウト」 leaves the flow (after 「ログアウトしてもよろしいですか？」), whatever step it is at.
 */
export function flowScreen(...nodes) {
  hideAccount();
  show(
    stepIndicator(current),
    ...nodes,
    h('p', { class: 'links flow-exit' }, linkButton(t('logout'), leaveFlow)),
  );
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
    h('button', { type: 'button', class: 'secondary', onclick: () => resume() }, t('cancel')),
  );
}

/** Runs a flow call and shows the next screen, or returns the error for the form. */
export async function step(method, path, body) {
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
  current = flow;
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

/**
 * The user ID the member logs in with next: the one typed at login, or the new one chosen at the
 * method step, normalized as the server stores it (NFKC, lower case).
 */
let nextUserId = '';

/** Notes the user ID typed at login or chosen at the method step. */
export function rememberUserId(userId) {
  nextUserId = userId;
}

export function signedOut() {
  document.body.dataset.step = 'signed-out';
  const userId = nextUserId.normalize('NFKC').toLowerCase().trim();
  show(
    ...title(t('signedOut'), userId ? t('signedOutBodyWithId', { userId }) : t('signedOutBody')),
    h('button', { class: 'primary', onclick: () => go('login') }, t('loginAgain')),
  );
}

/** The start of a tenant: the portal when signed in, the flow in progress, else login. */
export async function resume() {
  const session = await api('GET', '/session');
  if (session.ok) return go('home');
  const flow = await api('GET', '/flow');
  if (flow.ok && flow.data.flow.status === 'active') return showFlow(flow.data);
  return loginScreen();
}
