/**
 * What the screens must tell every member, checked in the page by the screenshot suite:
 * where a flow is (the step indicator) and where a refused form went wrong (errors at their
 * fields, wired for screen readers, the first invalid field focused).
 */
import type { Page } from 'playwright-core';
import { inPage } from './layoutChecks.js';

/** The steps of a flow whose screens show the step indicator. */
const FLOW_STEPS = [
  'verify-birthdate',
  'accept-terms',
  'choose-method',
  'update-password',
  'update-email',
  'verify-email',
  'configure-factor',
  'change-method',
];

/**
 * A first-login or reset step shows 「ステップ n / total」 (or "Step n of total") and an
 * ordered list with exactly one `aria-current="step"`, the n-th.
 */
export function stepIndicatorProblems(page: Page): Promise<string[]> {
  return inPage(
    page,
    (steps: string[]) => {
      if (!steps.includes(document.body.dataset.step ?? '')) return [];
      const nav = document.querySelector('main nav.steps');
      if (nav === null) return ['no step indicator on a flow step'];
      const count = nav.querySelector('.steps-count')?.textContent ?? '';
      const match = /(\d+)\s*(?:\/|of)\s*(\d+)/.exec(count);
      const items = Array.from(nav.querySelectorAll('ol > li'));
      const current = items.findIndex((li) => li.getAttribute('aria-current') === 'step');
      const problems: string[] = [];
      if (match === null) problems.push(`step count "${count}" is not "n / total"`);
      else if (Number(match[1]) !== current + 1 || Number(match[2]) !== items.length) {
        problems.push(`"${count}" but step ${current + 1} of ${items.length} is current`);
      }
      if (items.filter((li) => li.hasAttribute('aria-current')).length !== 1) {
        problems.push('not exactly one aria-current="step"');
      }
      return problems;
    },
    FLOW_STEPS,
  );
}

/**
 * Errors on screen: each error at a field follows an input marked `aria-invalid="true"` and
 * named in its `aria-describedby`; a general error is in a `role="alert"` area.
 */
export function errorProblems(page: Page): Promise<string[]> {
  return inPage(
    page,
    (_: null) => {
      const problems: string[] = [];
      for (const error of Array.from(document.querySelectorAll('.field-error'))) {
        const input = error.previousElementSibling;
        if (!(input instanceof HTMLInputElement)) {
          problems.push(`field error "${error.textContent}" is not after an input`);
          continue;
        }
        if (input.getAttribute('aria-invalid') !== 'true') {
          problems.push(`#${input.id} has an error but is not aria-invalid`);
        }
        const described = (input.getAttribute('aria-describedby') ?? '').split(' ');
        if (!described.includes(error.id)) {
          problems.push(`#${input.id} is not described by its error #${error.id}`);
        }
      }
      for (const error of Array.from(document.querySelectorAll('.error:not([hidden])'))) {
        if (error.getAttribute('role') !== 'alert') problems.push('a general error is no alert');
      }
      return problems;
    },
    null,
  );
}

/** Right after a form was refused: its first invalid input (if any) has the focus. */
export function focusProblems(page: Page): Promise<string[]> {
  return inPage(
    page,
    (_: null) => {
      const form = document.activeElement?.closest('form') ?? null;
      const invalid = (form ?? document).querySelector('[aria-invalid="true"]');
      if (invalid === null || document.activeElement === invalid) return [];
      return [`the first invalid field #${invalid.id} does not have the focus`];
    },
    null,
  );
}
