// Where the member is in a flow: 「ステップ 2 / 5」 and the step's name above every screen of a
// first login or a password reset, with one compact marker per step (an ordered list whose
// current item is `aria-current="step"`), computed from the flow's `done` and `pending` steps.
import { tenant } from './api.js';
import { setupTitle } from './factors.js';
import { catalog } from './i18n.js';
import { h } from './ui.js';

const pt = catalog({
  ja: {
    count: 'ステップ {n} / {total}',
    'first-login': '初回ログインの手順',
    login: 'ログインの手順',
    recovery: 'パスワード再設定の手順',
    done: '（完了）',
    'verify-birthdate': '生年月日の入力',
    'accept-terms': '利用規約の確認',
    'choose-method': '認証方式の選択',
    'update-password': 'パスワードの変更',
    'update-email': 'メールアドレスの更新',
    'verify-email': 'メールアドレスの確認',
    'configure-factor': '認証方式の設定',
    'second-factor': '多要素認証',
  },
  en: {
    count: 'Step {n} of {total}',
    'first-login': 'First login steps',
    login: 'Login steps',
    recovery: 'Password reset steps',
    done: ' (done)',
    'verify-birthdate': 'Birth date',
    'accept-terms': 'Terms of use',
    'choose-method': 'Authentication method',
    'update-password': 'New password',
    'update-email': 'Email address',
    'verify-email': 'Email confirmation',
    'configure-factor': 'Authentication setup',
    'second-factor': 'Multi-factor authentication',
  },
});

/**
 * The steps of `flow` and the index of the current one, or null when there is nothing to show
 * (no active step, or an ordinary login's single second factor). A login that goes on with a
 * first login (the tenant signs out before factor setup, or the member left before it) counts
 * the tenant's first-login steps as done before it.
 */
export function flowProgress(flow) {
  if (flow?.status !== 'active' || !flow.step) return null;
  let done = flow.done ?? [];
  const pending = flow.pending ?? [];
  const continued = flow.kind === 'login' && pending.includes('configure-factor');
  if (continued && done.length === 0) {
    done = (tenant.steps ?? []).filter((step) => !pending.includes(step));
  }
  const steps = [...done, ...pending];
  if (flow.kind === 'login' && !continued && steps.length < 2) return null;
  return { steps, current: done.length, kind: continued ? 'first-login' : flow.kind };
}

/** The name of `step` (factor setup named after the chosen factor). */
function stepName(step, flow) {
  if (step === 'configure-factor' && flow.chosenFactor) return setupTitle(flow.chosenFactor);
  return pt(step);
}

/** The step indicator of `flow`, or null. */
export function stepIndicator(flow) {
  const progress = flowProgress(flow);
  if (progress === null) return null;
  const { steps, current, kind } = progress;
  return h(
    'nav',
    { class: 'steps', 'aria-label': pt(kind) },
    h(
      'p',
      { class: 'steps-now' },
      h('span', { class: 'steps-count' }, pt('count', { n: current + 1, total: steps.length })),
      h('span', { class: 'steps-name' }, stepName(steps[current], flow)),
    ),
    h(
      'ol',
      { class: 'steps-bar' },
      steps.map((step, i) =>
        h(
          'li',
          {
            class: i < current ? 'done' : i === current ? 'current' : null,
            'aria-current': i === current ? 'step' : null,
          },
          h(
            'span',
            { class: 'visually-hidden' },
            `${stepName(step, flow)}${i < current ? pt('done') : ''}`,
          ),
        ),
      ),
    ),
  );
}
